// Lead temperature (HOT / WARM / COLD) is being added to the API as `Lead.temperature`.
// TODO(Lead.temperature): once the field is in api/schema.graphql, add `temperature` to the Leads query's
// selection in Leads.tsx and return `lead.temperature` below; the badge and column are already wired.
import { Badge } from "../ui/Badge.tsx";

export type Temperature = "HOT" | "WARM" | "COLD";

export function temperatureOf(_lead: object): Temperature | null {
  return null;
}

export function TemperatureBadge({ temperature }: { temperature: Temperature | null }) {
  if (!temperature) return <span className="muted">—</span>;
  return <Badge tone={`temp-${temperature}`}>{temperature.toLowerCase()}</Badge>;
}
