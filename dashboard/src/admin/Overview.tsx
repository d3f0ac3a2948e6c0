// The admin overview: the network's clicks, conversions, revenue, payout and margin per UTC day, as a
// chart from `report` grouped by day (the engine behind the Reports screen, so both count alike; no
// tenancy filter for admins). Other groupings, time zones and CSV are on the Reports screen.
import { NetworkStats } from "../stats/StatsPage.tsx";

export function Overview() {
  return <NetworkStats title="Network overview" source="report" />;
}
