import { CLOCK_SKEW_MS } from "@leadrail/db/money-document-input";
import { describe, expect, it } from "vitest";
import {
  type Candidate,
  type MinimumFor,
  type Plan,
  periodEndRefusal,
  planDocuments,
  publisherMinimums,
} from "./plan.ts";

const pay = (conversionId: string, ownerId: number, currency: string, amount: bigint): Candidate => ({
  conversionId,
  ownerId,
  currency,
  kind: "PAYOUT",
  amount,
});
const claw = (conversionId: string, ownerId: number, currency: string, amount: bigint): Candidate => ({
  ...pay(conversionId, ownerId, currency, amount),
  kind: "CLAWBACK",
});

// Publisher 1: minimum 50.00 USD. Publisher 2: minimum 100.00 EUR. Publisher 3: no minimum.
const minimums = publisherMinimums(
  new Map([
    [1, { minimumPayout: 5000n, payoutCurrency: "USD" }],
    [2, { minimumPayout: 10000n, payoutCurrency: "EUR" }],
    [3, { minimumPayout: 0n, payoutCurrency: "USD" }],
  ]),
);

/** A compact view of a plan: "owner/currency total [kind:conversion:amount ...]". */
function summary(plan: Plan) {
  return {
    documents: plan.documents.map(
      (d) =>
        `${d.ownerId}/${d.currency} ${d.total} [${d.lines.map((l) => `${l.kind}:${l.conversionId}:${l.amount}`).join(" ")}]`,
    ),
    carried: plan.carriedForward.map(
      (c) => `${c.ownerId}/${c.currency} ${c.total} ${c.reason} min=${c.minimum}`,
    ),
  };
}

const cases: {
  name: string;
  candidates: Candidate[];
  minimumFor?: MinimumFor;
  expected: ReturnType<typeof summary>;
}[] = [
  { name: "nothing to do", candidates: [], expected: { documents: [], carried: [] } },
  {
    name: "one publisher, one currency: total is the exact sum",
    candidates: [pay("a", 1, "USD", 1500n), pay("b", 1, "USD", 3500n), pay("c", 1, "USD", 1n)],
    expected: { documents: ["1/USD 5001 [PAYOUT:a:1500 PAYOUT:b:3500 PAYOUT:c:1]"], carried: [] },
  },
  {
    name: "sums beyond 2^53 stay exact",
    candidates: [pay("a", 3, "USD", 9007199254740993n), pay("b", 3, "USD", 9007199254740993n)],
    expected: {
      documents: ["3/USD 18014398509481986 [PAYOUT:a:9007199254740993 PAYOUT:b:9007199254740993]"],
      carried: [],
    },
  },
  {
    name: "total exactly at the minimum is paid",
    candidates: [pay("a", 1, "USD", 2500n), pay("b", 1, "USD", 2500n)],
    expected: { documents: ["1/USD 5000 [PAYOUT:a:2500 PAYOUT:b:2500]"], carried: [] },
  },
  {
    name: "one minor unit below the minimum carries forward",
    candidates: [pay("a", 1, "USD", 2500n), pay("b", 1, "USD", 2499n)],
    expected: { documents: [], carried: ["1/USD 4999 below_minimum min=5000"] },
  },
  {
    name: "the minimum applies in the payout currency only; other currencies have none",
    candidates: [
      pay("a", 1, "USD", 100n),
      pay("b", 1, "EUR", 100n),
      pay("c", 2, "EUR", 9999n),
      pay("d", 2, "USD", 1n),
    ],
    expected: {
      documents: ["1/EUR 100 [PAYOUT:b:100]", "2/USD 1 [PAYOUT:d:1]"],
      carried: ["1/USD 100 below_minimum min=5000", "2/EUR 9999 below_minimum min=10000"],
    },
  },
  {
    name: "an unknown publisher has no minimum",
    candidates: [pay("a", 99, "USD", 1n)],
    expected: { documents: ["99/USD 1 [PAYOUT:a:1]"], carried: [] },
  },
  {
    name: "a clawback is a negative line netted against new payouts",
    candidates: [claw("z", 3, "USD", 1500n), pay("a", 3, "USD", 2000n)],
    expected: { documents: ["3/USD 500 [PAYOUT:a:2000 CLAWBACK:z:-1500]"], carried: [] },
  },
  {
    name: "the minimum counts the net total, clawbacks included",
    candidates: [pay("a", 1, "USD", 6000n), claw("z", 1, "USD", 1500n)],
    expected: { documents: [], carried: ["1/USD 4500 below_minimum min=5000"] },
  },
  {
    name: "clawbacks alone are owed, not a document (a payment is never negative)",
    candidates: [claw("z", 3, "USD", 1500n)],
    expected: { documents: [], carried: ["3/USD -1500 not_positive min=0"] },
  },
  {
    name: "payouts and clawbacks that cancel out make no document",
    candidates: [pay("a", 3, "USD", 1500n), claw("z", 3, "USD", 1500n)],
    expected: { documents: [], carried: ["3/USD 0 not_positive min=0"] },
  },
  {
    name: "zero-amount conversions alone make no document",
    candidates: [pay("a", 3, "USD", 0n)],
    expected: { documents: [], carried: ["3/USD 0 not_positive min=0"] },
  },
  {
    name: "documents are ordered by owner and currency, lines by kind then conversion",
    candidates: [
      pay("c", 3, "USD", 1n),
      claw("b", 3, "USD", 1n),
      pay("a", 3, "USD", 5n),
      pay("x", 1, "USD", 6000n),
      pay("y", 3, "EUR", 7n),
    ],
    expected: {
      documents: [
        "1/USD 6000 [PAYOUT:x:6000]",
        "3/EUR 7 [PAYOUT:y:7]",
        "3/USD 5 [PAYOUT:a:5 PAYOUT:c:1 CLAWBACK:b:-1]",
      ],
      carried: [],
    },
  },
  {
    name: "with no minimum every positive total is a document (invoices)",
    candidates: [pay("a", 1, "USD", 1n)],
    minimumFor: () => 0n,
    expected: { documents: ["1/USD 1 [PAYOUT:a:1]"], carried: [] },
  },
];

describe("planDocuments", () => {
  it.each(cases)("$name", ({ candidates, minimumFor, expected }) => {
    const plan = planDocuments(candidates, minimumFor ?? minimums);
    expect(summary(plan)).toEqual(expected);
    for (const document of plan.documents) {
      expect(document.total).toBe(document.lines.reduce((sum, line) => sum + line.amount, 0n));
    }
  });

  it("uses no minimum when none is given", () => {
    expect(summary(planDocuments([pay("a", 1, "USD", 1n)]))).toEqual({
      documents: ["1/USD 1 [PAYOUT:a:1]"],
      carried: [],
    });
  });

  it("refuses a negative candidate amount", () => {
    expect(() => planDocuments([pay("a", 1, "USD", -1n)])).toThrow(RangeError);
  });

  it("refuses the same conversion twice as the same kind", () => {
    expect(() => planDocuments([pay("a", 1, "USD", 1n), pay("a", 1, "USD", 1n)])).toThrow(/twice/);
  });

  it("accepts a payout and a clawback of different conversions with equal amounts", () => {
    const plan = planDocuments([pay("a", 3, "USD", 10n), pay("b", 3, "USD", 10n), claw("c", 3, "USD", 10n)]);
    expect(plan.documents[0]?.total).toBe(10n);
  });
});

describe("periodEndRefusal", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  it.each([
    { periodEnd: now, expected: null },
    { periodEnd: new Date("2026-11-01T00:00:00Z"), expected: null },
    { periodEnd: new Date(now.getTime() + CLOCK_SKEW_MS), expected: null },
    { periodEnd: new Date(now.getTime() + CLOCK_SKEW_MS + 1), expected: "must not be in the future" },
    { periodEnd: new Date("2099-01-01T00:00:00Z"), expected: "must not be in the future" },
    { periodEnd: new Date(0), expected: "before 2000" },
    { periodEnd: new Date("nope"), expected: "not a valid date" },
  ])("$periodEnd → $expected", ({ periodEnd, expected }) => {
    const refusal = periodEndRefusal(periodEnd, now);
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toContain(expected);
  });
});
