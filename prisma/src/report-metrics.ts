// Derived report metrics, one home for the API (per row) and the dashboard (per totals row). Exact:
// money stays bigint minor units, ratios are decimal strings or basis points computed with integer
// arithmetic (never a float).

export interface ReportTotals {
  clicks: bigint;
  uniqueClicks: bigint;
  approvedConversions: bigint;
  /** Publisher payout of APPROVED conversions, minor units. */
  payout: bigint;
  /** Advertiser revenue (the advertiser's cost) of APPROVED conversions, minor units. */
  revenue: bigint;
}

export interface DerivedMetrics {
  /** Approved conversions / unique clicks, 6 decimals, rounded half-even ("0.025000" = 2.5 %). */
  conversionRate: string | null;
  /** Approved payout × 100 / clicks: earnings per 100 clicks in minor units, rounded down. */
  epc: bigint | null;
  /** revenue − payout (negative when the network pays more than it earns). */
  profit: bigint;
  /** profit / revenue in basis points, rounded half-even (2500 = 25 %). */
  marginBps: number | null;
}

/** a / b rounded half-even to an integer (b > 0). */
export function divideHalfEven(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new RangeError("divisor must be positive");
  const negative = a < 0n;
  const n = negative ? -a : a;
  let q = n / b;
  const r = n % b;
  if (r * 2n > b || (r * 2n === b && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

/** A ratio as a decimal string with `places` fraction digits, rounded half-even. */
export function ratioDecimal(numerator: bigint, denominator: bigint, places = 6): string {
  const scaled = divideHalfEven(numerator * 10n ** BigInt(places), denominator);
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, "0");
  const whole = digits.slice(0, digits.length - places);
  return `${negative ? "-" : ""}${whole}.${digits.slice(digits.length - places)}`;
}

export function deriveMetrics(t: ReportTotals): DerivedMetrics {
  const profit = t.revenue - t.payout;
  return {
    conversionRate: t.uniqueClicks > 0n ? ratioDecimal(t.approvedConversions, t.uniqueClicks) : null,
    epc: t.clicks > 0n ? (t.payout * 100n) / t.clicks : null,
    profit,
    marginBps: t.revenue > 0n ? Number(divideHalfEven(profit * 10_000n, t.revenue)) : null,
  };
}
