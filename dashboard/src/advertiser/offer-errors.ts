// Refused offer terms as sentences a person reads beside the input that caused them: the shared rules'
// (and the API's DomainError.fields) paths like ["caps", "0", "publisherId"] become the form's error
// keys ("caps.0.publisherId") and "Cap 1: choose a publisher" instead of the API's field names.

/** Form error key → the sentence shown beside that input and in the summary at the Save button. */
export type FieldErrors = Record<string, string>;

export interface PathIssue {
  path: string[];
  message: string;
}

const LABELS: Record<string, string> = {
  name: "Name",
  vertical: "Vertical",
  description: "Description",
  landingUrl: "Landing URL",
  fallbackUrl: "Fallback URL",
  visibility: "Visibility",
  currency: "Currency",
  payoutModel: "Payout model",
  payout: "Publisher payout",
  revenue: "You pay per conversion",
  payoutShareBps: "Publisher share",
  revenueShareBps: "Your cost share",
  countries: "Countries",
  devices: "Devices",
  confirmationMode: "Confirmation",
  holdDays: "Hold",
  returnWindowDays: "Return window",
  attributionWindowHours: "Attribution window",
  caps: "Caps",
  "quality.policy": "Quality policy",
  "quality.minSecondsToConvert": "Minimum seconds from click to lead",
  "quality.duplicateWindowDays": "Duplicate window",
  "quality.contactLimit": "Contact attempts per period",
  "quality.contactPeriodHours": "Contact period",
};

const CAP_PARTS: Record<string, string> = {
  scope: "applies to",
  publisherId: "publisher",
  period: "period",
  metric: "counts",
  limit: "limit",
};

/** The API's vocabulary in the words the form uses. */
function inWords(message: string): string {
  if (/expected number|received NaN/i.test(message)) return "must be a whole number";
  return message
    .replace(/\brevenueShareBps\b/g, "your cost share")
    .replace(/\bpayoutShareBps\b/g, "the publisher share")
    .replace(/\bREVSHARE\b/g, "revenue-share")
    .replace(/\bCPL\b|\bCPA\b/g, (model) => `${model} (fixed amount)`);
}

/** The form key an issue belongs to: list items keep their row and part, other terms their name. */
export function errorKey(path: readonly string[]): string {
  const [head = "", index, part] = path;
  if (head === "caps" && index !== undefined) {
    return part === undefined ? `${head}.${index}` : `${head}.${index}.${part}`;
  }
  if (head === "quality" && index !== undefined) return `quality.${index}`;
  return head;
}

function sentence(key: string, message: string, caps: readonly { scope: string }[]): string {
  const [head, index, part] = key.split(".");
  if (head === "caps" && index !== undefined) {
    const n = Number(index) + 1;
    if (part === "publisherId") {
      return caps[Number(index)]?.scope === "PUBLISHER"
        ? `Cap ${n}: choose a publisher`
        : `Cap ${n}: only a cap for one publisher names a publisher`;
    }
    return `Cap ${n}${part ? ` ${CAP_PARTS[part] ?? part}` : ""}: ${inWords(message)}`;
  }
  return `${LABELS[key] ?? key}: ${inWords(message)}`;
}

/** One sentence per field (the first problem found there: fix it and the next one shows). */
export function fieldErrorsOf(issues: readonly PathIssue[], form: { caps: readonly { scope: string }[] }) {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = errorKey(issue.path);
    errors[key] ??= sentence(key, issue.message, form.caps);
  }
  return errors;
}

/** The API's DomainError.fields (paths start at the argument, e.g. input) as form errors. */
export function apiFieldErrors(
  fields: readonly { path: readonly string[]; message: string }[],
  form: { caps: readonly { scope: string }[] },
  prefix: string[] = [],
): FieldErrors {
  return fieldErrorsOf(
    fields.map((field) => ({
      path: [...prefix, ...(field.path[0] === "input" ? field.path.slice(1) : field.path)],
      message: field.message,
    })),
    form,
  );
}

/** Stable DOM id of a field's error message, for aria-describedby. */
export const errorId = (key: string) => `error-${key.replace(/\./g, "-")}`;
