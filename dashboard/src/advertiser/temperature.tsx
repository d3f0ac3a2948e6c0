// Lead temperature (HOT / WARM / COLD) is being added to the API as `Lead.temperature`.
// TODO(Lead.temperature): once the field is in api/schema.graphql, add `temperature` to the Leads query's
// selection in Leads.tsx (the one-line change); the accessor, badge and column already read it, and show
// "—" while the query does not ask for it.
import { Badge } from "../ui/Badge.tsx";

export type Temperature = "HOT" | "WARM" | "COLD";

/** `object`, not `{ temperature? }`: until the query selects the field, a lead shares no property with it. */
export function temperatureOf(lead: object): Temperature | null {
  return "temperature" in lead ? ((lead.temperature as Temperature | null) ?? null) : null;
}

export function TemperatureBadge({ temperature }: { temperature: Temperature | null }) {
  if (!temperature) return <span className="muted">—</span>;
  return <Badge tone={`temp-${temperature}`}>{temperature.toLowerCase()}</Badge>;
}
