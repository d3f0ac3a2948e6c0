// A per-day chart. Each count metric has its own axis (a few conversions drawn on the clicks axis
// would be a flat line at zero): clicks as bars on the left, conversions as a line on a second left
// axis; money lines share one right axis, because they are the same unit (one currency). Tooltips
// read like the rest of the dashboard: counts with separators, money exact from minor units.
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatAxisMoney, formatAxisNumber } from "../ui/format.ts";
import { type DayPoint, type Series, tooltipValue } from "./series.ts";

export type { Series };

export function StatsChart({
  points,
  series,
  title,
  currency,
}: {
  points: DayPoint[];
  series: Series[];
  title: string;
  currency: string;
}) {
  const counts = series.filter((s) => s.kind === "count");
  const hasMoney = series.some((s) => s.kind === "money");
  const byLabel = new Map(series.map((s) => [s.label, s]));
  return (
    <figure className="chart" aria-label={title}>
      <ResponsiveContainer width="100%" height={300} initialDimension={{ width: 800, height: 300 }}>
        <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ef" />
          <XAxis dataKey="day" tickFormatter={(day: string) => day.slice(5)} minTickGap={16} />
          {counts.map((s) => (
            <YAxis
              key={s.key}
              yAxisId={s.key}
              allowDecimals={false}
              width={48}
              stroke={s.color}
              tickFormatter={(value: number) => formatAxisNumber(value)}
            />
          ))}
          {hasMoney ? (
            <YAxis
              yAxisId="money"
              orientation="right"
              width={72}
              tickFormatter={(value: number) => formatAxisMoney(value, currency)}
            />
          ) : null}
          <Tooltip
            // The series colours are for lines, too light for text on white: tooltip text stays ink.
            itemStyle={{ color: "#1f2937" }}
            formatter={(_value, name, item) => {
              const s = byLabel.get(String(name));
              return s
                ? [tooltipValue(s, item.payload as DayPoint, currency), s.label]
                : [String(_value), name];
            }}
          />
          <Legend />
          {series.map((s, index) =>
            s.kind === "count" && index === 0 ? (
              <Bar
                key={s.key}
                yAxisId={s.key}
                dataKey={s.key}
                name={s.label}
                fill={s.color}
                isAnimationActive={false}
              />
            ) : (
              <Line
                key={s.key}
                yAxisId={s.kind === "count" ? s.key : "money"}
                dataKey={s.key}
                name={s.label}
                stroke={s.color}
                strokeWidth={2}
                strokeDasharray={s.kind === "count" ? "5 3" : undefined}
                dot={false}
                isAnimationActive={false}
              />
            ),
          )}
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption className="muted">{title}</figcaption>
    </figure>
  );
}
