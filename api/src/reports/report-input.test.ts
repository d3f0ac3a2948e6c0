import { describe, expect, it } from "vitest";
import { parseReportArgs } from "./report-input.ts";

const good = { from: "2026-11-01", to: "2026-11-07", timeZone: "UTC", groupBy: ["DAY"] };

describe("parseReportArgs", () => {
  it("turns local days into the instants they start and end", () => {
    const result = parseReportArgs({ ...good, timeZone: "America/Los_Angeles" });
    if (!result.ok) throw new Error(result.message);
    expect(result.request.start.toISOString()).toBe("2026-11-01T07:00:00.000Z");
    expect(result.request.end.toISOString()).toBe("2026-11-08T08:00:00.000Z");
    expect(result.request.filter).toEqual({
      offerIds: null,
      publisherIds: null,
      advertiserIds: null,
      countries: null,
      deviceTypes: null,
    });
  });

  it("accepts a one-day report and coerces id strings", () => {
    const result = parseReportArgs({ ...good, to: good.from, filter: { offerIds: ["7", 8] } });
    expect(result.ok && result.request.filter.offerIds).toEqual([7, 8]);
  });

  it.each([
    [{ timeZone: "Mars/Base" }, "timeZone: must be an IANA time zone"],
    [{ timeZone: "" }, "timeZone: must be an IANA time zone"],
    [{ to: "2026-10-31" }, "to: must not be before from"],
    [{ from: "2025-01-01", to: "2026-02-05" }, "to: at most 400 days at once"],
    [{ from: "2026-02-30" }, "from: must be a real date"],
    [{ from: "2026-11-01T00:00:00Z" }, "from: must be a date YYYY-MM-DD"],
    [{ groupBy: [] }, "groupBy: must name at least one grouping"],
    [{ groupBy: ["DAY", "OFFER", "DAY"] }, "groupBy: must not repeat a grouping"],
    [{ groupBy: ["WEEK"] }, "groupBy.0"],
    [{ filter: { countries: ["us"] } }, "filter.countries.0: must be ISO 3166-1 alpha-2 codes"],
    [{ filter: { offerIds: ["abc"] } }, "filter.offerIds.0"],
    [{ filter: { offerIds: [0] } }, "filter.offerIds.0: must be a numeric id"],
  ])("refuses %j", (change, message) => {
    const result = parseReportArgs({ ...good, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  it("allows exactly 400 days", () => {
    expect(parseReportArgs({ ...good, from: "2025-11-01", to: "2026-12-05" }).ok).toBe(true);
    expect(parseReportArgs({ ...good, from: "2025-11-01", to: "2026-12-06" }).ok).toBe(false);
  });
});
