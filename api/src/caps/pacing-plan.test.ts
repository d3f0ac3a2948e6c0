import { describe, expect, it } from "vitest";
import { type PacingCap, pacingCounters } from "./pacing-plan.ts";

const at = new Date("2026-11-23T22:30:00.000Z");
const caps: PacingCap[] = [
  { id: 1, scope: "OFFER", publisherId: null, period: "DAILY", metric: "CONVERSIONS", limit: 100n },
  { id: 2, scope: "PER_PUBLISHER", publisherId: null, period: "MONTHLY", metric: "BUDGET", limit: 50_000n },
  { id: 3, scope: "PUBLISHER", publisherId: 7, period: "TOTAL", metric: "CONVERSIONS", limit: 10n },
  { id: 4, scope: "PUBLISHER", publisherId: 8, period: "DAILY", metric: "CONVERSIONS", limit: 5n },
];

const keysOf = (viewerPublisherId: number | null) =>
  pacingCounters({ offerId: 42, caps, publishers: [7, 8, 9], viewerPublisherId, at }).map((c) => [
    c.capId,
    c.key,
  ]);

describe("pacingCounters", () => {
  it("gives the network every counter, per-publisher caps once per publisher, in the tracker's key format", () => {
    expect(keysOf(null)).toEqual([
      [1, "cap:{42}:OFFER:*:DAILY:2026-11-23:CONVERSIONS"],
      [2, "cap:{42}:PER_PUBLISHER:7:MONTHLY:2026-11:BUDGET"],
      [2, "cap:{42}:PER_PUBLISHER:8:MONTHLY:2026-11:BUDGET"],
      [2, "cap:{42}:PER_PUBLISHER:9:MONTHLY:2026-11:BUDGET"],
      [3, "cap:{42}:PUBLISHER:7:TOTAL:all:CONVERSIONS"],
      [4, "cap:{42}:PUBLISHER:8:DAILY:2026-11-23:CONVERSIONS"],
    ]);
  });

  it("gives a publisher only its own counters", () => {
    expect(keysOf(7)).toEqual([
      [2, "cap:{42}:PER_PUBLISHER:7:MONTHLY:2026-11:BUDGET"],
      [3, "cap:{42}:PUBLISHER:7:TOTAL:all:CONVERSIONS"],
    ]);
    expect(keysOf(9)).toEqual([[2, "cap:{42}:PER_PUBLISHER:9:MONTHLY:2026-11:BUDGET"]]);
  });

  it("carries the UTC period bounds", () => {
    const [daily] = pacingCounters({ offerId: 42, caps, publishers: [], viewerPublisherId: null, at });
    expect(daily?.periodStart?.toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(daily?.periodEnd?.toISOString()).toBe("2026-11-24T00:00:00.000Z");
  });
});
