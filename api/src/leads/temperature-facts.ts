// What the temperature rule (./temperature.ts) needs from a stored lead, and reading it from a row:
// the Lead.temperature field and the HOTTEST ordering of the inbox use the same function, so a lead
// is ranked by exactly the temperature the inbox shows.
import { type LeadTemperature, leadTemperature, type TemperatureResult } from "./temperature.ts";

/** The Prisma select the rule reads (the offer's form decides what a complete form is). */
export const temperatureSelect = {
  status: true,
  clickAt: true,
  convertedAt: true,
  leadFields: true,
  returningVisitor: true,
  qualitySignals: true,
  offer: { select: { leadForm: { select: { fields: true } } } },
} as const;

export interface TemperatureRow {
  status: "PENDING" | "APPROVED" | "REJECTED" | "REVERSED";
  clickAt: Date | null;
  convertedAt: Date;
  leadFields: unknown;
  returningVisitor: boolean | null;
  qualitySignals: unknown;
  offer: { leadForm: { fields: unknown } | null };
}

function signalCount(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

function formFieldNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((f) =>
    typeof f === "object" && f !== null && typeof (f as { name?: unknown }).name === "string"
      ? [(f as { name: string }).name]
      : [],
  );
}

/** The lead's temperature as of `at`. */
export function temperatureOf(lead: TemperatureRow, at: Date): TemperatureResult {
  const fields = lead.leadFields;
  return leadTemperature({
    status: lead.status,
    clickAt: lead.clickAt,
    convertedAt: lead.convertedAt,
    formFields: formFieldNames(lead.offer.leadForm?.fields),
    leadFields:
      typeof fields === "object" && fields !== null && !Array.isArray(fields)
        ? (fields as Record<string, unknown>)
        : null,
    returningVisitor: lead.returningVisitor,
    signalCount: signalCount(lead.qualitySignals),
    now: at,
  });
}

/** HOT first: the rank the HOTTEST ordering sorts by. */
export const TEMPERATURE_RANK: Record<LeadTemperature, number> = { HOT: 0, WARM: 1, COLD: 2 };
