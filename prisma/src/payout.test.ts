import { describe, expect, it } from "vitest";
import { type CustomPayoutTerms, type OfferTerms, stampMoney } from "./payout.ts";

const cpl: OfferTerms = {
  payoutModel: "CPL",
  defaultPayout: 1500n,
  defaultRevenue: 2000n,
  payoutShareBps: null,
  revenueShareBps: null,
};
const revshare: OfferTerms = {
  payoutModel: "REVSHARE",
  defaultPayout: 0n,
  defaultRevenue: 0n,
  payoutShareBps: 3000,
  revenueShareBps: 4000,
};
const row = (country: string | null, payout: bigint | null, payoutShareBps: number | null = null) =>
  ({ country, payout, payoutShareBps }) satisfies CustomPayoutTerms;

describe("stampMoney", () => {
  it.each<[string, OfferTerms, CustomPayoutTerms[], string | null, bigint | null, bigint, bigint]>([
    ["CPL default", cpl, [], "DE", null, 1500n, 2000n],
    ["CPA default ignores the sale amount", { ...cpl, payoutModel: "CPA" }, [], null, 99999n, 1500n, 2000n],
    ["all-countries custom payout", cpl, [row(null, 1800n)], "DE", null, 1800n, 2000n],
    [
      "country row beats the all-countries row",
      cpl,
      [row(null, 1800n), row("DE", 2100n)],
      "DE",
      null,
      2100n,
      2000n,
    ],
    ["country match ignores case", cpl, [row("DE", 2100n)], "de", null, 2100n, 2000n],
    [
      "other country falls back to the all-countries row",
      cpl,
      [row(null, 1800n), row("DE", 2100n)],
      "FR",
      null,
      1800n,
      2000n,
    ],
    [
      "no country falls back to the all-countries row",
      cpl,
      [row("DE", 2100n), row(null, 1800n)],
      null,
      null,
      1800n,
      2000n,
    ],
    ["only another country's row: the default", cpl, [row("DE", 2100n)], "FR", null, 1500n, 2000n],
    ["a share-only row does not apply to CPL", cpl, [row("DE", null, 5000)], "DE", null, 1500n, 2000n],
    ["a custom payout of zero is honoured", cpl, [row(null, 0n)], "DE", null, 0n, 2000n],
    ["REVSHARE: 30 % / 40 % of 123.45", revshare, [], null, 12345n, 3704n, 4938n],
    ["REVSHARE: half-even on an exact half", { ...revshare, payoutShareBps: 5000 }, [], null, 125n, 62n, 50n],
    [
      "REVSHARE: custom share for the country",
      revshare,
      [row("BR", null, 3500), row(null, null, 3200)],
      "BR",
      10000n,
      3500n,
      4000n,
    ],
    [
      "REVSHARE: all-countries custom share",
      revshare,
      [row("BR", null, 3500), row(null, null, 3200)],
      "AR",
      10000n,
      3200n,
      4000n,
    ],
    ["REVSHARE: a fixed-only row does not apply", revshare, [row(null, 999n)], null, 10000n, 3000n, 4000n],
    ["REVSHARE: a zero sale pays zero", revshare, [], null, 0n, 0n, 0n],
  ])("%s", (_label, terms, rows, country, sale, payout, revenue) => {
    expect(stampMoney(terms, rows, country, sale)).toEqual({ ok: true, payout, revenue });
  });

  it("needs a sale amount for REVSHARE", () => {
    expect(stampMoney(revshare, [], null, null)).toEqual({ ok: false, reason: "amount_required" });
  });
});
