// Payout (what the publisher earns) and revenue (what the advertiser pays), stamped when the
// conversion is recorded so later changes to the offer never rewrite history.
import type { PayoutModel } from "../generated/client/client.ts";
import { shareOf } from "./money.ts";

export interface OfferTerms {
  payoutModel: PayoutModel;
  defaultPayout: bigint;
  defaultRevenue: bigint;
  payoutShareBps: number | null;
  revenueShareBps: number | null;
}

/** A CustomPayout row of this offer and publisher. */
export interface CustomPayoutTerms {
  country: string | null;
  payout: bigint | null;
  payoutShareBps: number | null;
}

export type Stamp = { ok: true; payout: bigint; revenue: bigint } | { ok: false; reason: "amount_required" };

/**
 * The publisher's custom payout for the click's country beats their all-countries row, which beats
 * the offer's default. A row only counts when it sets the kind of value the model uses (a fixed
 * amount for CPL/CPA, a share for REVSHARE). Revenue always follows the offer's terms with the
 * advertiser. REVSHARE takes basis points of the reported sale amount, rounded half-even.
 */
export function stampMoney(
  terms: OfferTerms,
  customPayouts: readonly CustomPayoutTerms[],
  country: string | null,
  saleAmount: bigint | null,
): Stamp {
  const revshare = terms.payoutModel === "REVSHARE";
  const applicable = customPayouts.filter((row) => (revshare ? row.payoutShareBps : row.payout) !== null);
  const countryCode = country?.toUpperCase() ?? null;
  const custom =
    (countryCode === null
      ? undefined
      : applicable.find((row) => row.country?.toUpperCase() === countryCode)) ??
    applicable.find((row) => row.country === null);

  if (!revshare) {
    return {
      ok: true,
      payout: custom?.payout ?? terms.defaultPayout,
      revenue: terms.defaultRevenue,
    };
  }
  if (saleAmount === null) return { ok: false, reason: "amount_required" };
  const payoutBps = custom?.payoutShareBps ?? terms.payoutShareBps ?? 0;
  return {
    ok: true,
    payout: shareOf(saleAmount, payoutBps),
    revenue: shareOf(saleAmount, terms.revenueShareBps ?? 0),
  };
}
