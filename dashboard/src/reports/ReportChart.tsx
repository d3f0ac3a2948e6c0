// The report's chosen metric per local day: one line, its own axis, tooltips in the metric's unit
// (money exact from minor units, counts with separators). Counts add across currencies; money is
// drawn for one currency at a time, because amounts in different currencies never add up.
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { minorToChartValue } from "../money.ts";
import { daysBetween } from "../stats/series.ts";
import { formatAxisMoney, formatAxisNumber, formatMoney, formatNumber } from "../ui/format.ts";

export type ReportMetric =
  | "clicks"
  | "uniqueClicks"
  | "conversions"
  | "approvedConversions"
  | "payout"
  | "revenue"
  | "profit";

export const MONEY_METRICS: ReadonlySet<ReportMetric> = new Set(["payout", "revenue", "profit"]);

export interface SeriesRow {
  day?: string | null;
  currency: string;
  clicks: string;
  uniqueClicks: string;
  conversions: string;
  approvedConversions: string;
  payout?: { amount: string } | null;
  revenue?: { amount: string } | null;
  profit?: { amount: string } | null;
}

interface Point {
  day: string;
  value: number;
  /** The exact amount (minor units) or count behind `value`, for the tooltip. */
  exact: bigint;
}

/** One point per day of the range (days without traffic are zero, not gaps). */
export function metricPoints(
  rows: readonly SeriesRow[],
  from: string,
  to: string,
  metric: ReportMetric,
  currency: string,
): Point[] {
  const money = MONEY_METRICS.has(metric);
  const exact = new Map(daysBetween(from, to).map((day) => [day, 0n]));
  for (const row of rows) {
    if (!row.day || !exact.has(row.day)) continue;
    if (money && row.currency !== currency) continue;
    const value = money
      ? BigInt((row[metric as "payout" | "revenue" | "profit"] ?? { amount: "0" }).amount)
      : BigInt(row[metric as "clicks"]);
    exact.set(row.day, (exact.get(row.day) ?? 0n) + value);
  }
  return [...exact.entries()].map(([day, amount]) => ({
    day,
    exact: amount,
    value: money ? minorToChartValue(amount, currency) : Number(amount),
  }));
}

export function ReportChart(props: {
  points: Point[];
  label: string;
  money: boolean;
  currency: string;
  title: string;
}) {
  const { money, currency } = props;
  const format = (point: Point) => (money ? formatMoney(point.exact, currency) : formatNumber(point.exact));
  return (
    <figure className="chart" aria-label={props.title}>
      <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 800, height: 260 }}>
        <LineChart data={props.points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ef" />
          <XAxis dataKey="day" tickFormatter={(day: string) => day.slice(5)} minTickGap={16} />
          <YAxis
            width={72}
            allowDecimals={money}
            tickFormatter={(value: number) =>
              money ? formatAxisMoney(value, currency) : formatAxisNumber(value)
            }
          />
          <Tooltip
            // The series colours are for lines, too light for text on white: tooltip text stays ink.
            itemStyle={{ color: "#1f2937" }}
            formatter={(_value, _name, item) => [format(item.payload as Point), props.label]}
            labelFormatter={(day) => String(day)}
          />
          <Line
            dataKey="value"
            name={props.label}
            stroke="#2457d6"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="muted">{props.title}</figcaption>
    </figure>
  );
}
