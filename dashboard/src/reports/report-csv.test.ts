import { describe, expect, test } from "vitest";
import { moneyVisibility, type ReportRowData, reportColumns } from "./report-columns.ts";
import { csvField, minorToDecimal, reportCsv } from "./report-csv.ts";
import { lastDaysIn } from "./report-range.ts";

const row = (over: Partial<ReportRowData>): ReportRowData => ({
  subs: [],
  currency: "USD",
  clicks: "200",
  uniqueClicks: "180",
  conversions: "6",
  approvedConversions: "5",
  conversionRate: "0.027778",
  ...over,
});

describe("minorToDecimal", () => {
  test.each([
    ["0", "USD", "0.00"],
    ["5", "USD", "0.05"],
    ["123456", "USD", "1234.56"],
    ["-2599", "EUR", "-25.99"],
    ["1234", "JPY", "1234"],
    ["1234", "KWD", "1.234"],
    ["9223372036854775807", "USD", "92233720368547758.07"],
  ])("%s %s → %s", (amount, currency, text) => {
    expect(minorToDecimal(amount, currency)).toBe(text);
  });
});

describe("csvField", () => {
  test.each([
    ["fb_lal1_03", "fb_lal1_03"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["line\nbreak", '"line\nbreak"'],
    ["", ""],
    ["-12.50", "-12.50"],
    ["=HYPERLINK(1)", "'=HYPERLINK(1)"],
    ['=1,"2"', `"'=1,""2"""`],
  ])("%j → %j", (value, field) => {
    expect(csvField(value)).toBe(field);
  });
});

describe("reportCsv", () => {
  test("a publisher's rows by sub1 and day: keys in the chosen order, payout and EPC raw", () => {
    const columns = reportColumns(["SUB1", "DAY"], moneyVisibility("PUBLISHER"));
    const csv = reportCsv(columns, [
      row({
        subs: ['fb "lal", 3'],
        day: "2026-11-20",
        payout: { amount: "125050", currency: "USD" },
        epc: { amount: "62525", currency: "USD" },
      }),
      row({ subs: [null], day: "2026-11-21", clicks: "0", conversionRate: null, epc: null, currency: "JPY" }),
    ]);
    expect(csv.split("\r\n")).toEqual([
      "sub1,day,currency,clicks,unique_clicks,conversions,approved_conversions,conversion_rate,payout,epc",
      '"fb ""lal"", 3",2026-11-20,USD,200,180,6,5,0.027778,1250.50,625.25',
      ",2026-11-21,JPY,0,180,6,5,,,",
      "",
    ]);
  });

  test("advertisers get cost only; admin and finance get revenue, payout, EPC, profit and margin", () => {
    expect(reportColumns(["DAY"], moneyVisibility("ADVERTISER")).map((c) => c.key)).toEqual([
      "day",
      "currency",
      "clicks",
      "unique_clicks",
      "conversions",
      "approved_conversions",
      "conversion_rate",
      "revenue",
    ]);
    for (const role of ["ADMIN", "FINANCE"] as const) {
      const columns = reportColumns(["COUNTRY", "SUB2"], moneyVisibility(role));
      const csv = reportCsv(columns, [
        row({
          country: "DE",
          subs: [null, "zone_1"],
          revenue: { amount: "1000", currency: "EUR" },
          payout: { amount: "750", currency: "EUR" },
          epc: { amount: "375", currency: "EUR" },
          profit: { amount: "250", currency: "EUR" },
          marginBps: 2500,
          currency: "EUR",
        }),
      ]);
      expect(csv).toBe(
        "country,sub2,currency,clicks,unique_clicks,conversions,approved_conversions,conversion_rate,revenue,payout,epc,profit,margin_bps\r\n" +
          "DE,zone_1,EUR,200,180,6,5,0.027778,10.00,7.50,3.75,2.50,2500\r\n",
      );
    }
  });

  test("no rows: the header only", () => {
    expect(reportCsv(reportColumns(["DAY"], moneyVisibility("PUBLISHER")), [])).toBe(
      "day,currency,clicks,unique_clicks,conversions,approved_conversions,conversion_rate,payout,epc\r\n",
    );
  });
});

describe("lastDaysIn", () => {
  const now = new Date("2026-11-24T03:00:00Z");
  test.each([
    ["UTC", { from: "2026-11-18", to: "2026-11-24" }],
    ["America/Los_Angeles", { from: "2026-11-17", to: "2026-11-23" }],
    ["Asia/Kolkata", { from: "2026-11-18", to: "2026-11-24" }],
    ["Not/AZone", { from: "2026-11-18", to: "2026-11-24" }],
  ])("%s", (zone, range) => {
    expect(lastDaysIn(zone, 7, now)).toEqual(range);
  });
});
