// A stored lead as a destination sees it (@leadrail/db/lead-delivery's LeadFacts): text values, the
// offer's custom form fields and the click's subs.
import type { LeadFacts } from "@leadrail/db/lead-delivery";

export interface StoredLead {
  id: string;
  offerId: number;
  publisherId: number | null;
  clickId: string | null;
  status: string;
  leadName: string | null;
  leadEmail: string | null;
  leadPhone: string | null;
  leadFields: unknown;
  country: string | null;
  deviceType: string | null;
  subs: unknown;
  consentText: string | null;
  consentAt: Date | null;
  convertedAt: Date;
}

export const STORED_LEAD_SELECT = {
  id: true,
  offerId: true,
  publisherId: true,
  clickId: true,
  status: true,
  leadName: true,
  leadEmail: true,
  leadPhone: true,
  leadFields: true,
  country: true,
  deviceType: true,
  subs: true,
  consentText: true,
  consentAt: true,
  convertedAt: true,
  erasedAt: true,
} as const;

function textRecord(value: unknown): Record<string, string> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === "string") out[key] = item;
    else if (typeof item === "number" || typeof item === "boolean") out[key] = String(item);
  }
  return out;
}

export function leadFacts(lead: StoredLead, offerName: string): LeadFacts {
  return {
    conversionId: lead.id,
    offerId: lead.offerId,
    offerName,
    publisherId: lead.publisherId,
    clickId: lead.clickId,
    status: lead.status,
    name: lead.leadName,
    email: lead.leadEmail,
    phone: lead.leadPhone,
    country: lead.country,
    deviceType: lead.deviceType,
    convertedAt: lead.convertedAt.toISOString(),
    consentText: lead.consentText,
    consentAt: lead.consentAt?.toISOString() ?? null,
    subs: textRecord(lead.subs),
    fields: textRecord(lead.leadFields),
  };
}
