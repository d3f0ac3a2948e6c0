import { describe, expect, it } from "vitest";
import { deriveMetrics, divideHalfEven, ratioDecimal } from "./report-metrics.ts";

describe("divideHalfEven", () => {
  it.each([
    [10n, 4n, 2n],
    [14n, 4n, 4n],
    [15n, 10n, 2n],
    [25n, 10n, 2n],
    [26n, 10n, 3n],
    [-25n, 10n, -2n],
    [-26n, 10n, -3n],
    [0n, 7n, 0n],
  ])("%d / %d → %d", (a, b, q) => {
    expect(divideHalfEven(a, b)).toBe(q);
  });

  it("refuses a zero divisor", () => {
    expect(() => divideHalfEven(1n, 0n)).toThrow(RangeError);
  });
});

describe("ratioDecimal", () => {
  it.each([
    [1n, 40n, "0.025000"],
    [1n, 3n, "0.333333"],
    [2n, 3n, "0.666667"],
    [5n, 5n, "1.000000"],
    [7n, 2n, "3.500000"],
    [-1n, 8n, "-0.125000"],
    [1n, 16_000_000n, "0.000000"],
    [1n, 2_000_000n, "0.000000"],
    [3n, 2_000_000n, "0.000002"],
  ])("%d / %d → %s", (n, d, text) => {
    expect(ratioDecimal(n, d)).toBe(text);
  });
});

describe("deriveMetrics", () => {
  const base = {
    clicks: 1000n,
    uniqueClicks: 800n,
    approvedConversions: 20n,
    payout: 30_000n,
    revenue: 40_000n,
  };

  it("computes CR, EPC per 100 clicks, profit and margin exactly", () => {
    expect(deriveMetrics(base)).toEqual({
      conversionRate: "0.025000",
      epc: 3000n,
      profit: 10_000n,
      marginBps: 2500,
    });
  });

  it("rounds EPC down and margin half-even", () => {
    const m = deriveMetrics({ ...base, clicks: 7n, payout: 100n, revenue: 3n });
    expect(m.epc).toBe(1428n); // 10000 / 7 = 1428.57…
    expect(m.profit).toBe(-97n);
    expect(m.marginBps).toBe(-323_333); // -97 / 3 = -32.3333…
  });

  it("has no ratios without their denominators", () => {
    expect(
      deriveMetrics({ clicks: 0n, uniqueClicks: 0n, approvedConversions: 2n, payout: 0n, revenue: 0n }),
    ).toEqual({
      conversionRate: null,
      epc: null,
      profit: 0n,
      marginBps: null,
    });
  });

  it("keeps money exact beyond 2^53", () => {
    const big = 2n ** 60n + 1n;
    expect(deriveMetrics({ ...base, payout: big, revenue: big + 10n }).profit).toBe(10n);
  });
});
