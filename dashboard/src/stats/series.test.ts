import { describe, expect, test } from "vitest";
import { setLocale } from "../ui/format.ts";
import {
  currenciesByWeight,
  daysBetween,
  lastDays,
  type StatsRow,
  toDayPoints,
  tooltipValue,
  totals,
} from "./series.ts";

const row = (
  day: string,
  currency: string,
  clicks: number,
  payout: string,
  revenue: string | null,
): StatsRow => ({
  day,
  currency,
  clicks: String(clicks),
  conversions: "2",
  approvedConversions: "1",
  payout: { amount: payout },
  revenue: revenue === null ? null : { amount: revenue },
});

test("days between, inclusive, across a month end", () => {
  expect(daysBetween("2026-01-30", "2026-02-02")).toEqual([
    "2026-01-30",
    "2026-01-31",
    "2026-02-01",
    "2026-02-02",
  ]);
  expect(daysBetween("2026-02-02", "2026-02-01")).toEqual([]);
});

test("last days ends today (UTC)", () => {
  expect(lastDays(3, new Date("2026-03-01T23:30:00Z"))).toEqual({ from: "2026-02-27", to: "2026-03-01" });
});

describe("toDayPoints", () => {
  const rows = [
    row("2026-01-01", "USD", 10, "1500", "2000"),
    row("2026-01-01", "EUR", 5, "900", "1000"),
    row("2026-01-03", "USD", 7, "250", null),
  ];

  test("fills empty days, adds counts across currencies, plots money of one currency", () => {
    const points = toDayPoints(rows, "2026-01-01", "2026-01-03", "USD");
    expect(points.map((p) => p.day)).toEqual(["2026-01-01", "2026-01-02", "2026-01-03"]);
    expect(points[0]).toMatchObject({
      clicks: 15,
      conversions: 4,
      approved: 2,
      payout: 15,
      revenue: 20,
      margin: 5,
    });
    expect(points[1]).toMatchObject({ clicks: 0, payout: 0 });
    expect(points[2]).toMatchObject({ clicks: 7, payout: 2.5, revenue: 0, margin: -2.5 });
    // Tooltips read the exact minor units, not the plotted float.
    expect(points[0]?.minor).toEqual({ payout: "1500", revenue: "2000", margin: "500" });
    expect(points[2]?.minor).toEqual({ payout: "250", revenue: "0", margin: "-250" });
  });

  test("rows outside the range are ignored", () => {
    expect(toDayPoints(rows, "2026-01-02", "2026-01-02", "USD")).toEqual([
      {
        day: "2026-01-02",
        clicks: 0,
        conversions: 0,
        approved: 0,
        payout: 0,
        revenue: 0,
        margin: 0,
        minor: { payout: "0", revenue: "0", margin: "0" },
      },
    ]);
  });
});

test("totals keep money per currency in bigint", () => {
  const result = totals([
    row("2026-01-01", "USD", 1, "9007199254740993", "9007199254740995"),
    row("2026-01-02", "USD", 2, "1", null),
    row("2026-01-02", "EUR", 3, "5", "7"),
  ]);
  expect(result.clicks).toBe(6n);
  expect(result.money.get("USD")).toEqual({
    payout: 9007199254740994n,
    revenue: 9007199254740995n,
    margin: 1n,
  });
  expect(result.money.get("EUR")).toEqual({ payout: 5n, revenue: 7n, margin: 2n });
});

test("currencies by payout", () => {
  expect(currenciesByWeight([row("d", "EUR", 1, "5", null), row("d", "USD", 1, "50", null)])).toEqual([
    "USD",
    "EUR",
  ]);
});

test("tooltips show money exactly and counts with separators", () => {
  setLocale("en-US");
  const [point] = toDayPoints(
    [row("2026-01-01", "USD", 1234, "9007199254740993", "9007199254741995")],
    "2026-01-01",
    "2026-01-01",
    "USD",
  );
  if (!point) throw new Error("no point");
  const margin = { key: "margin", label: "Margin", kind: "money", color: "#000" } as const;
  const clicks = { key: "clicks", label: "Clicks", kind: "count", color: "#000" } as const;
  expect(tooltipValue(margin, point, "USD")).toBe("$10.02");
  expect(tooltipValue({ ...margin, key: "payout" }, point, "USD")).toBe("$90,071,992,547,409.93");
  expect(tooltipValue(clicks, point, "USD")).toBe("1,234");
  setLocale(undefined);
});
