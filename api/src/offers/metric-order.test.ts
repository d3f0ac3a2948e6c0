import { describe, expect, test } from "vitest";
import { pageLikePrisma, type RankedMetrics, rankBy } from "./metric-order.ts";

const row = (id: number, clicks: bigint, payout: bigint, unique = clicks, approved = 0n): RankedMetrics => ({
  id,
  clicks,
  uniqueClicks: unique,
  approvedConversions: approved,
  payout,
});

describe("rankBy", () => {
  test("EPC: highest payout per click first, exact where floats would tie", () => {
    // 1/3 vs 333333333333333333/1000000000000000000: equal as doubles, not as fractions.
    const rows = [
      row(1, 3n, 1n),
      row(2, 1_000_000_000_000_000_000n, 333_333_333_333_333_333n),
      row(3, 10n, 50n),
    ];
    expect(rankBy("EPC", rows)).toEqual([3, 1, 2]);
  });

  test("no clicks last; ties newest first", () => {
    const rows = [row(1, 0n, 0n), row(2, 10n, 10n), row(3, 20n, 20n), row(4, 0n, 0n)];
    expect(rankBy("EPC", rows)).toEqual([3, 2, 4, 1]);
  });

  test("conversion rate uses approved / unique clicks", () => {
    const rows = [row(1, 100n, 0n, 10n, 1n), row(2, 10n, 0n, 100n, 5n), row(3, 50n, 0n, 0n, 0n)];
    expect(rankBy("CONVERSION_RATE", rows)).toEqual([1, 2, 3]);
  });
});

describe("pageLikePrisma", () => {
  const ids = [50, 40, 30, 20, 10];

  test("first page and forward from a cursor", () => {
    expect(pageLikePrisma(ids, { take: 3, skip: 0 })).toEqual([50, 40, 30]);
    expect(pageLikePrisma(ids, { cursor: { id: 40 }, skip: 1, take: 3 })).toEqual([30, 20, 10]);
    expect(pageLikePrisma(ids, { cursor: { id: 10 }, skip: 1, take: 3 })).toEqual([]);
  });

  test("backward: last rows, and rows before a cursor, in list order", () => {
    expect(pageLikePrisma(ids, { take: -2, skip: 0 })).toEqual([20, 10]);
    expect(pageLikePrisma(ids, { cursor: { id: 20 }, skip: 1, take: -2 })).toEqual([40, 30]);
    expect(pageLikePrisma(ids, { cursor: { id: 40 }, skip: 1, take: -3 })).toEqual([50]);
  });

  test("an unknown cursor gives nothing", () => {
    expect(pageLikePrisma(ids, { cursor: { id: 99 }, skip: 1, take: 2 })).toEqual([]);
  });
});
