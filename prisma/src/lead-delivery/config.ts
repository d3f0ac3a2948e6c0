// What an advertiser configures for a lead destination (lead_destinations), as one zod model: the API
// validates its input with it, the dashboard drives its form with it, and the tracker's worker reads
// the stored JSON columns (field mapping, static fields, refusal rule) back through it. Free of Prisma
// and of node:* so the dashboard can import it (`@leadrail/db/lead-delivery`).
import { z } from "zod";

export const LEAD_DESTINATION_KINDS = ["WEBHOOK", "EMAIL"] as const;
export const LEAD_DELIVERY_TRIGGERS = ["REAL_TIME", "ON_CONFIRMATION"] as const;
export const LEAD_PAYLOAD_FORMATS = ["JSON", "FORM"] as const;
export const LEAD_DELIVERY_OUTCOMES = ["DELIVERED", "RETRYING", "FAILED", "REFUSED"] as const;

export type LeadDestinationKind = (typeof LEAD_DESTINATION_KINDS)[number];
export type LeadDeliveryTrigger = (typeof LEAD_DELIVERY_TRIGGERS)[number];
export type LeadPayloadFormat = (typeof LEAD_PAYLOAD_FORMATS)[number];
export type LeadDeliveryOutcome = (typeof LEAD_DELIVERY_OUTCOMES)[number];

/** Names a CRM field may have: what a form field or JSON key can carry, no control characters. */
const crmName = z
  .string()
  .trim()
  .min(1, "a field name is required")
  .max(100)
  .regex(/^[^\p{Cc}]+$/u, "no control characters");

/**
 * One mapped field: `from` is a lead field (`email`, `sub1`, a custom form field such as `zip`) or a
 * template with macros (`{name} <{email}>`); `to` is the CRM's name for it.
 */
export const fieldMappingEntrySchema = z.object({
  from: z
    .string()
    .trim()
    .min(1, "say which lead field")
    .max(200)
    .regex(/^[^\p{Cc}]+$/u, "no control characters"),
  to: crmName,
});
export type FieldMappingEntry = z.infer<typeof fieldMappingEntrySchema>;

export const fieldMappingSchema = z
  .array(fieldMappingEntrySchema)
  .max(100, "at most 100 mapped fields")
  .refine((entries) => new Set(entries.map((e) => e.to)).size === entries.length, {
    message: "each CRM field name may appear once",
  });

/** Constant fields sent with every lead (campaign ids, the CRM's own API key...). */
export const staticFieldsSchema = z
  .record(
    crmName,
    z
      .string()
      .max(1000)
      .regex(/^[^\p{Cc}]*$/u, "no control characters"),
  )
  .refine((fields) => Object.keys(fields).length <= 50, { message: "at most 50 static fields" });
export type StaticFields = z.infer<typeof staticFieldsSchema>;

/** A dot path into a JSON answer: `status`, `result.code`, `errors.0.message`. */
const jsonPath = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, "a dot path such as result.status");

/**
 * When the CRM's answer means "we do not take this lead". Every condition given must hold, and at
 * least one must be given: `httpStatuses` (the answer's status is one of these), `bodyContains` (the
 * raw body contains this text, case-insensitive), `jsonPath` + `equals` (the JSON body's value at the
 * path, as text, equals this, case-insensitive). `reason` is stored as the refusal's reason; with
 * `reasonPath` the CRM's own text at that JSON path is used instead when there is one.
 */
export const refusalRuleSchema = z
  .object({
    httpStatuses: z.array(z.number().int().min(100).max(599)).min(1).max(20).optional(),
    bodyContains: z.string().min(1).max(200).optional(),
    jsonPath: jsonPath.optional(),
    equals: z.string().max(200).optional(),
    reason: z.string().trim().min(1, "say why the lead is refused").max(200),
    reasonPath: jsonPath.optional(),
  })
  .refine((r) => r.httpStatuses !== undefined || r.bodyContains !== undefined || r.jsonPath !== undefined, {
    message: "give at least one condition: HTTP statuses, body text or a JSON path",
  })
  .refine((r) => (r.jsonPath === undefined) === (r.equals === undefined), {
    message: "a JSON path needs the value it must equal, and the other way round",
    path: ["equals"],
  });
export type RefusalRule = z.infer<typeof refusalRuleSchema>;

const webhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
      } catch {
        return false;
      }
    },
    { message: "an http or https URL" },
  );

const common = {
  name: z.string().trim().min(1, "give the destination a name").max(100),
  active: z.boolean().default(true),
  trigger: z.enum(LEAD_DELIVERY_TRIGGERS).default("REAL_TIME"),
  fieldMapping: fieldMappingSchema.default([]),
  staticFields: staticFieldsSchema.default({}),
};

export const webhookDestinationSchema = z.object({
  kind: z.literal("WEBHOOK"),
  ...common,
  url: webhookUrl,
  format: z.enum(LEAD_PAYLOAD_FORMATS).default("JSON"),
  // Long enough to be a key, not a password someone will reuse.
  secret: z.string().min(16, "at least 16 characters").max(200).nullable().default(null),
  refusalRule: refusalRuleSchema.nullable().default(null),
});

export const emailDestinationSchema = z.object({
  kind: z.literal("EMAIL"),
  ...common,
  recipients: z
    .array(z.string().trim().toLowerCase().pipe(z.email("an e-mail address")))
    .min(1, "at least one recipient")
    .max(10, "at most 10 recipients"),
});

/** A destination as the advertiser configures it (the API's input, the dashboard's form). */
export const leadDestinationConfigSchema = z.discriminatedUnion("kind", [
  webhookDestinationSchema,
  emailDestinationSchema,
]);
export type LeadDestinationConfig = z.infer<typeof leadDestinationConfigSchema>;
export type LeadDestinationInput = z.input<typeof leadDestinationConfigSchema>;

/** The stored JSON columns read back: anything that no longer parses counts as empty. */
export function storedFieldMapping(value: unknown): FieldMappingEntry[] {
  const parsed = fieldMappingSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}

export function storedStaticFields(value: unknown): StaticFields {
  const parsed = staticFieldsSchema.safeParse(value);
  return parsed.success ? parsed.data : {};
}

export function storedRefusalRule(value: unknown): RefusalRule | null {
  if (value === null || value === undefined) return null;
  const parsed = refusalRuleSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
