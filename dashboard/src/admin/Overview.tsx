// The admin overview: the network's clicks, conversions, revenue, payout and margin per UTC day, as a
// chart from `stats` (the daily rollup, no tenancy filter for admins). Other groupings, time zones and
// CSV are on the Reports screen (`report(...)`, reports/ReportsPage.tsx).
import { NetworkStats } from "../stats/StatsPage.tsx";

export function Overview() {
  return <NetworkStats title="Network overview" />;
}
