import { describe, expect, test } from "vitest";
import { moneyVisibility, type ReportRowData } from "./report-columns.ts";
import { totalsByCurrency } from "./report-totals.ts";

const row = (over: Partial<ReportRowData>): ReportRowData => ({
  subs: [],
  currency: "USD",
  clicks: "0",
  uniqueClicks: "0",
  conversions: "0",
  approvedConversions: "0",
  ...over,
});

describe("totalsByCurrency", () => {
  test("one row per currency; rates and EPC from the sums, not averaged", () => {
    const usd = (clicks: string, unique: string, approved: string, payout: string, revenue: string) =>
      row({
        clicks,
        uniqueClicks: unique,
        conversions: approved,
        approvedConversions: approved,
        payout: { amount: payout, currency: "USD" },
        revenue: { amount: revenue, currency: "USD" },
      });
    const totals = totalsByCurrency(
      [
        usd("100", "80", "4", "6000", "8000"),
        row({ currency: "EUR", clicks: "10", uniqueClicks: "10", payout: { amount: "0", currency: "EUR" } }),
        usd("300", "120", "1", "1500", "2000"),
      ],
      moneyVisibility("ADMIN"),
    );
    expect(totals.map((t) => t.currency)).toEqual(["EUR", "USD"]);
    const total = totals[1];
    expect(total).toMatchObject({
      clicks: "400",
      uniqueClicks: "200",
      approvedConversions: "5",
      conversionRate: "0.025000",
      payout: { amount: "7500", currency: "USD" },
      // 7500 × 100 / 400 clicks: per 100 clicks, as the API defines EPC.
      epc: { amount: "1875", currency: "USD" },
      revenue: { amount: "10000", currency: "USD" },
      profit: { amount: "2500", currency: "USD" },
      marginBps: 2500,
    });
  });

  test("a publisher's totals carry no revenue, profit or margin", () => {
    const [total] = totalsByCurrency([row({ clicks: "5" })], moneyVisibility("PUBLISHER"));
    expect(total?.revenue).toBeUndefined();
    expect(total?.profit).toBeUndefined();
    expect(total?.payout).toEqual({ amount: "0", currency: "USD" });
  });
});
