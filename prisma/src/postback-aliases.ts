// Postback parameter aliasing, shared by the tracker (which reads postbacks with it) and the API (whose
// postback log shows how a logged postback was read). Advertisers configure their postback URL once,
// in the dialect of whatever tracker they use, and we accept them all. The first name listed that
// carries a value wins, so a postback naming the click id twice resolves the same way every time
// (documented in docs/advertiser-guide.md). Prisma-free: @leadrail/db/postback-aliases.

export const PARAM_ALIASES = {
  offerId: ["offer_id"],
  // Everflow and TUNE call the click id `transaction_id`; Voluum `cid`; Keitaro `subid`; Binom
  // `cnv_id`; Affise `clickid`.
  clickId: ["click_id", "clickid", "cid", "subid", "cnv_id", "transaction_id"],
  // The amount the advertiser reports: the sale amount of a revenue-share offer.
  amount: ["payout", "amount", "sum", "revenue"],
  // The advertiser's own order id: TUNE `adv_sub`, Affise `action_id`, Voluum `txid`, Keitaro `tid`.
  transactionId: ["txid", "tid", "txn_id", "action_id", "order_id", "adv_sub"],
  goal: ["goal", "event"],
  // Binom sends `cnv_status`.
  status: ["status", "cnv_status"],
  currency: ["currency"],
  token: ["token"],
} as const;

/**
 * A value the advertiser's system forgot to fill: `{clickid}`, `[txid]`, `%order_id%`, `##SUM##`.
 * Treated as absent, or every conversion would share one "transaction id" and be a duplicate.
 */
export function isUnfilledMacro(value: string): boolean {
  return /^(\{[^{}]*\}|\[[^[\]]*\]|%[^%]*%|##[^#]*##|\$\{[^{}]*\})$/.test(value);
}

/** The first alias of `names` that carries a value (not an unfilled macro): [param name, value]. */
export function pickParam(raw: Record<string, string>, names: readonly string[]): [string, string] | null {
  for (const name of names) {
    const value = raw[name]?.trim();
    if (value !== undefined && value !== "" && !isUnfilledMacro(value)) return [name, value];
  }
  return null;
}
