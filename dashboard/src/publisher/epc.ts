// The API's EPC is approved payout × 100 / clicks: earnings per 100 clicks (the CJ convention), so a
// $40 payout at a 1.6 % rate shows "$64.00", not "$0.64". Say so wherever it is shown.
export const EPC_LABEL = "EPC (per 100 clicks)";
export const EPC_HINT = "Earnings per 100 clicks over the last 30 days, across all publishers";
