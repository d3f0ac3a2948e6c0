// The body of POST /v1/leads and its check. Pure: JSON value in, the request or per-field errors out.
//
// Strict on purpose: a publisher's server sends it, so an unknown key is a typo to report (a silently
// dropped `emial` would be a lead without its e-mail), and every error names the field by its path
// (`fields.email`, `consent.given`, `sub3`). The form's own fields are judged later by the offer's
// form rules (validateLead); here only their shape.
import { hasControlCharacters, isIpLiteral } from "@leadrail/db";
import { SUB_IDS, type SubId } from "@leadrail/db/macros";
import { z } from "zod";

/** The publisher's idempotency token: printable ASCII without spaces, like most APIs' request ids. */
export const REQUEST_ID = /^[\x21-\x7e]{1,200}$/;
export const MAX_SUB_LENGTH = 255;
export const MAX_USER_AGENT_LENGTH = 1024;
/** More than a form's 20 fields is never a form; the offer's form names the ones it takes. */
export const MAX_FIELDS = 20;
/** Longer than any field's limit (500): the form's own rule says "too long" for what is in between. */
const MAX_FIELD_VALUE = 2000;

const MARKUP = /[<>]/;

const plainText = (max: number) =>
  z
    .string({ error: "must be a string" })
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !hasControlCharacters(v), "must not contain control characters")
    .refine((v) => !MARKUP.test(v), "must not contain < or >");

const subValue = plainText(MAX_SUB_LENGTH);

const subsShape = Object.fromEntries(SUB_IDS.map((sub) => [sub, subValue.optional()])) as Record<
  SubId,
  z.ZodOptional<typeof subValue>
>;

const FieldValue = z.union([z.string().max(MAX_FIELD_VALUE, "is too long"), z.boolean()], {
  error: "must be a string (or true/false for a checkbox)",
});

const LeadRequestModel = z
  .strictObject(
    {
      offer_id: z.union(
        [z.number().int().positive().max(2_147_483_647), z.string().regex(/^[1-9]\d{0,9}$/)],
        {
          error: "must be the offer's id (a positive whole number)",
        },
      ),
      fields: z.record(z.string(), FieldValue, { error: "must be an object of field name → value" }),
      consent: z
        .strictObject(
          {
            given: z.boolean({ error: "must be true or false" }),
            text_version: z
              .number({ error: "must be a whole number" })
              .int("must be a whole number")
              .min(0)
              .optional(),
          },
          { error: "must be an object { given, text_version? }" },
        )
        .optional(),
      subs: z.strictObject(subsShape, { error: "must be an object of sub1..sub10" }).optional(),
      click_id: z.string({ error: "must be a string" }).max(64, "is not a click id").optional(),
      ip: z
        .string({ error: "must be a string" })
        .max(64, "must be an IPv4 or IPv6 address")
        .refine((v) => isIpLiteral(v), "must be an IPv4 or IPv6 address")
        .optional(),
      user_agent: plainText(MAX_USER_AGENT_LENGTH).optional(),
      request_id: z
        .string({ error: "must be a string" })
        .regex(REQUEST_ID, "must be 1-200 printable characters without spaces")
        .optional(),
      ...subsShape,
    },
    { error: "the body must be a JSON object" },
  )
  .superRefine((body, ctx) => {
    const count = Object.keys(body.fields).length;
    if (count > MAX_FIELDS)
      ctx.addIssue({ code: "custom", path: ["fields"], message: `at most ${MAX_FIELDS} fields` });
    const topLevel = SUB_IDS.filter((sub) => body[sub] !== undefined);
    if (body.subs && topLevel.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["subs"],
        message: "send sub IDs either as sub1..sub10 or as subs, not both",
      });
    }
  });

export interface LeadRequest {
  offerId: number;
  fields: Record<string, string | boolean>;
  consent: { given: boolean; textVersion: number | null } | null;
  subs: Partial<Record<SubId, string>>;
  clickId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export type ParsedLeadRequest =
  | { ok: true; request: LeadRequest }
  | { ok: false; fields: Record<string, string> };

/** Zod's issues as one message per field path (the first one wins: it names the first problem). */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const path = [...issue.path, key].join(".");
        fields[path] ??= "unknown field";
      }
      continue;
    }
    const path = issue.path.length === 0 ? "body" : issue.path.map(String).join(".");
    fields[path] ??= issue.message;
  }
  return fields;
}

export function parseLeadRequest(body: unknown): ParsedLeadRequest {
  const parsed = LeadRequestModel.safeParse(body);
  if (!parsed.success) return { ok: false, fields: fieldErrors(parsed.error.issues) };
  const data = parsed.data;
  const subs: Partial<Record<SubId, string>> = {};
  for (const sub of SUB_IDS) {
    const value = data.subs?.[sub] ?? data[sub];
    if (value !== undefined && value !== "") subs[sub] = value;
  }
  return {
    ok: true,
    request: {
      offerId: Number(data.offer_id),
      fields: data.fields,
      consent: data.consent
        ? { given: data.consent.given, textVersion: data.consent.text_version ?? null }
        : null,
      subs,
      clickId: data.click_id ?? null,
      ip: data.ip ?? null,
      userAgent: data.user_agent ?? null,
      requestId: data.request_id ?? null,
    },
  };
}

/** JSON with object keys sorted at every level: the same lead sent twice hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
