// Lead temperature (API: Lead.temperature, from the rules in api/src/leads/temperature.ts): call the hot
// ones first. The reasons the rules gave show on hover.
import { temperatureReasonWords } from "@leadrail/db/conversion-reasons";
import { Badge } from "../ui/Badge.tsx";

export type Temperature = "HOT" | "WARM" | "COLD";

export function TemperatureBadge({ temperature, reasons }: { temperature: Temperature; reasons: string[] }) {
  return (
    <span title={reasons.map(temperatureReasonWords).join(", ")}>
      <Badge tone={`temp-${temperature}`}>{temperature.toLowerCase()}</Badge>
    </span>
  );
}
