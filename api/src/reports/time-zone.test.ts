import { describe, expect, it } from "vitest";
import {
  edgeHours,
  hourAligned,
  isTimeZone,
  nextDate,
  offsetMinutes,
  reportRange,
  startOfLocalDay,
} from "./time-zone.ts";

describe("isTimeZone", () => {
  it.each([
    ["UTC", true],
    ["Europe/Berlin", true],
    ["America/Los_Angeles", true],
    ["Asia/Kolkata", true],
    ["Mars/Olympus_Mons", false],
    ["", false],
    ["Europe/Berlin; DROP TABLE clicks", false],
    ["+05:30", false],
  ])("%s → %s", (name, ok) => {
    expect(isTimeZone(name)).toBe(ok);
  });
});

describe("offsetMinutes", () => {
  it.each([
    ["UTC", "2026-07-01T12:00:00Z", 0],
    ["America/Los_Angeles", "2026-01-15T12:00:00Z", -480],
    ["America/Los_Angeles", "2026-07-15T12:00:00Z", -420],
    ["Asia/Kolkata", "2026-07-15T12:00:00Z", 330],
    ["Asia/Kathmandu", "2026-07-15T12:00:00Z", 345],
  ])("%s at %s → %d", (zone, at, minutes) => {
    expect(offsetMinutes(zone, new Date(at))).toBe(minutes);
  });
});

describe("startOfLocalDay", () => {
  it.each([
    ["2026-11-23", "UTC", "2026-11-23T00:00:00.000Z"],
    ["2026-11-23", "Europe/Berlin", "2026-11-22T23:00:00.000Z"],
    // The US falls back on 2026-11-01: that day is 25 hours long.
    ["2026-11-01", "America/Los_Angeles", "2026-11-01T07:00:00.000Z"],
    ["2026-11-02", "America/Los_Angeles", "2026-11-02T08:00:00.000Z"],
    // Springs forward on 2026-03-08 at 02:00 (a 23-hour day).
    ["2026-03-08", "America/Los_Angeles", "2026-03-08T08:00:00.000Z"],
    ["2026-03-09", "America/Los_Angeles", "2026-03-09T07:00:00.000Z"],
    ["2026-11-23", "Asia/Kolkata", "2026-11-22T18:30:00.000Z"],
    // Chile leaves winter time at 24:00 on 2026-09-05: midnight of 09-06 does not exist.
    ["2026-09-06", "America/Santiago", "2026-09-06T04:00:00.000Z"],
  ])("%s in %s starts at %s", (date, zone, instant) => {
    expect(startOfLocalDay(date, zone).toISOString()).toBe(instant);
  });

  it("rolls months and years over", () => {
    expect(nextDate("2026-12-31")).toBe("2027-01-01");
    expect(nextDate("2028-02-28")).toBe("2028-02-29");
  });

  it("gives a range of local days, `to` inclusive", () => {
    const { start, end } = reportRange("2026-10-31", "2026-11-01", "America/Los_Angeles");
    expect(start.toISOString()).toBe("2026-10-31T07:00:00.000Z");
    expect(end.toISOString()).toBe("2026-11-02T08:00:00.000Z");
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(49);
  });
});

describe("hourAligned", () => {
  const range = (from: string, to: string, zone: string) => {
    const { start, end } = reportRange(from, to, zone);
    return hourAligned(zone, start, end);
  };
  it.each([
    ["UTC", true],
    ["America/Los_Angeles", true],
    ["Europe/Berlin", true],
    ["Asia/Kolkata", false],
    ["Asia/Kathmandu", false],
  ])("a year in %s → %s", (zone, aligned) => {
    expect(range("2026-01-01", "2026-12-31", zone)).toBe(aligned);
  });

  it("sees a half-hour DST shift (Lord Howe Island is +10:30 in winter, +11 in summer)", () => {
    // Both ends of a summer range are whole hours (+11), the winter part in between is not.
    expect(range("2026-01-10", "2026-01-20", "Australia/Lord_Howe")).toBe(true);
    expect(range("2026-01-10", "2026-12-20", "Australia/Lord_Howe")).toBe(false);
  });
});

describe("edgeHours", () => {
  const hours = (zone: string, from: string, to: string, localDays: boolean) => {
    const { start, end } = reportRange(from, to, zone);
    return edgeHours(zone, start, end, localDays).map((at) => at.toISOString().slice(0, 13));
  };

  it.each([
    // Kolkata (+05:30): the range starts and ends at 18:30Z, every local midnight cuts 18:00–19:00Z.
    [
      "Asia/Kolkata",
      "2026-10-31",
      "2026-11-02",
      true,
      ["2026-10-30T18", "2026-10-31T18", "2026-11-01T18", "2026-11-02T18"],
    ],
    // Without days only the range's own ends cut hours.
    ["Asia/Kolkata", "2026-10-31", "2026-11-02", false, ["2026-10-30T18", "2026-11-02T18"]],
    // Kathmandu (+05:45): midnight is 18:15Z.
    ["Asia/Kathmandu", "2026-11-01", "2026-11-02", true, ["2026-10-31T18", "2026-11-01T18", "2026-11-02T18"]],
    // Adelaide leaves DST on 2026-04-05 (+10:30 → +09:30): midnight 13:30Z, then 14:30Z.
    [
      "Australia/Adelaide",
      "2026-04-04",
      "2026-04-06",
      true,
      ["2026-04-03T13", "2026-04-04T13", "2026-04-05T14", "2026-04-06T14"],
    ],
    // Whole-hour zones: nothing to cut, across DST too.
    ["UTC", "2026-10-31", "2026-11-02", true, []],
    ["America/Los_Angeles", "2026-10-31", "2026-11-02", true, []],
  ] as [string, string, string, boolean, string[]][])(
    "%s %s..%s (days: %s)",
    (zone, from, to, localDays, expected) => {
      expect(hours(zone, from, to, localDays)).toEqual(expected);
    },
  );

  it("leaves out the hours a local midnight starts exactly (one day wholly inside each)", () => {
    // Lord Howe is +11 in November: its midnights are 13:00Z, whole hours.
    expect(hours("Australia/Lord_Howe", "2026-11-10", "2026-11-12", true)).toEqual([]);
  });
});
