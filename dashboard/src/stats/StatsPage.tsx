// Stats for the signed-in role: a publisher's earnings, an advertiser's cost, finance's network view.
import { useMe } from "../app/me.ts";
import { StatsView } from "./StatsView.tsx";
import type { Series } from "./series.ts";

const COUNTS: Series[] = [
  { key: "clicks", label: "Clicks", kind: "count", color: "#9db4e8" },
  { key: "conversions", label: "Conversions", kind: "count", color: "#2457d6" },
];

export function StatsPage() {
  const me = useMe();
  if (me.role === "PUBLISHER") {
    return (
      <StatsView
        title="Stats"
        series={[...COUNTS, { key: "payout", label: "Earnings", kind: "money", color: "#1b8a4b" }]}
        money={[{ key: "payout", label: "Earnings" }]}
      />
    );
  }
  if (me.role === "ADVERTISER") {
    return (
      <StatsView
        title="Stats"
        series={[...COUNTS, { key: "revenue", label: "Cost", kind: "money", color: "#c2410c" }]}
        money={[{ key: "revenue", label: "Cost" }]}
      />
    );
  }
  return <NetworkStats title="Network" />;
}

/** Admin and finance: the whole network's clicks, conversions, revenue, payout and margin. */
export function NetworkStats({ title, source }: { title: string; source?: "stats" | "report" }) {
  return (
    <StatsView
      title={title}
      source={source}
      series={[
        ...COUNTS,
        { key: "revenue", label: "Revenue", kind: "money", color: "#c2410c" },
        { key: "payout", label: "Payout", kind: "money", color: "#1b8a4b" },
        { key: "margin", label: "Margin", kind: "money", color: "#7c3aed" },
      ]}
      money={[
        { key: "revenue", label: "Revenue" },
        { key: "payout", label: "Payout" },
        { key: "margin", label: "Margin" },
      ]}
    />
  );
}
