import { describe, expect, it } from "vitest";
import { parseReportArgs, type ReportGroup } from "./report-input.ts";
import { reportSource } from "./run-report.ts";

function source(groupBy: ReportGroup[], timeZone = "UTC", filter: Record<string, unknown> = {}) {
  const parsed = parseReportArgs({ from: "2026-01-01", to: "2026-12-31", timeZone, groupBy, filter });
  if (!parsed.ok) throw new Error(parsed.message);
  return reportSource(parsed.request);
}

describe("reportSource", () => {
  it.each([
    [["DAY"], "UTC", {}, "HOURLY"],
    [["DAY", "OFFER", "PUBLISHER", "ADVERTISER"], "America/Los_Angeles", {}, "HOURLY"],
    [["HOUR"], "Europe/Berlin", { offerIds: [1] }, "HOURLY"],
    [["DAY", "COUNTRY"], "UTC", {}, "SEGMENTS"],
    [["DEVICE"], "UTC", {}, "SEGMENTS"],
    // A filter on country needs the segments even when the grouping does not.
    [["DAY"], "UTC", { countries: ["US"] }, "SEGMENTS"],
    [["DAY"], "UTC", { deviceTypes: ["MOBILE"] }, "SEGMENTS"],
    [["SUB1"], "UTC", {}, "RAW"],
    [["DAY", "SUB10"], "UTC", {}, "RAW"],
    [["DAY"], "Asia/Kolkata", {}, "RAW"],
    [["COUNTRY"], "Asia/Kathmandu", {}, "RAW"],
  ] as [ReportGroup[], string, Record<string, unknown>, string][])(
    "%j in %s with %j → %s",
    (groups, zone, filter, expected) => {
      expect(source(groups, zone, filter)).toBe(expected);
    },
  );
});
