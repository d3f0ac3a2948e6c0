// The transaction id that makes a conversion idempotent: (offer, transaction id) is unique in the
// database. The advertiser's own order id when they send one; otherwise one derived from the click
// and goal, so a replayed postback for the same click and goal is a duplicate. Without either (a
// clickless lead form) there is nothing stable to derive from: a fresh id, recorded once per request.
import { randomUUID } from "node:crypto";

export function conversionTransactionId(input: {
  advertiserTransactionId: string | null;
  clickId: string | null;
  goal: string;
  /** Namespace for derived ids: `click` for postbacks and pixels, `lead` for the hosted form. */
  kind: "click" | "lead";
}): string {
  if (input.advertiserTransactionId !== null) return input.advertiserTransactionId;
  if (input.clickId !== null) return `${input.kind}:${input.clickId}:${input.goal}`;
  return `${input.kind}:none:${randomUUID()}`;
}
