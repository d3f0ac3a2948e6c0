import { describe, expect, it } from "vitest";
import { type Move, statDeltas } from "./status-move.ts";

const base: Move = {
  convertedAt: new Date("2026-11-20T23:59:59.999Z"),
  offerId: 1,
  publisherId: 7,
  payout: 1500n,
  revenue: 2000n,
  from: "PENDING",
  to: "APPROVED",
};

describe("statDeltas", () => {
  it.each<[string, Partial<Move>, Record<string, bigint>]>([
    ["confirm", {}, { pending: -1n, approved: 1n, payout: 1500n, revenue: 2000n }],
    ["reject", { to: "REJECTED" }, { pending: -1n, rejected: 1n }],
    [
      "return",
      { from: "APPROVED", to: "REVERSED" },
      { approved: -1n, reversed: 1n, payout: -1500n, revenue: -2000n },
    ],
  ])("%s", (_label, change, expected) => {
    const [delta] = statDeltas([{ ...base, ...change }]);
    expect(delta).toEqual({
      day: "2026-11-20",
      offerId: 1,
      publisherId: 7,
      pending: 0n,
      approved: 0n,
      rejected: 0n,
      reversed: 0n,
      payout: 0n,
      revenue: 0n,
      ...expected,
    });
  });

  it("sums moves of the same day, offer and publisher and keeps others apart", () => {
    const deltas = statDeltas([
      base,
      base,
      { ...base, convertedAt: new Date("2026-11-21T00:00:00Z") },
      { ...base, publisherId: 8 },
      { ...base, publisherId: null },
    ]);
    expect(deltas.map((d) => [d.day, d.publisherId, d.approved, d.payout])).toEqual([
      ["2026-11-20", 7, 2n, 3000n],
      ["2026-11-21", 7, 1n, 1500n],
      ["2026-11-20", 8, 1n, 1500n],
    ]);
  });
});
