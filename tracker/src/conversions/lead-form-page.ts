// Server-rendered HTML for the hosted lead form: small, no JavaScript, every dynamic value escaped.
import type { LeadFormField } from "@leadrail/db/lead-form";

// Characters HTML cannot carry (NUL, the other C0 controls but TAB, LF, FF and CR, DEL, C1: parse
// errors): a value echoed back to the visitor shows them as U+FFFD instead. This is about HTML, not
// about input, which @leadrail/db's control-character rule judges.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NOT_IN_HTML = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g;

export function escapeHtml(text: string): string {
  return text
    .replace(NOT_IN_HTML, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#222}
label{display:block;margin-top:1rem;font-weight:600}input[type=text],input[type=email],input[type=tel]{width:100%;
padding:.5rem;font:inherit;box-sizing:border-box}.error{color:#b00020;font-weight:400}.consent{font-weight:400}
button{margin-top:1.5rem;padding:.6rem 1.4rem;font:inherit}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>`;
}

const INPUT_TYPE = {
  text: "text",
  email: "email",
  phone: "tel",
  select: "text",
  checkbox: "checkbox",
} as const;
const AUTOCOMPLETE: Record<string, string> = {
  name: "name",
  full_name: "name",
  first_name: "given-name",
  last_name: "family-name",
  email: "email",
  phone: "tel",
};

export interface LeadFormView {
  title: string;
  action: string;
  fields: readonly LeadFormField[];
  consentText: string | null;
  clickId: string | null;
  formToken: string;
  values?: Record<string, string>;
  errors?: Record<string, string>;
}

export function renderLeadForm(view: LeadFormView): string {
  const values = view.values ?? {};
  const errors = view.errors ?? {};
  const error = (name: string) =>
    errors[name]
      ? ` <span class="error" id="${escapeHtml(name)}-error">${escapeHtml(errors[name])}</span>`
      : "";
  const inputs = view.fields
    .map((f) => {
      const id = `f-${f.name}`;
      const auto = AUTOCOMPLETE[f.name] ?? (f.type === "email" ? "email" : f.type === "phone" ? "tel" : "on");
      return `<label for="${id}">${escapeHtml(f.label)}${f.required ? " *" : ""}${error(f.name)}</label>
<input id="${id}" name="${escapeHtml(f.name)}" type="${INPUT_TYPE[f.type]}" autocomplete="${auto}" maxlength="500"
 value="${escapeHtml(values[f.name] ?? "")}"${f.required ? " required" : ""}${errors[f.name] ? ` aria-invalid="true" aria-describedby="${escapeHtml(f.name)}-error"` : ""}>`;
    })
    .join("\n");
  const consent =
    view.consentText === null
      ? ""
      : `<label class="consent"><input type="checkbox" name="consent" value="yes" required${
          values.consent === "yes" ? " checked" : ""
        }${errors.consent ? ' aria-invalid="true" aria-describedby="consent-error"' : ""}> ${escapeHtml(
          view.consentText,
        )}${error("consent")}</label>`;
  return page(
    view.title,
    `<h1>${escapeHtml(view.title)}</h1>
<form method="post" action="${escapeHtml(view.action)}" novalidate>
<input type="hidden" name="click_id" value="${escapeHtml(view.clickId ?? "")}">
<input type="hidden" name="form_token" value="${escapeHtml(view.formToken)}">
${inputs}
${consent}
<button type="submit">Send</button>
</form>`,
  );
}

export function renderMessage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}
