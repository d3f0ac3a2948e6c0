// Shapes the API's `stats` rows (one per UTC day and currency) into chart points: one point per day of
// the range (days without traffic are zeros, not gaps), money kept per currency because amounts in
// different currencies never add up. Sums stay bigint; only the plotted value becomes a number.
import { minorToChartValue } from "../money.ts";
import { formatMoney, formatNumber } from "../ui/format.ts";

/** One line or bar of the chart: a count or money (of the chart's one currency). */
export interface Series {
  key: "clicks" | "conversions" | "approved" | "payout" | "revenue" | "margin";
  label: string;
  kind: "count" | "money";
  color: string;
}

export interface StatsRow {
  day: string;
  currency: string;
  clicks: string;
  conversions: string;
  approvedConversions: string;
  /** null for advertisers, revenue null for publishers (@leadrail/db/visibility). */
  payout?: { amount: string } | null;
  revenue?: { amount: string } | null;
}

export interface DayPoint {
  day: string;
  clicks: number;
  conversions: number;
  approved: number;
  /** Major units of the chosen currency, for plotting. */
  payout: number;
  revenue: number;
  margin: number;
  /** The exact minor units behind payout, revenue and margin, for tooltips (a plotted value may round). */
  minor: { payout: string; revenue: string; margin: string };
}

export interface Totals {
  clicks: bigint;
  conversions: bigint;
  approved: bigint;
  /** Minor units per currency. */
  money: Map<string, { payout: bigint; revenue: bigint; margin: bigint }>;
}

/** Every YYYY-MM-DD from `from` to `to` inclusive (UTC). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** The last `count` days ending today (UTC), as the API's from/to arguments. */
export function lastDays(count: number, now = new Date()): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - (count - 1) * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

/** Counts add across currencies; money is plotted for `currency` only. */
export function toDayPoints(
  rows: readonly StatsRow[],
  from: string,
  to: string,
  currency: string,
): DayPoint[] {
  const byDay = new Map<string, DayPoint>(
    daysBetween(from, to).map((day) => [
      day,
      {
        day,
        clicks: 0,
        conversions: 0,
        approved: 0,
        payout: 0,
        revenue: 0,
        margin: 0,
        minor: { payout: "0", revenue: "0", margin: "0" },
      },
    ]),
  );
  for (const row of rows) {
    const point = byDay.get(row.day);
    if (!point) continue;
    point.clicks += Number(row.clicks);
    point.conversions += Number(row.conversions);
    point.approved += Number(row.approvedConversions);
    if (row.currency === currency) {
      const payout = row.payout ? BigInt(row.payout.amount) : 0n;
      const revenue = row.revenue ? BigInt(row.revenue.amount) : 0n;
      point.payout = minorToChartValue(payout, currency);
      point.revenue = minorToChartValue(revenue, currency);
      point.margin = minorToChartValue(revenue - payout, currency);
      point.minor = { payout: String(payout), revenue: String(revenue), margin: String(revenue - payout) };
    }
  }
  return [...byDay.values()];
}

export function totals(rows: readonly StatsRow[]): Totals {
  const result: Totals = { clicks: 0n, conversions: 0n, approved: 0n, money: new Map() };
  for (const row of rows) {
    result.clicks += BigInt(row.clicks);
    result.conversions += BigInt(row.conversions);
    result.approved += BigInt(row.approvedConversions);
    const money = result.money.get(row.currency) ?? { payout: 0n, revenue: 0n, margin: 0n };
    const payout = row.payout ? BigInt(row.payout.amount) : 0n;
    const revenue = row.revenue ? BigInt(row.revenue.amount) : 0n;
    money.payout += payout;
    money.revenue += revenue;
    money.margin += revenue - payout;
    result.money.set(row.currency, money);
  }
  return result;
}

/** Currencies present, the one with the most money the viewer sees (payout, else revenue) first: the default chart currency. */
export function currenciesByWeight(rows: readonly StatsRow[]): string[] {
  const weight = new Map<string, bigint>();
  for (const row of rows) {
    weight.set(
      row.currency,
      (weight.get(row.currency) ?? 0n) + BigInt((row.payout ?? row.revenue)?.amount ?? "0"),
    );
  }
  return [...weight.entries()].sort((a, b) => (a[1] === b[1] ? 0 : a[1] > b[1] ? -1 : 1)).map(([c]) => c);
}

/** What a tooltip shows for one series at one point: "$20.20", not "20.2"; "1,204", not "1204". */
export function tooltipValue(series: Series, point: DayPoint, currency: string): string {
  if (series.kind === "money") {
    return formatMoney(point.minor[series.key as "payout" | "revenue" | "margin"], currency);
  }
  return formatNumber(point[series.key]);
}
