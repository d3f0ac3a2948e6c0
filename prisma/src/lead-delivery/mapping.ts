// From a lead to what its destination receives: the field mapping, the static fields, the JSON or
// form-encoded body and the e-mail text. Pure (no I/O, no node:*): the worker sends what this builds,
// and the dashboard previews a mapping with the same function.
import type { FieldMappingEntry, LeadPayloadFormat, StaticFields } from "./config.ts";

/** What a destination can know about a lead, as text (a CRM takes strings). */
export interface LeadFacts {
  conversionId: string;
  offerId: number;
  offerName: string;
  publisherId: number | null;
  clickId: string | null;
  status: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  country: string | null;
  deviceType: string | null;
  /** ISO 8601. */
  convertedAt: string;
  consentText: string | null;
  /** ISO 8601 or null. */
  consentAt: string | null;
  /** source, sub1..sub10 as the click carried them. */
  subs: Record<string, string>;
  /** The hosted form's other fields (zip, age...), under the offer's field names. */
  fields: Record<string, string>;
}

/** The lead fields a mapping may name besides the offer's own form fields, in payload order. */
export const STANDARD_LEAD_FIELDS = [
  "conversion_id",
  "offer_id",
  "offer_name",
  "publisher_id",
  "click_id",
  "status",
  "name",
  "email",
  "phone",
  "country",
  "device_type",
  "converted_at",
  "consent_text",
  "consent_at",
  "source",
  ...Array.from({ length: 10 }, (_, i) => `sub${i + 1}`),
] as const;

/** Every known value of a lead by field name; the offer's own form fields come after the standard ones. */
export function leadValues(lead: LeadFacts): Map<string, string> {
  const standard: Record<(typeof STANDARD_LEAD_FIELDS)[number], string | null | undefined> = {
    conversion_id: lead.conversionId,
    offer_id: String(lead.offerId),
    offer_name: lead.offerName,
    publisher_id: lead.publisherId === null ? null : String(lead.publisherId),
    click_id: lead.clickId,
    status: lead.status.toLowerCase(),
    name: lead.name,
    email: lead.email,
    phone: lead.phone,
    country: lead.country,
    device_type: lead.deviceType?.toLowerCase(),
    converted_at: lead.convertedAt,
    consent_text: lead.consentText,
    consent_at: lead.consentAt,
    source: lead.subs.source,
    sub1: lead.subs.sub1,
    sub2: lead.subs.sub2,
    sub3: lead.subs.sub3,
    sub4: lead.subs.sub4,
    sub5: lead.subs.sub5,
    sub6: lead.subs.sub6,
    sub7: lead.subs.sub7,
    sub8: lead.subs.sub8,
    sub9: lead.subs.sub9,
    sub10: lead.subs.sub10,
  };
  const values = new Map<string, string>();
  for (const key of STANDARD_LEAD_FIELDS) {
    const value = standard[key];
    if (value !== null && value !== undefined && value !== "") values.set(key, value);
  }
  // A form field never shadows a standard one (a form field called "status" cannot fake the status).
  for (const [key, value] of Object.entries(lead.fields)) {
    if (!values.has(key) && value !== "") values.set(key, value);
  }
  return values;
}

const MACRO = /\{([A-Za-z0-9_.-]+)\}/g;

/**
 * One mapping source: a bare name (`email`, `zip`) is that field's value, or nothing when the lead
 * has none; a template (`{name} <{email}>`) fills each macro, an unknown or empty one with "".
 */
export function mappedValue(from: string, values: ReadonlyMap<string, string>): string | null {
  if (!from.includes("{")) return values.get(from) ?? null;
  return from.replace(MACRO, (_, key: string) => values.get(key) ?? "");
}

/**
 * The fields a destination receives, in order: with a mapping, each mapped field that has a value
 * (a field the lead lacks is left out rather than sent empty, so the CRM's own defaults apply);
 * without one, every lead field under its own name. Static fields come last and win over a mapped
 * field of the same name: they are the advertiser's fixed settings (a campaign id, the CRM's key).
 */
export function mapLead(
  lead: LeadFacts,
  mapping: readonly FieldMappingEntry[],
  staticFields: StaticFields,
): Record<string, string> {
  const values = leadValues(lead);
  const payload: Record<string, string> = {};
  if (mapping.length === 0) {
    for (const [key, value] of values) payload[key] = value;
  } else {
    for (const { from, to } of mapping) {
      const value = mappedValue(from, values);
      if (value !== null) payload[to] = value;
    }
  }
  for (const [key, value] of Object.entries(staticFields)) payload[key] = value;
  return payload;
}

export interface EncodedBody {
  contentType: string;
  body: string;
}

/** The webhook's body: a flat JSON object of strings, or application/x-www-form-urlencoded. */
export function encodePayload(payload: Record<string, string>, format: LeadPayloadFormat): EncodedBody {
  if (format === "FORM") {
    return {
      contentType: "application/x-www-form-urlencoded",
      body: new URLSearchParams(Object.entries(payload)).toString(),
    };
  }
  return { contentType: "application/json", body: JSON.stringify(payload) };
}

export interface LeadEmail {
  subject: string;
  text: string;
}

/** The e-mail a destination receives: one "name: value" line per mapped field. */
export function leadEmail(lead: LeadFacts, payload: Record<string, string>, test: boolean): LeadEmail {
  const subject = `${test ? "[TEST] " : ""}New lead for ${lead.offerName} (${lead.conversionId})`;
  const lines = Object.entries(payload).map(([key, value]) => `${key}: ${value.replace(/\r?\n/g, " ")}`);
  const text = [
    test ? "This is a test lead with sample values, sent from the Leadrail dashboard." : null,
    ...lines,
    "",
    "Sent by Leadrail lead delivery.",
  ]
    .filter((line) => line !== null)
    .join("\n");
  return { subject, text };
}

/** What a test lead carries: sample values that say "test" wherever a real one identifies someone. */
export function sampleLead(offer: { id: number; name: string }, id: string, at: Date): LeadFacts {
  return {
    conversionId: id,
    offerId: offer.id,
    offerName: offer.name,
    publisherId: null,
    clickId: "test",
    status: "PENDING",
    name: "Test Lead",
    email: "test.lead@example.com",
    phone: "+15555550100",
    country: "US",
    deviceType: "DESKTOP",
    convertedAt: at.toISOString(),
    consentText: null,
    consentAt: null,
    subs: { source: "test", sub1: "test" },
    fields: {},
  };
}
