// The destination form's state, its translation to the API's input, and what it would send. Like the
// offer editor, the form keeps its strings and the translated input runs through the API's own zod
// model (@leadrail/db/lead-delivery), whose issues come back as sentences beside the inputs; the preview
// is the worker's own mapping and encoding (mapLead, encodePayload, leadEmail) over its sample lead.
import {
  encodePayload,
  type LeadDestinationInput,
  leadDestinationConfigSchema,
  leadEmail,
  mapLead,
  sampleLead,
} from "@leadrail/db/lead-delivery";
import type { Destination } from "./delivery-operations.ts";

export interface MappingRow {
  from: string;
  to: string;
}
export interface StaticRow {
  name: string;
  value: string;
}

export interface DestinationForm {
  kind: "WEBHOOK" | "EMAIL";
  name: string;
  active: boolean;
  trigger: "REAL_TIME" | "ON_CONFIRMATION";
  url: string;
  format: "JSON" | "FORM";
  /** E-mail addresses separated by commas or spaces. */
  recipients: string;
  mapping: MappingRow[];
  statics: StaticRow[];
  /** The refusal rule in the words of the form; all empty = no rule. */
  refuseStatuses: string;
  refuseContains: string;
  refuseJsonPath: string;
  refuseEquals: string;
  refuseReason: string;
  refuseReasonPath: string;
}

export const EMPTY_DESTINATION: DestinationForm = {
  kind: "WEBHOOK",
  name: "",
  active: true,
  trigger: "REAL_TIME",
  url: "",
  format: "JSON",
  recipients: "",
  mapping: [
    { from: "name", to: "name" },
    { from: "email", to: "email" },
    { from: "phone", to: "phone" },
  ],
  statics: [],
  refuseStatuses: "",
  refuseContains: "",
  refuseJsonPath: "",
  refuseEquals: "",
  refuseReason: "",
  refuseReasonPath: "",
};

export function formFromDestination(d: Destination): DestinationForm {
  const rule = d.refusalRule;
  return {
    kind: d.kind,
    name: d.name,
    active: d.active,
    trigger: d.trigger,
    url: d.url ?? "",
    format: d.format,
    recipients: d.recipients.join(", "),
    mapping: d.fieldMapping.map(({ from, to }) => ({ from, to })),
    statics: d.staticFields.map(({ name, value }) => ({ name, value })),
    refuseStatuses: rule?.httpStatuses?.join(", ") ?? "",
    refuseContains: rule?.bodyContains ?? "",
    refuseJsonPath: rule?.jsonPath ?? "",
    refuseEquals: rule?.equals ?? "",
    refuseReason: rule?.reason ?? "",
    refuseReasonPath: rule?.reasonPath ?? "",
  };
}

const filled = (text: string) => (text.trim() === "" ? undefined : text.trim());

/** "400, 409 422" → [400, 409, 422]; a word that is not a number stays NaN for the model to refuse. */
function statuses(text: string): number[] | undefined {
  const words = text.split(/[\s,;]+/).filter(Boolean);
  return words.length ? words.map((word) => (/^\d+$/.test(word) ? Number(word) : Number.NaN)) : undefined;
}

type WebhookInput = Extract<LeadDestinationInput, { kind: "WEBHOOK" }>;

function refusalRule(form: DestinationForm): WebhookInput["refusalRule"] {
  const parts = [
    form.refuseStatuses,
    form.refuseContains,
    form.refuseJsonPath,
    form.refuseEquals,
    form.refuseReason,
    form.refuseReasonPath,
  ];
  if (parts.every((part) => part.trim() === "")) return null;
  const rule = Object.fromEntries(
    Object.entries({
      httpStatuses: statuses(form.refuseStatuses),
      bodyContains: filled(form.refuseContains),
      jsonPath: filled(form.refuseJsonPath),
      equals: filled(form.refuseEquals),
      // Required by the model: an empty one is refused with its own sentence.
      reason: form.refuseReason.trim(),
      reasonPath: filled(form.refuseReasonPath),
    }).filter(([, value]) => value !== undefined),
  );
  return rule as NonNullable<WebhookInput["refusalRule"]>;
}

/** The API's input (the shared model's shape) for the form as it stands. */
export function inputFromForm(form: DestinationForm): LeadDestinationInput {
  const common = {
    name: form.name,
    active: form.active,
    trigger: form.trigger,
    // Rows left wholly empty are the form's spare rows, not fields.
    fieldMapping: form.mapping.filter((row) => row.from.trim() || row.to.trim()),
    staticFields: Object.fromEntries(
      form.statics.filter((row) => row.name.trim() || row.value.trim()).map((row) => [row.name, row.value]),
    ),
  };
  if (form.kind === "EMAIL") {
    return { kind: "EMAIL", ...common, recipients: form.recipients.split(/[\s,;]+/).filter(Boolean) };
  }
  return {
    kind: "WEBHOOK",
    ...common,
    url: form.url,
    format: form.format,
    refusalRule: refusalRule(form),
  };
}

/** Form error key → the sentence shown beside that input. */
export type DestinationErrors = Record<string, string>;

const LABELS: Record<string, string> = {
  name: "Name",
  url: "URL",
  format: "Format",
  recipients: "Recipients",
  trigger: "When to send",
  fieldMapping: "Field mapping",
  staticFields: "Fixed fields",
  refusalRule: "Refusal rule",
  "refusalRule.httpStatuses": "Refusal rule, statuses",
  "refusalRule.bodyContains": "Refusal rule, answer text",
  "refusalRule.jsonPath": "Refusal rule, JSON path",
  "refusalRule.equals": "Refusal rule, JSON value",
  "refusalRule.reason": "Refusal rule, reason",
  "refusalRule.reasonPath": "Refusal rule, CRM's reason",
};

/** The form key of an issue's path (the API's paths start with "input"). */
export function errorKey(path: readonly (string | number)[]): string {
  const parts = path.map(String);
  if (parts[0] === "input") parts.shift();
  const [head = "", second, third] = parts;
  if (head === "fieldMapping" && second !== undefined)
    return `fieldMapping.${second}${third ? `.${third}` : ""}`;
  if (head === "recipients" || head === "staticFields") return head;
  if (head === "refusalRule" && second !== undefined) {
    // httpStatuses.1 → the statuses input.
    return `refusalRule.${second}`;
  }
  return head;
}

function sentence(key: string, message: string): string {
  const [head, index, part] = key.split(".");
  if (head === "fieldMapping" && index !== undefined) {
    const what = part === "from" ? "our field" : part === "to" ? "CRM field name" : "";
    return `Field ${Number(index) + 1}${what ? `, ${what}` : ""}: ${message}`;
  }
  if (/expected number|received NaN|Invalid input/i.test(message) && key === "refusalRule.httpStatuses") {
    return `${LABELS[key]}: whole numbers such as 409, 422`;
  }
  return `${LABELS[key] ?? key}: ${message}`;
}

export function errorsOf(issues: readonly { path: readonly (string | number)[]; message: string }[]) {
  const errors: DestinationErrors = {};
  for (const issue of issues) {
    const key = errorKey(issue.path);
    errors[key] ??= sentence(key, issue.message);
  }
  return errors;
}

/** The shared model's verdict on the form, before anything is sent. */
export function validate(form: DestinationForm): DestinationErrors {
  const parsed = leadDestinationConfigSchema.safeParse(inputFromForm(form));
  return parsed.success
    ? {}
    : errorsOf(
        parsed.error.issues.map((issue) => ({
          path: issue.path as (string | number)[],
          message: issue.message,
        })),
      );
}

export interface Preview {
  /** The content type (webhook) or "E-mail" line. */
  heading: string;
  body: string;
}

/** What the destination would receive for a sample lead of this offer, or null while the form is invalid. */
export function preview(form: DestinationForm, offer: { id: string; name: string }): Preview | null {
  const parsed = leadDestinationConfigSchema.safeParse(inputFromForm(form));
  if (!parsed.success) return null;
  const config = parsed.data;
  const lead = sampleLead(
    { id: Number(offer.id), name: offer.name },
    "00000000-0000-7000-8000-000000000000",
    new Date(),
  );
  const payload = mapLead(lead, config.fieldMapping, config.staticFields);
  if (config.kind === "EMAIL") {
    const email = leadEmail(lead, payload, false);
    return {
      heading: `E-mail to ${config.recipients.join(", ")}`,
      body: `Subject: ${email.subject}\n\n${email.text}`,
    };
  }
  const encoded = encodePayload(payload, config.format);
  const body =
    config.format === "JSON" ? JSON.stringify(payload, null, 2) : encoded.body.split("&").join("\n&");
  return { heading: `POST ${config.url} (Content-Type: ${encoded.contentType})`, body };
}
