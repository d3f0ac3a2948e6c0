import { describe, expect, it } from "vitest";
import type { ConversionStatus } from "../generated/client/enums.ts";
import {
  initialStatus,
  isPayable,
  leadActionProblem,
  type Move,
  statDeltas,
  statsDelta,
  transition,
} from "./conversion-status.ts";

describe("initialStatus", () => {
  it.each([
    [null, "AUTO", "APPROVED", null],
    [null, "MANUAL", "PENDING", null],
    ["approved", "MANUAL", "APPROVED", null],
    ["approved", "AUTO", "APPROVED", null],
    ["pending", "AUTO", "PENDING", null],
    ["rejected", "AUTO", "REJECTED", "advertiser_rejected"],
    ["reversed", "AUTO", "REJECTED", "advertiser_reversed"],
  ] as const)("%s on a %s offer → %s (%s)", (intent, mode, status, reason) => {
    expect(initialStatus(intent, mode)).toEqual({ status, reason });
  });
});

describe("transition", () => {
  it.each([
    ["PENDING", null, { kind: "same" }],
    ["PENDING", "pending", { kind: "same" }],
    ["PENDING", "approved", { kind: "change", to: "APPROVED", reason: null }],
    ["PENDING", "rejected", { kind: "change", to: "REJECTED", reason: "advertiser_rejected" }],
    ["PENDING", "reversed", { kind: "change", to: "REJECTED", reason: "advertiser_reversed" }],
    ["APPROVED", null, { kind: "same" }],
    ["APPROVED", "approved", { kind: "same" }],
    ["APPROVED", "pending", { kind: "invalid" }],
    ["APPROVED", "rejected", { kind: "change", to: "REVERSED", reason: "advertiser_rejected" }],
    ["APPROVED", "reversed", { kind: "change", to: "REVERSED", reason: "advertiser_reversed" }],
    ["REJECTED", "rejected", { kind: "same" }],
    ["REJECTED", "reversed", { kind: "same" }],
    ["REJECTED", "approved", { kind: "invalid" }],
    ["REJECTED", "pending", { kind: "invalid" }],
    ["REVERSED", "reversed", { kind: "same" }],
    ["REVERSED", "rejected", { kind: "same" }],
    ["REVERSED", "approved", { kind: "invalid" }],
    ["REVERSED", "pending", { kind: "invalid" }],
  ] as const)("%s + %s → %j", (current, intent, expected) => {
    expect(transition(current, intent)).toEqual(expected);
  });
});

describe("isPayable", () => {
  it.each([
    ["PENDING", true],
    ["APPROVED", true],
    ["REJECTED", false],
    ["REVERSED", false],
  ] as const)("%s → %s", (status, payable) => {
    expect(isPayable(status)).toBe(payable);
  });
});

describe("statsDelta", () => {
  const money = { payout: 1500n, revenue: 2000n };
  const zero = {
    conversions: 0n,
    pending: 0n,
    approved: 0n,
    rejected: 0n,
    reversed: 0n,
    payout: 0n,
    revenue: 0n,
  };
  it.each<[ConversionStatus | null, ConversionStatus, Partial<typeof zero>]>([
    [null, "APPROVED", { conversions: 1n, approved: 1n, payout: 1500n, revenue: 2000n }],
    [null, "PENDING", { conversions: 1n, pending: 1n }],
    [null, "REJECTED", { conversions: 1n, rejected: 1n }],
    ["PENDING", "APPROVED", { pending: -1n, approved: 1n, payout: 1500n, revenue: 2000n }],
    ["PENDING", "REJECTED", { pending: -1n, rejected: 1n }],
    ["APPROVED", "REVERSED", { approved: -1n, reversed: 1n, payout: -1500n, revenue: -2000n }],
  ])("%s → %s", (from, to, expected) => {
    expect(statsDelta(from, to, money)).toEqual({ ...zero, ...expected });
  });
});

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
      conversions: 0n,
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

describe("leadActionProblem", () => {
  it.each([
    ["confirm", "PENDING", null],
    ["confirm", "APPROVED", "is APPROVED: only PENDING leads can be confirmed"],
    ["reject", "PENDING", null],
    ["return", "APPROVED", null],
    ["return", "PENDING", "is PENDING: only APPROVED leads can be returned"],
    ["overturn", "REJECTED", null],
    ["overturn", "REVERSED", "is REVERSED: only REJECTED leads can be overturned"],
  ] as const)("%s a %s lead → %s", (action, status, problem) => {
    expect(leadActionProblem(action, status)).toBe(problem);
  });
});
