// The admin overview: the network's clicks, conversions, revenue, payout and margin per day.
// TODO(report): switch to the `report(...)` query once it lands; `stats` already covers the network for
// admins (no tenancy filter), so the numbers are the same.
import { NetworkStats } from "../stats/StatsPage.tsx";

export function Overview() {
  return <NetworkStats title="Network overview" />;
}
