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
label{display:block;margin-top:1rem;font-weight:600}input[type=text],input[type=email],input[type=tel],select{width:100%;
padding:.5rem;font:inherit;box-sizing:border-box}.error{color:#b00020;font-weight:400}.check{font-weight:400}
.alert{border:1px solid #b00020;padding:.5rem 1rem;color:#b00020}.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.reward{border:1px solid #2e7d32;padding:.5rem 1rem}.code{font:700 1.4rem ui-monospace,monospace;letter-spacing:.1em}
button,.button{display:inline-block;margin-top:1.5rem;padding:.6rem 1.4rem;font:inherit}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>`;
}

const INPUT_TYPE = { text: "text", email: "email", phone: "tel" } as const;
const AUTOCOMPLETE: Record<string, string> = {
  name: "name",
  full_name: "name",
  first_name: "given-name",
  last_name: "family-name",
  email: "email",
  phone: "tel",
};

/** Text the advertiser wrote with line breaks: paragraphs, escaped. */
const paragraphs = (text: string) =>
  text
    .split(/\r?\n\s*\r?\n/)
    .filter((p) => p.trim() !== "")
    .map((p) => `<p>${escapeHtml(p.trim())}</p>`)
    .join("\n");

export interface LeadFormView {
  title: string;
  intro?: string;
  action: string;
  fields: readonly LeadFormField[];
  consentText: string | null;
  submitLabel?: string;
  clickId: string | null;
  formToken: string;
  values?: Record<string, string>;
  errors?: Record<string, string>;
  /** A refusal that is about the whole form (expired, too fast...), shown above it. */
  alert?: string;
}

function control(f: LeadFormField, value: string, invalid: string): string {
  const id = `f-${f.name}`;
  const name = escapeHtml(f.name);
  const required = f.required ? " required" : "";
  if (f.type === "select") {
    const options = (f.options ?? [])
      .map((o) => `<option${o === value ? " selected" : ""}>${escapeHtml(o)}</option>`)
      .join("");
    return `<select id="${id}" name="${name}"${required}${invalid}><option value="">—</option>${options}</select>`;
  }
  const auto = AUTOCOMPLETE[f.name] ?? (f.type === "email" ? "email" : f.type === "phone" ? "tel" : "on");
  const placeholder = f.placeholder ? ` placeholder="${escapeHtml(f.placeholder)}"` : "";
  return `<input id="${id}" name="${name}" type="${INPUT_TYPE[f.type as keyof typeof INPUT_TYPE]}" autocomplete="${auto}" maxlength="${f.maxLength ?? 500}"
 value="${escapeHtml(value)}"${placeholder}${required}${invalid}>`;
}

export function renderLeadForm(view: LeadFormView): string {
  const values = view.values ?? {};
  const errors = view.errors ?? {};
  const error = (name: string) =>
    errors[name]
      ? ` <span class="error" id="${escapeHtml(name)}-error">${escapeHtml(errors[name])}</span>`
      : "";
  const invalid = (name: string) =>
    errors[name] ? ` aria-invalid="true" aria-describedby="${escapeHtml(name)}-error"` : "";
  const inputs = view.fields
    .map((f) => {
      if (f.type === "checkbox") {
        const ticked = values[f.name] === "yes" || values[f.name] === "on";
        return `<label class="check"><input type="checkbox" name="${escapeHtml(f.name)}" value="yes"${
          f.required ? " required" : ""
        }${ticked ? " checked" : ""}${invalid(f.name)}> ${escapeHtml(f.label)}${f.required ? " *" : ""}${error(f.name)}</label>`;
      }
      return `<label for="f-${f.name}">${escapeHtml(f.label)}${f.required ? " *" : ""}${error(f.name)}</label>
${control(f, values[f.name] ?? "", invalid(f.name))}`;
    })
    .join("\n");
  const consent =
    view.consentText === null
      ? ""
      : `<label class="check"><input type="checkbox" name="consent" value="yes" required${
          values.consent === "yes" ? " checked" : ""
        }${invalid("consent")}> ${escapeHtml(view.consentText)}${error("consent")}</label>`;
  return page(
    view.title,
    `<h1>${escapeHtml(view.title)}</h1>
${view.intro ? paragraphs(view.intro) : ""}
${view.alert ? `<p class="alert" role="alert">${escapeHtml(view.alert)}</p>` : ""}
<form method="post" action="${escapeHtml(view.action)}" novalidate>
<input type="hidden" name="click_id" value="${escapeHtml(view.clickId ?? "")}">
<input type="hidden" name="form_token" value="${escapeHtml(view.formToken)}">
<div class="hp" aria-hidden="true"><label>Leave this empty <input type="text" name="website" value="" tabindex="-1" autocomplete="off"></label></div>
${inputs}
${consent}
<button type="submit">${escapeHtml(view.submitLabel ?? "Send")}</button>
</form>`,
  );
}

export function renderMessage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}

export type RewardView =
  | { kind: "FILE" | "LINK" | "CODE_POOL"; title: string; url: string }
  | { kind: "CODE_POOL"; empty: true };

export function renderThankYou(title: string, text: string, reward: RewardView | null): string {
  let gift = "";
  if (reward && "url" in reward) {
    const action = reward.kind === "FILE" ? "Download" : reward.kind === "LINK" ? "Open" : "Show my code";
    gift = `<div class="reward"><h2>${escapeHtml(reward.title)}</h2><p><a class="button" href="${escapeHtml(
      reward.url,
    )}" rel="noreferrer">${action}</a></p></div>`;
  } else if (reward) {
    gift = `<div class="reward"><p>All our codes have been given out, sorry — we will be in touch.</p></div>`;
  }
  return page(title, `<h1>${escapeHtml(title)}</h1>${paragraphs(text)}${gift}`);
}

export function renderCode(title: string, code: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>Your code:</p><p class="code">${escapeHtml(code)}</p>`);
}
