// The hosted lead form's fields (Offer.leadFormFields) and the validation of a submission. Pure.
//
// What a person types is shown to the advertiser (inbox, exports, e-mails it may send), so it is
// judged before it is stored: no control characters (@leadrail/db control-characters.ts: a line
// break or NUL in a name is never typed, only sent), no markup characters < and > in any field (no
// name, phone or address needs them, and stored markup is one forgotten escape away from a script),
// and an e-mail address must be one (validator's isEmail: RFC 5321/5322 syntax with a real domain
// name). Every page still escapes what it shows.
import { hasControlCharacters } from "@leadrail/db";
import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js";
import isEmail from "validator/lib/isEmail.js";
import { z } from "zod";

/** Names the form itself uses for its hidden fields and the consent box. */
export const RESERVED_FIELD_NAMES = new Set(["click_id", "form_token", "consent"]);
export const MAX_FIELD_LENGTH = 500;

const FieldModel = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/)
    .refine((name) => !RESERVED_FIELD_NAMES.has(name), "reserved field name"),
  label: z.string().trim().min(1).max(200),
  type: z.enum(["text", "email", "phone"]),
  required: z.boolean().default(false),
});
export type LeadFormField = z.infer<typeof FieldModel>;

const FieldsModel = z
  .array(FieldModel)
  .min(1)
  .max(20)
  .refine(
    (fields) => new Set(fields.map((f) => f.name)).size === fields.length,
    "field names must be unique",
  );

/** null when the offer has no usable form (nothing configured, or a configuration we cannot trust). */
export function parseLeadFormFields(json: unknown): LeadFormField[] | null {
  const parsed = FieldsModel.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export interface LeadSubmission {
  /** Every configured field, trimmed (emails lower-cased, phones in E.164). */
  values: Record<string, string>;
  email: string | null;
  phone: string | null;
  name: string | null;
}

export type LeadValidation =
  | { ok: true; lead: LeadSubmission }
  | { ok: false; errors: Record<string, string> };

const MARKUP = /[<>]/;

export type ValueProblem = "control" | "markup";

/** Why a value typed into the form cannot be kept as it is (null: it can). Any field type. */
export function valueProblem(raw: string): ValueProblem | null {
  if (hasControlCharacters(raw)) return "control";
  if (MARKUP.test(raw)) return "markup";
  return null;
}

/** An e-mail address we store: valid syntax, a real domain name (a dot, a TLD), no IP literal. */
export function isLeadEmail(value: string): boolean {
  return value.length <= 254 && !MARKUP.test(value) && isEmail(value, { allow_ip_domain: false });
}

export const MESSAGES = {
  required: "This field is required.",
  tooLong: "This is too long.",
  control: "Remove the line breaks, tabs or other invisible characters from this field.",
  markup: "The characters < and > are not allowed here.",
  email: "Enter a valid e-mail address.",
  phone: "Enter a valid phone number, with the country code (+…) if it is not a local one.",
  consent: "Please tick the box to give your consent.",
} as const;

function joinName(values: Record<string, string>): string | null {
  if (values.name) return values.name;
  if (values.full_name) return values.full_name;
  const parts = [values.first_name, values.last_name].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(" ") : null;
}

/**
 * Validates a submission. Phones are parsed with the click's country as the default, so a local
 * number typed without +49 still becomes E.164; a number with a country code works from anywhere.
 * `consentRequired` is true when the offer has consent text: the box must be ticked.
 */
export function validateLead(
  fields: readonly LeadFormField[],
  input: Record<string, string>,
  options: { defaultCountry: string | null; consentRequired: boolean },
): LeadValidation {
  const errors: Record<string, string> = {};
  const values: Record<string, string> = {};
  let email: string | null = null;
  let phone: string | null = null;
  const country =
    options.defaultCountry && isSupportedCountry(options.defaultCountry.toUpperCase())
      ? (options.defaultCountry.toUpperCase() as CountryCode)
      : undefined;

  for (const field of fields) {
    const sent = input[field.name] ?? "";
    // Before trimming: a trailing line break is as much a sign of a forged request as any other.
    const problem = valueProblem(sent);
    if (problem !== null) {
      errors[field.name] = MESSAGES[problem];
      continue;
    }
    const raw = sent.trim();
    if (raw === "") {
      if (field.required) errors[field.name] = MESSAGES.required;
      continue;
    }
    if (raw.length > MAX_FIELD_LENGTH) {
      errors[field.name] = MESSAGES.tooLong;
      continue;
    }
    if (field.type === "email") {
      if (!isLeadEmail(raw)) {
        errors[field.name] = MESSAGES.email;
        continue;
      }
      values[field.name] = raw.toLowerCase();
      email ??= values[field.name] ?? null;
    } else if (field.type === "phone") {
      const parsed = parsePhoneNumberFromString(raw, country);
      if (!parsed?.isValid()) {
        errors[field.name] = MESSAGES.phone;
        continue;
      }
      values[field.name] = parsed.number;
      phone ??= parsed.number;
    } else {
      values[field.name] = raw.replace(/\s+/g, " ");
    }
  }
  if (options.consentRequired && input.consent !== "yes") errors.consent = MESSAGES.consent;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, lead: { values, email, phone, name: joinName(values) } };
}
