// A conversion on a bot's click is never paid, whoever decides: the tracker's quality policy may
// reject or hold it, and no later move — the advertiser's status postback, confirmLeads, an overturn —
// may make it APPROVED. A crawler cannot be a customer, and a held lead a person could confirm would
// let one careless click pay for it. Shared because the tracker (postbacks, hosted form) and the API
// (lead decisions) both move conversions to APPROVED.
//
// The conversion carries the verdict in its quality signals (`bot_click`, written by the tracker when
// the click was flagged is_bot), so the rule needs no join on the clicks table.

export const BOT_CLICK_SIGNAL = "bot_click";

/** True when the conversion's stored quality signals (`conversions.quality_signals`) name a bot click. */
export function hasBotClickSignal(signals: unknown): boolean {
  return (
    Array.isArray(signals) &&
    signals.some(
      (signal: unknown) =>
        typeof signal === "object" &&
        signal !== null &&
        (signal as { code?: unknown }).code === BOT_CLICK_SIGNAL,
    )
  );
}

/** null when the conversion may become APPROVED (payable), else why not. */
export function approvalRefusal(conversion: { qualitySignals: unknown }): string | null {
  return hasBotClickSignal(conversion.qualitySignals)
    ? "the lead's click came from a bot: it can never be approved"
    : null;
}
