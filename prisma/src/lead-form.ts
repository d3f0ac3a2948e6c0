// An offer's lead form: the field model, the form's settings, the FAQ of chat mode, the conversation a
// chat leaves, and the validation of a submission. One home for the tracker (hosted form, widget and
// chat endpoints), the API (form builder, lead posting) and the dashboard (builder preview): Prisma-free,
// imported as @leadrail/db/lead-form.
//
// What a person types is shown to the advertiser (inbox, exports, e-mails it may send), so it is
// judged before it is stored: no control characters (control-characters.ts: a line break or NUL in a
// name is never typed, only sent), no markup characters < and > in any field (no name, phone or
// address needs them, and stored markup is one forgotten escape away from a script), and an e-mail
// address must be one (validator's isEmail: RFC 5321/5322 syntax with a real domain name). Every page
// still escapes what it shows.
import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js";
import isEmail from "validator/lib/isEmail.js";
import { z } from "zod";
import { hasControlCharacters } from "./control-characters.ts";

export const LEAD_FIELD_TYPES = ["text", "email", "phone", "select", "checkbox"] as const;
export type LeadFieldType = (typeof LEAD_FIELD_TYPES)[number];

/** The limits every editor and endpoint applies. */
export const LIMITS = {
  fields: 20,
  fieldValue: 500,
  label: 200,
  placeholder: 200,
  options: 50,
  option: 100,
  faq: 10,
  faqKeywords: 10,
  faqKeyword: 40,
  faqQuestion: 200,
  faqAnswer: 1000,
  title: 200,
  intro: 2000,
  consentText: 5000,
  submitLabel: 60,
  thankYouText: 2000,
  conversationMessages: 60,
  conversationMessage: 1000,
  minFillSeconds: 600,
  rateLimitPerHour: 10_000,
  /** A whole JSON submission (fields, consent, conversation, token). */
  bodyBytes: 64 * 1024,
  magnetFileBytes: 5 * 1024 * 1024,
  codesPerPool: 100_000,
  code: 100,
} as const;
/** Kept for older imports: the longest value any field accepts. */
export const MAX_FIELD_LENGTH = LIMITS.fieldValue;

/** Names the form itself uses (hidden inputs, the consent box, the honeypots): no field may take one. */
export const RESERVED_FIELD_NAMES: ReadonlySet<string> = new Set([
  "click_id",
  "form_token",
  "token",
  "consent",
  "website",
  "hp",
  "channel",
]);

const noControl = (text: string) => !hasControlCharacters(text);
const MARKUP = /[<>]/;
const noMarkup = (text: string) => !MARKUP.test(text);

/** A piece of text the advertiser writes and the visitor reads: no control characters (line breaks allowed in long texts). */
const shownText = (max: number, { multiline = false } = {}) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine(
      (t) => (multiline ? !hasControlCharacters(t.replace(/\r?\n/g, "")) : noControl(t)),
      "must not contain control characters",
    );

export const fieldName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "must be a lower-case identifier (a-z, 0-9, _; at most 40)")
  .refine((name) => !RESERVED_FIELD_NAMES.has(name), "is reserved by the form");

export const leadFormField = z
  .object({
    name: fieldName,
    label: shownText(LIMITS.label).trim().min(1, "must not be empty"),
    type: z.enum(LEAD_FIELD_TYPES, { message: `must be one of ${LEAD_FIELD_TYPES.join(", ")}` }),
    required: z.boolean().default(false),
    options: z
      .array(
        shownText(LIMITS.option)
          .trim()
          .min(1, "must not be empty")
          .refine(noMarkup, "must not contain < or >"),
      )
      .min(1, "must have at least one option")
      .max(LIMITS.options, `must have at most ${LIMITS.options} options`)
      .refine((o) => new Set(o).size === o.length, "must not repeat an option")
      .optional(),
    placeholder: shownText(LIMITS.placeholder).optional(),
    maxLength: z
      .number()
      .int()
      .min(1, "must be at least 1")
      .max(LIMITS.fieldValue, `must be at most ${LIMITS.fieldValue}`)
      .optional(),
  })
  .superRefine((field, ctx) => {
    if (field.type === "select" && field.options === undefined) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "required for a select field" });
    }
    if (field.type !== "select" && field.options !== undefined) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "only a select field has options" });
    }
    if (field.type !== "text" && field.maxLength !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["maxLength"],
        message: "only a text field has a maximum length",
      });
    }
    if (field.type === "checkbox" && field.placeholder !== undefined) {
      ctx.addIssue({ code: "custom", path: ["placeholder"], message: "a checkbox has no placeholder" });
    }
  });

// A type alias, not an interface: Prisma's JSON input type needs an implicit index signature.
export type LeadFormField = {
  name: string;
  label: string;
  type: LeadFieldType;
  required: boolean;
  options?: string[];
  placeholder?: string;
  maxLength?: number;
};

const uniqueNames = (fields: readonly { name: string }[]) =>
  new Set(fields.map((f) => f.name)).size === fields.length;

/** A form's fields, possibly none (an editor's list before the form exists). */
export const fieldList = z
  .array(leadFormField)
  .max(LIMITS.fields, `must have at most ${LIMITS.fields} fields`)
  .refine(uniqueNames, "field names must be unique");

/** A form's fields: at least one. */
export const leadFormFields = z
  .array(leadFormField)
  .min(1, "must have at least one field")
  .max(LIMITS.fields, `must have at most ${LIMITS.fields} fields`)
  .refine(uniqueNames, "field names must be unique");

/** Reads stored fields back; null when there is no usable form (nothing, or a configuration we cannot trust). */
export function parseLeadFormFields(json: unknown): LeadFormField[] | null {
  const parsed = leadFormFields.safeParse(json);
  return parsed.success ? (parsed.data as LeadFormField[]) : null;
}

// ---------------------------------------------------------------------------------------------------
// FAQ (chat mode): the advertiser's short answers, matched by keyword before the contact questions.

export const faqEntry = z.object({
  question: shownText(LIMITS.faqQuestion).trim().min(1, "must not be empty"),
  keywords: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .min(1, "must not be empty")
        .max(LIMITS.faqKeyword, `must be at most ${LIMITS.faqKeyword} characters`)
        .refine(noControl, "must not contain control characters"),
    )
    .min(1, "must have at least one keyword")
    .max(LIMITS.faqKeywords, `must have at most ${LIMITS.faqKeywords} keywords`),
  answer: shownText(LIMITS.faqAnswer, { multiline: true }).trim().min(1, "must not be empty"),
});
export type FaqEntry = { question: string; keywords: string[]; answer: string };
export const faqList = z.array(faqEntry).max(LIMITS.faq, `must have at most ${LIMITS.faq} entries`);

/** Stored FAQ back; entries that no longer parse are dropped rather than shown. */
export function parseFaq(json: unknown): FaqEntry[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((entry) => {
    const parsed = faqEntry.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * The FAQ entry answering a visitor's question: the one with the most keywords found in it (a keyword
 * of several words matches as a phrase, whole words only, case-insensitive); the first on a tie; null
 * when no keyword occurs. Pure, so the widget and the server answer alike.
 */
export function matchFaq(faq: readonly FaqEntry[], question: string): FaqEntry | null {
  const asked = ` ${words(question).join(" ")} `;
  let best: FaqEntry | null = null;
  let bestScore = 0;
  for (const entry of faq) {
    let score = 0;
    for (const keyword of entry.keywords) {
      const phrase = words(keyword).join(" ");
      if (phrase !== "" && asked.includes(` ${phrase} `)) score += 1;
    }
    if (score > bestScore) {
      best = entry;
      bestScore = score;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------
// The chat transcript stored beside a chat lead.

export const conversationMessage = z.object({
  from: z.enum(["bot", "visitor"]),
  text: z
    .string()
    .min(1)
    .max(LIMITS.conversationMessage)
    .refine(noControl, "must not contain control characters")
    .refine(noMarkup, "must not contain < or >"),
  at: z.iso.datetime({ offset: true }),
});
export type ConversationMessage = z.infer<typeof conversationMessage>;
export const conversation = z.array(conversationMessage).min(1).max(LIMITS.conversationMessages);

// ---------------------------------------------------------------------------------------------------
// The form's settings as the builder edits them.

export const leadFormSettings = z.object({
  title: shownText(LIMITS.title).trim().min(1, "must not be empty"),
  intro: shownText(LIMITS.intro, { multiline: true }),
  fields: leadFormFields,
  consentText: shownText(LIMITS.consentText, { multiline: true }).nullable(),
  submitLabel: shownText(LIMITS.submitLabel).trim().min(1, "must not be empty"),
  thankYouTitle: shownText(LIMITS.title).trim().min(1, "must not be empty"),
  thankYouText: shownText(LIMITS.thankYouText, { multiline: true }),
  faq: faqList,
  minFillSeconds: z
    .number()
    .int()
    .min(0, "must not be negative")
    .max(LIMITS.minFillSeconds, `must be at most ${LIMITS.minFillSeconds}`),
  rateLimitPerHour: z
    .number()
    .int()
    .min(1, "must be at least 1")
    .max(LIMITS.rateLimitPerHour, `must be at most ${LIMITS.rateLimitPerHour}`),
});
export type LeadFormSettings = z.infer<typeof leadFormSettings>;

/** A new form's public key: 12 URL-safe random characters (72 bits). Works in Node and browsers. */
export function generateFormKey(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => alphabet[b & 63]).join("");
}
export const FORM_KEY = /^[A-Za-z0-9_-]{8,32}$/;

// ---------------------------------------------------------------------------------------------------
// Validation of a submission.

export interface LeadSubmission {
  /** Every configured field that was filled, trimmed (emails lower-cased, phones in E.164, checkboxes yes/no). */
  values: Record<string, string>;
  email: string | null;
  phone: string | null;
  name: string | null;
}

export type LeadValidation =
  | { ok: true; lead: LeadSubmission }
  | { ok: false; errors: Record<string, string> };

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

/** What the visitor reads next to a field: plain words, no codes. */
export const MESSAGES = {
  required: "This field is required.",
  tooLong: "This is too long.",
  control: "Remove the line breaks, tabs or other invisible characters from this field.",
  markup: "The characters < and > are not allowed here.",
  email: "Enter a valid e-mail address.",
  phone: "Enter a valid phone number, with the country code (+…) if it is not a local one.",
  consent: "Please tick the box to give your consent.",
  option: "Choose one of the options.",
  checkbox: "Please tick this box.",
  type: "This value could not be read. Please type it again.",
} as const;

/** The too-long message with the limit the visitor must respect. */
export const tooLongMessage = (max: number): string => `This is too long (at most ${max} characters).`;

/** A ticked checkbox as browsers (value "yes" or "on") and JSON clients (true) send it. */
export function isTicked(value: unknown): boolean {
  return value === true || value === "yes" || value === "on" || value === "true";
}

function joinName(values: Record<string, string>): string | null {
  if (values.name) return values.name;
  if (values.full_name) return values.full_name;
  const parts = [values.first_name, values.last_name].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(" ") : null;
}

/**
 * Validates a submission. `input` holds the fields by name (strings from an HTML form; strings or
 * booleans from JSON — anything else is refused per field) and `consent`. Phones are parsed with the
 * click's country as the default, so a local number typed without +49 still becomes E.164; a number
 * with a country code works from anywhere. `consentRequired` is true when the form has consent text:
 * the box must be ticked. Names that are not fields are ignored.
 */
export function validateLead(
  fields: readonly LeadFormField[],
  input: Readonly<Record<string, unknown>>,
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
    const sent = Object.hasOwn(input, field.name) ? input[field.name] : undefined;
    if (field.type === "checkbox") {
      if (sent !== undefined && typeof sent !== "string" && typeof sent !== "boolean") {
        errors[field.name] = MESSAGES.type;
        continue;
      }
      const ticked = isTicked(sent);
      if (field.required && !ticked) errors[field.name] = MESSAGES.checkbox;
      else values[field.name] = ticked ? "yes" : "no";
      continue;
    }
    if (sent !== undefined && sent !== null && typeof sent !== "string") {
      errors[field.name] = MESSAGES.type;
      continue;
    }
    const text = sent ?? "";
    // Before trimming: a trailing line break is as much a sign of a forged request as any other.
    const problem = valueProblem(text);
    if (problem !== null) {
      errors[field.name] = MESSAGES[problem];
      continue;
    }
    const raw = text.trim();
    if (raw === "") {
      if (field.required) errors[field.name] = MESSAGES.required;
      continue;
    }
    const max = field.type === "text" && field.maxLength ? field.maxLength : LIMITS.fieldValue;
    if (raw.length > max) {
      errors[field.name] = max === LIMITS.fieldValue ? MESSAGES.tooLong : tooLongMessage(max);
      continue;
    }
    if (field.type === "email") {
      if (!isLeadEmail(raw)) {
        errors[field.name] = MESSAGES.email;
        continue;
      }
      const lower = raw.toLowerCase();
      values[field.name] = lower;
      email ??= lower;
    } else if (field.type === "phone") {
      const parsed = parsePhoneNumberFromString(raw, country);
      if (!parsed?.isValid()) {
        errors[field.name] = MESSAGES.phone;
        continue;
      }
      values[field.name] = parsed.number;
      phone ??= parsed.number;
    } else if (field.type === "select") {
      const choice = field.options?.find((option) => option === raw);
      if (choice === undefined) {
        errors[field.name] = MESSAGES.option;
        continue;
      }
      values[field.name] = choice;
    } else {
      values[field.name] = raw.replace(/\s+/g, " ");
    }
  }
  if (options.consentRequired && !isTicked(input.consent)) errors.consent = MESSAGES.consent;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, lead: { values, email, phone, name: joinName(values) } };
}
