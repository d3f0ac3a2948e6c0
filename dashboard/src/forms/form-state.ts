// The form builder's state and its translation to the API's input. The builder keeps strings (a
// select's options one per line, an FAQ entry's keywords comma-separated, numbers as typed); on save
// the translated input runs through the shared model (@leadrail/db/lead-form `leadFormSettings`, the
// one the API and the tracker apply), whose issues become sentences keyed by the input they belong to.
import { LEAD_FIELD_TYPES, type LeadFieldType, leadFormSettings } from "@leadrail/db/lead-form";

export interface FieldRow {
  /** React's key for the row (rows have no identity until saved, and they move). */
  id: string;
  name: string;
  /** The identifier was typed by hand: stop deriving it from the label. */
  nameTouched: boolean;
  label: string;
  type: LeadFieldType;
  required: boolean;
  /** select: one option per line. */
  optionsText: string;
  placeholder: string;
  /** text: "" = the default limit. */
  maxLength: string;
}

export interface FaqRow {
  id: string;
  question: string;
  /** Comma-separated. */
  keywordsText: string;
  answer: string;
}

export interface FormState {
  title: string;
  intro: string;
  fields: FieldRow[];
  consentText: string;
  submitLabel: string;
  thankYouTitle: string;
  thankYouText: string;
  faq: FaqRow[];
  minFillSeconds: string;
  rateLimitPerHour: string;
}

/** The saved form as the API answers it (the part the builder edits). */
export interface SavedForm {
  title: string;
  intro: string;
  fields: readonly {
    name: string;
    label: string;
    type: string;
    required: boolean;
    options?: readonly string[] | null;
    placeholder?: string | null;
    maxLength?: number | null;
  }[];
  consentText: string | null;
  submitLabel: string;
  thankYouTitle: string;
  thankYouText: string;
  faq: readonly { question: string; keywords: readonly string[]; answer: string }[];
  minFillSeconds: number;
  rateLimitPerHour: number;
}

let counter = 0;
export const rowId = () => `row-${++counter}`;

export const FIELD_TYPE_WORDS: Record<LeadFieldType, string> = {
  text: "Text",
  email: "E-mail",
  phone: "Phone",
  select: "Choice (select)",
  checkbox: "Checkbox",
};
export { LEAD_FIELD_TYPES };

const isFieldType = (type: string): type is LeadFieldType =>
  (LEAD_FIELD_TYPES as readonly string[]).includes(type);

/** A label's identifier: "Your e-mail" → "your_e_mail" (what the shared model accepts). */
export function nameFromLabel(label: string): string {
  const slug = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .replace(/^[^a-z]+/, "")
    .slice(0, 40)
    .replace(/_+$/, "");
  return slug || "field";
}

export function newField(type: LeadFieldType = "text", index = 0): FieldRow {
  return {
    id: rowId(),
    name: `field_${index + 1}`,
    nameTouched: false,
    label: "",
    type,
    required: false,
    optionsText: "",
    placeholder: "",
    maxLength: "",
  };
}

/** A new offer's starting point: the fields most lead forms ask for. */
export function starterForm(offerName: string): FormState {
  return {
    title: offerName,
    intro: "",
    fields: [
      { ...newField("text"), name: "name", nameTouched: false, label: "Your name", required: true },
      { ...newField("email"), name: "email", nameTouched: false, label: "E-mail", required: true },
    ],
    consentText: "",
    submitLabel: "Send",
    thankYouTitle: "Thank you",
    thankYouText: "We have received your details and will be in touch.",
    faq: [],
    minFillSeconds: "3",
    rateLimitPerHour: "20",
  };
}

export function stateFromForm(form: SavedForm): FormState {
  return {
    title: form.title,
    intro: form.intro,
    fields: form.fields.map((field) => ({
      id: rowId(),
      name: field.name,
      nameTouched: true,
      label: field.label,
      type: isFieldType(field.type) ? field.type : "text",
      required: field.required,
      optionsText: (field.options ?? []).join("\n"),
      placeholder: field.placeholder ?? "",
      maxLength: field.maxLength == null ? "" : String(field.maxLength),
    })),
    consentText: form.consentText ?? "",
    submitLabel: form.submitLabel,
    thankYouTitle: form.thankYouTitle,
    thankYouText: form.thankYouText,
    faq: form.faq.map((entry) => ({
      id: rowId(),
      question: entry.question,
      keywordsText: entry.keywords.join(", "),
      answer: entry.answer,
    })),
    minFillSeconds: String(form.minFillSeconds),
    rateLimitPerHour: String(form.rateLimitPerHour),
  };
}

/** A field as the visitor will get it (the preview renders these, the API receives them). */
export interface FieldInput {
  name: string;
  label: string;
  type: LeadFieldType;
  required: boolean;
  options?: string[];
  placeholder?: string;
  maxLength?: number;
}

export const optionsOf = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

export function fieldInput(row: FieldRow): FieldInput {
  const placeholder = row.placeholder.trim();
  const maxLength = row.maxLength.trim();
  return {
    name: row.name.trim(),
    label: row.label,
    type: row.type,
    required: row.required,
    ...(row.type === "select" ? { options: optionsOf(row.optionsText) } : {}),
    ...(placeholder && row.type !== "checkbox" ? { placeholder } : {}),
    ...(maxLength && row.type === "text" ? { maxLength: wholeNumber(maxLength) } : {}),
  };
}

const wholeNumber = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

export interface FormInput {
  title: string;
  intro: string;
  fields: FieldInput[];
  consentText: string | null;
  submitLabel: string;
  thankYouTitle: string;
  thankYouText: string;
  faq: { question: string; keywords: string[]; answer: string }[];
  minFillSeconds: number;
  rateLimitPerHour: number;
}

export function inputFromState(state: FormState): FormInput {
  return {
    title: state.title,
    intro: state.intro,
    fields: state.fields.map(fieldInput),
    consentText: state.consentText.trim() ? state.consentText : null,
    submitLabel: state.submitLabel,
    thankYouTitle: state.thankYouTitle,
    thankYouText: state.thankYouText,
    faq: state.faq.map((entry) => ({
      question: entry.question,
      keywords: entry.keywordsText
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean),
      answer: entry.answer,
    })),
    minFillSeconds: wholeNumber(state.minFillSeconds),
    rateLimitPerHour: wholeNumber(state.rateLimitPerHour),
  };
}

/** Error key (e.g. "fields.1.options") → the sentence shown beside that input and in the summary. */
export type FormErrors = Record<string, string>;

const LABELS: Record<string, string> = {
  title: "Title",
  intro: "Introduction",
  fields: "Fields",
  consentText: "Consent text",
  submitLabel: "Submit button",
  thankYouTitle: "Thank-you title",
  thankYouText: "Thank-you text",
  faq: "FAQ",
  minFillSeconds: "Minimum seconds to fill in",
  rateLimitPerHour: "Submissions per visitor per hour",
};
const FIELD_PARTS: Record<string, string> = {
  name: "identifier",
  label: "label",
  type: "type",
  options: "options",
  placeholder: "placeholder",
  maxLength: "maximum length",
};
const FAQ_PARTS: Record<string, string> = { question: "question", keywords: "keywords", answer: "answer" };

function inWords(message: string): string {
  if (/expected number|received NaN/i.test(message)) return "must be a whole number";
  return message;
}

/** The key an issue belongs to: a row's part ("fields.0.label"), or a setting ("title"). */
export function errorKey(path: readonly (string | number)[]): string {
  const [head = "", index, part] = path.map(String);
  if ((head === "fields" || head === "faq") && index !== undefined && /^\d+$/.test(index)) {
    return part === undefined ? `${head}.${index}` : `${head}.${index}.${part}`;
  }
  return head;
}

function sentence(key: string, message: string): string {
  const [head = "", index, part] = key.split(".");
  if (head === "fields" && index !== undefined) {
    return `Field ${Number(index) + 1}${part ? ` ${FIELD_PARTS[part] ?? part}` : ""}: ${inWords(message)}`;
  }
  if (head === "faq" && index !== undefined) {
    return `FAQ ${Number(index) + 1}${part ? ` ${FAQ_PARTS[part] ?? part}` : ""}: ${inWords(message)}`;
  }
  return `${LABELS[head] ?? head}: ${inWords(message)}`;
}

/** One sentence per input (its first problem). */
export function formErrorsOf(
  issues: readonly { path: readonly (string | number)[]; message: string }[],
): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const key = errorKey(issue.path);
    errors[key] ??= sentence(key, issue.message);
  }
  return errors;
}

/** The API's DomainError.fields (paths start at `input`). */
export function apiFormErrors(fields: readonly { path: readonly string[]; message: string }[]): FormErrors {
  return formErrorsOf(
    fields.map((f) => ({ path: f.path[0] === "input" ? f.path.slice(1) : f.path, message: f.message })),
  );
}

/** The input, or every problem the shared rules find in it. */
export function checkForm(
  state: FormState,
): { ok: true; input: FormInput } | { ok: false; errors: FormErrors } {
  const input = inputFromState(state);
  const parsed = leadFormSettings.safeParse(input);
  if (parsed.success) return { ok: true, input };
  return {
    ok: false,
    errors: formErrorsOf(
      parsed.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message })),
    ),
  };
}

/** Moves the row at `from` one place up (-1) or down (+1). */
export function move<T>(rows: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (to < 0 || to >= rows.length) return [...rows];
  const next = [...rows];
  const [row] = next.splice(from, 1);
  next.splice(to, 0, row as T);
  return next;
}
