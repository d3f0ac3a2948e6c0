// A per-day chart: counts as bars on the left axis, money as lines on the right axis (one currency).
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
import type { DayPoint } from "./series.ts";

export interface Series {
  key: keyof Omit<DayPoint, "day">;
  label: string;
  kind: "count" | "money";
  color: string;
}

export function StatsChart({
  points,
  series,
  title,
}: {
  points: DayPoint[];
  series: Series[];
  title: string;
}) {
  return (
    <figure className="chart" aria-label={title}>
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ef" />
          <XAxis dataKey="day" tickFormatter={(day: string) => day.slice(5)} minTickGap={16} />
          <YAxis yAxisId="count" allowDecimals={false} width={48} />
          <YAxis yAxisId="money" orientation="right" width={64} />
          <Tooltip />
          <Legend />
          {series.map((s) =>
            s.kind === "count" ? (
              <Bar
                key={s.key}
                yAxisId="count"
                dataKey={s.key}
                name={s.label}
                fill={s.color}
                isAnimationActive={false}
              />
            ) : (
              <Line
                key={s.key}
                yAxisId="money"
                dataKey={s.key}
                name={s.label}
                stroke={s.color}
                strokeWidth={2}
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
