// The filtered leads as CSV, built in the browser from the API's rows (every page of the filter), with
// the report export's quoting and formula guard and exact money.
import { csvField, minorToDecimal } from "../reports/report-csv.ts";

export interface CsvLead {
  id: string;
  status: string;
  statusReason: string | null;
  convertedAt: string;
  leadName: string | null;
  leadEmail: string | null;
  leadPhone: string | null;
  country: string | null;
  deviceType: string | null;
  transactionId: string;
  offer: { id: string; name: string };
  publisher: { id: string; name: string } | null;
  revenue: { amount: string; currency: string };
  temperature: string;
  qualitySignals: readonly { code: string }[];
}

const COLUMNS: [string, (lead: CsvLead) => string][] = [
  ["id", (l) => l.id],
  ["converted_at", (l) => l.convertedAt],
  ["status", (l) => l.status],
  ["status_reason", (l) => l.statusReason ?? ""],
  ["offer_id", (l) => l.offer.id],
  ["offer", (l) => l.offer.name],
  ["publisher_id", (l) => l.publisher?.id ?? ""],
  ["publisher", (l) => l.publisher?.name ?? ""],
  ["name", (l) => l.leadName ?? ""],
  ["email", (l) => l.leadEmail ?? ""],
  ["phone", (l) => l.leadPhone ?? ""],
  ["country", (l) => l.country ?? ""],
  ["device", (l) => l.deviceType ?? ""],
  ["transaction_id", (l) => l.transactionId],
  ["temperature", (l) => l.temperature],
  ["quality_signals", (l) => l.qualitySignals.map((s) => s.code).join(" ")],
  ["cost", (l) => minorToDecimal(l.revenue.amount, l.revenue.currency)],
  ["currency", (l) => l.revenue.currency],
];

export function leadsCsv(leads: readonly CsvLead[]): string {
  const lines = [COLUMNS.map(([key]) => csvField(key))];
  for (const lead of leads) lines.push(COLUMNS.map(([, value]) => csvField(value(lead))));
  return `${lines.map((line) => line.join(",")).join("\r\n")}\r\n`;
}
