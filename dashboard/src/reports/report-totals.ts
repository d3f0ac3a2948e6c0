// The totals rows of a report: one per currency (money never adds up across currencies), shaped like a
// report row so the table's own columns draw it. Rates and EPC come from the summed counts with the
// API's own formulas (@leadrail/db/report-metrics), not from averaging the rows' rates.
import { deriveMetrics } from "@leadrail/db/report-metrics";
import type { MoneyVisibility, ReportRowData } from "./report-columns.ts";

const sum = (rows: readonly ReportRowData[], pick: (row: ReportRowData) => string | undefined | null) =>
  rows.reduce((total, row) => total + BigInt(pick(row) ?? "0"), 0n);

export function totalsByCurrency(rows: readonly ReportRowData[], see: MoneyVisibility): ReportRowData[] {
  const currencies = [...new Set(rows.map((row) => row.currency))].sort();
  return currencies.map((currency) => {
    const own = rows.filter((row) => row.currency === currency);
    const counts = {
      clicks: sum(own, (r) => r.clicks),
      uniqueClicks: sum(own, (r) => r.uniqueClicks),
      approvedConversions: sum(own, (r) => r.approvedConversions),
      payout: sum(own, (r) => r.payout?.amount),
      revenue: sum(own, (r) => r.revenue?.amount),
    };
    const derived = deriveMetrics(counts);
    const money = (amount: bigint | null) => (amount === null ? null : { amount: String(amount), currency });
    return {
      subs: [],
      currency,
      clicks: String(counts.clicks),
      uniqueClicks: String(counts.uniqueClicks),
      conversions: String(sum(own, (r) => r.conversions)),
      approvedConversions: String(counts.approvedConversions),
      conversionRate: derived.conversionRate,
      ...(see.payout ? { payout: money(counts.payout), epc: money(derived.epc) } : {}),
      ...(see.revenue ? { revenue: money(counts.revenue) } : {}),
      ...(see.margin ? { profit: money(derived.profit), marginBps: derived.marginBps } : {}),
    };
  });
}
