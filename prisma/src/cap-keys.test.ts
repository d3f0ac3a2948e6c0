import { describe, expect, it } from "vitest";
import { capCounterKey, periodBounds, periodKey } from "./cap-keys.ts";

const at = new Date("2026-11-23T22:30:00.000Z");

describe("capCounterKey", () => {
  it.each([
    [
      { offerId: 42, scope: "OFFER", publisherId: null, period: "TOTAL", periodKey: "all", metric: "BUDGET" },
      "lr:cap:{42}:OFFER:*:TOTAL:all:BUDGET",
    ],
    [
      {
        offerId: 42,
        scope: "PER_PUBLISHER",
        publisherId: 7,
        period: "DAILY",
        periodKey: "2026-11-23",
        metric: "CONVERSIONS",
      },
      "lr:cap:{42}:PER_PUBLISHER:7:DAILY:2026-11-23:CONVERSIONS",
    ],
  ] as const)("%j → %s", (parts, key) => {
    expect(capCounterKey("lr:", parts)).toBe(key);
  });
});

describe("periods (UTC)", () => {
  it.each([
    ["DAILY", "2026-11-23", "2026-11-23T00:00:00.000Z", "2026-11-24T00:00:00.000Z"],
    ["MONTHLY", "2026-11", "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"],
    ["TOTAL", "all", null, null],
  ] as const)("%s", (period, key, from, to) => {
    expect(periodKey(period, at)).toBe(key);
    const bounds = periodBounds(period, at);
    expect(bounds.from?.toISOString() ?? null).toBe(from);
    expect(bounds.to?.toISOString() ?? null).toBe(to);
  });

  it("rolls over the year in December", () => {
    const dec = new Date("2026-12-31T23:59:59.999Z");
    expect(periodKey("DAILY", dec)).toBe("2026-12-31");
    expect(periodBounds("MONTHLY", dec).to?.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(periodBounds("DAILY", dec).to?.toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
});
