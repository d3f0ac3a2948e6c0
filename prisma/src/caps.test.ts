import { describe, expect, it } from "vitest";
import { type CapRule, capReservations } from "./caps.ts";

const at = new Date("2026-11-23T22:30:00.000Z");

describe("capReservations", () => {
  const cap = (overrides: Partial<CapRule>): CapRule => ({
    scope: "OFFER",
    publisherId: null,
    period: "DAILY",
    metric: "CONVERSIONS",
    limit: 10n,
    ...overrides,
  });
  const reserve = (caps: CapRule[], publisherId: number | null = 7) =>
    capReservations({ prefix: "", offerId: 42, publisherId, caps, at, payout: 1500n }).map((r) => ({
      key: r.key,
      limit: r.limit,
      delta: r.delta,
    }));

  it.each<[string, CapRule[], { key: string; limit: bigint; delta: bigint }[]]>([
    ["no caps", [], []],
    [
      "offer-wide daily conversions",
      [cap({})],
      [{ key: "cap:{42}:OFFER:*:DAILY:2026-11-23:CONVERSIONS", limit: 10n, delta: 1n }],
    ],
    [
      "per-publisher monthly budget counts the payout",
      [cap({ scope: "PER_PUBLISHER", period: "MONTHLY", metric: "BUDGET", limit: 100000n })],
      [{ key: "cap:{42}:PER_PUBLISHER:7:MONTHLY:2026-11:BUDGET", limit: 100000n, delta: 1500n }],
    ],
    [
      "a named publisher's cap applies to that publisher",
      [cap({ scope: "PUBLISHER", publisherId: 7, period: "TOTAL" })],
      [{ key: "cap:{42}:PUBLISHER:7:TOTAL:all:CONVERSIONS", limit: 10n, delta: 1n }],
    ],
    ["a named publisher's cap skips other publishers", [cap({ scope: "PUBLISHER", publisherId: 8 })], []],
    [
      "the same rule twice is one counter with the smaller limit",
      [cap({ limit: 10n }), cap({ limit: 4n }), cap({ limit: 6n })],
      [{ key: "cap:{42}:OFFER:*:DAILY:2026-11-23:CONVERSIONS", limit: 4n, delta: 1n }],
    ],
    [
      "several caps at once",
      [cap({}), cap({ scope: "PER_PUBLISHER", metric: "BUDGET", limit: 5000n })],
      [
        { key: "cap:{42}:OFFER:*:DAILY:2026-11-23:CONVERSIONS", limit: 10n, delta: 1n },
        { key: "cap:{42}:PER_PUBLISHER:7:DAILY:2026-11-23:BUDGET", limit: 5000n, delta: 1500n },
      ],
    ],
  ])("%s", (_label, caps, expected) => {
    expect(reserve(caps)).toEqual(expected);
  });

  it("skips per-publisher caps for a conversion without publisher", () => {
    expect(reserve([cap({ scope: "PER_PUBLISHER" })], null)).toEqual([]);
  });

  it("keeps a counter for its period plus a week, TOTAL forever", () => {
    const [daily, total] = capReservations({
      prefix: "",
      offerId: 1,
      publisherId: 1,
      caps: [cap({}), cap({ period: "TOTAL" })],
      at,
      payout: 0n,
    });
    expect(daily?.ttlSeconds).toBe(90 * 60 + 7 * 86_400);
    expect(total?.ttlSeconds).toBeNull();
  });
});
