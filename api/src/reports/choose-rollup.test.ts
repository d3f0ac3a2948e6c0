import { describe, expect, it } from "vitest";
import { type ReportScope, reportSource } from "./choose-rollup.ts";
import { parseReportArgs, type ReportGroup } from "./report-input.ts";

function source(
  groupBy: ReportGroup[],
  timeZone = "UTC",
  filter: Record<string, unknown> = {},
  scope: ReportScope = "all",
  range: [string, string] = ["2026-01-01", "2026-12-31"],
) {
  const parsed = parseReportArgs({ from: range[0], to: range[1], timeZone, groupBy, filter });
  if (!parsed.ok) throw new Error(parsed.message);
  return reportSource(parsed.request, scope);
}

describe("reportSource: the smallest rollup that answers exactly", () => {
  it.each([
    // Whole UTC days, no hours cut, no publisher: the daily grain, with or without segments.
    [["DAY"], "UTC", {}, "all", "DAILY_SEGMENTS"],
    [["COUNTRY", "DEVICE"], "UTC", {}, "all", "DAILY_SEGMENTS"],
    [["OFFER", "ADVERTISER"], "UTC", { countries: ["US"] }, "all", "DAILY_SEGMENTS"],
    [["DAY", "OFFER"], "UTC", {}, { advertiserId: 3 }, "DAILY_SEGMENTS"],
    // London is at UTC+0 only in winter: its days are UTC days only then.
    [["DAY"], "Europe/London", {}, "all", "HOURLY_OFFERS"],
    // A zone's days that are not UTC days, or hours: the hourly grain per offer.
    [["DAY"], "America/Los_Angeles", {}, "all", "HOURLY_OFFERS"],
    [["DAY", "OFFER", "ADVERTISER"], "America/Los_Angeles", {}, "all", "HOURLY_OFFERS"],
    [["HOUR"], "UTC", {}, "all", "HOURLY_OFFERS"],
    [["HOUR"], "Europe/Berlin", { offerIds: [1] }, "all", "HOURLY_OFFERS"],
    // Not a whole-UTC-day range: no daily grain even without time grouping (Berlin midnight is 23:00Z).
    [["OFFER"], "Europe/Berlin", {}, "all", "HOURLY_OFFERS"],
    [["COUNTRY"], "America/Los_Angeles", {}, "all", "SEGMENTS"],
    [["HOUR", "DEVICE"], "UTC", {}, "all", "SEGMENTS"],
    // Publisher grouped, filtered or the caller's own: the rollups by publisher.
    [["DAY", "PUBLISHER"], "UTC", {}, "all", "HOURLY"],
    [["DAY"], "UTC", { publisherIds: [7] }, "all", "HOURLY"],
    [["DAY", "OFFER"], "UTC", {}, { publisherId: 7 }, "HOURLY"],
    [["COUNTRY"], "UTC", {}, { publisherId: 7 }, "SEGMENTS"],
    [["DAY"], "UTC", { publisherIds: [7], deviceTypes: ["MOBILE"] }, "all", "SEGMENTS"],
    // Sub ids, and hours in half-hour zones: raw rows, whoever asks.
    [["SUB1"], "UTC", {}, "all", "RAW"],
    [["DAY", "SUB10"], "UTC", {}, { publisherId: 7 }, "RAW"],
    [["HOUR"], "Asia/Kolkata", {}, "all", "RAW"],
    [["HOUR", "OFFER"], "Australia/Adelaide", {}, { publisherId: 7 }, "RAW"],
    // Days and other groupings in half-hour zones: the hourly grains (edge hours raw, see run-report).
    [["DAY"], "Asia/Kolkata", {}, "all", "HOURLY_OFFERS"],
    [["DAY", "OFFER"], "Australia/Adelaide", {}, { advertiserId: 3 }, "HOURLY_OFFERS"],
    [["COUNTRY"], "Asia/Kathmandu", {}, "all", "SEGMENTS"],
    [["DAY"], "Asia/Kolkata", {}, { publisherId: 7 }, "HOURLY"],
  ] as [ReportGroup[], string, Record<string, unknown>, ReportScope, string][])(
    "%j in %s with %j for %j → %s",
    (groups, zone, filter, scope, expected) => {
      expect(source(groups, zone, filter, scope)).toBe(expected);
    },
  );

  it("takes the daily grain in London only while it is at UTC+0", () => {
    expect(source(["DAY"], "Europe/London", {}, "all", ["2026-01-05", "2026-02-20"])).toBe("DAILY_SEGMENTS");
    // Across the spring change (2026-03-29) local days start at 23:00Z: hourly.
    expect(source(["DAY"], "Europe/London", {}, "all", ["2026-03-01", "2026-04-10"])).toBe("HOURLY_OFFERS");
    // Without cutting days the range only has to start and end at UTC midnight... which it does not
    // once the range ends in summer time.
    expect(source(["OFFER"], "Europe/London", {}, "all", ["2026-03-01", "2026-04-10"])).toBe("HOURLY_OFFERS");
    expect(source(["OFFER"], "Europe/London", {}, "all", ["2026-01-05", "2026-02-20"])).toBe(
      "DAILY_SEGMENTS",
    );
  });
});
