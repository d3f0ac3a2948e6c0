// Sub IDs and URL macros: the one list the API's validation, the tracker's filling, publisher postback
// templates and the dashboard's builders all read. No Prisma here: the dashboard imports this file
// through the `@leadrail/db/macros` subpath, and it must stay free of server code.
//
// Macros are `{name}` placeholders. In an offer's landing (or fallback) URL the tracker fills the
// named ones below and any other `{name}` from the click URL's parameter of that name (`{gclid}`,
// `{fbclid}`, a traffic source's `{campaign_id}`), empty when the click has none. In a publisher's
// postback URL only the named postback macros exist. Macros may sit in the path, query and fragment,
// never in the scheme or host: a value chosen by whoever sends the click must not decide where
// visitors (or our postbacks, with their secrets) go.

export const SUB_IDS = [
  "sub1",
  "sub2",
  "sub3",
  "sub4",
  "sub5",
  "sub6",
  "sub7",
  "sub8",
  "sub9",
  "sub10",
] as const;
export type SubId = (typeof SUB_IDS)[number];

/** What a click URL may carry besides pass-through parameters: the sub IDs and the traffic source. */
export const CLICK_PARAMS = [...SUB_IDS, "source"] as const;
export type ClickParam = (typeof CLICK_PARAMS)[number];
export type ClickParams = Partial<Record<ClickParam, string | null>>;

/** Macros with a meaning of their own in a landing URL; any other `{name}` is a pass-through parameter. */
export const LANDING_MACROS = ["click_id", "offer_id", "publisher_id", ...SUB_IDS, "source"] as const;
export type LandingMacro = (typeof LANDING_MACROS)[number];

/** Macros filled in a publisher's postback URL when one of its conversions changes status. */
export const POSTBACK_MACROS = [
  "click_id",
  // The publisher knows its own id: its postbacks do not carry {publisher_id}.
  "offer_id",
  ...SUB_IDS,
  "source",
  "conversion_id",
  "txid",
  "status",
  "payout",
  "currency",
  "goal",
] as const;
export type PostbackMacro = (typeof POSTBACK_MACROS)[number];

/** A macro's or pass-through parameter's name, as the tracker reads it from a click URL. */
export const MACRO_NAME = /^[A-Za-z0-9_]{1,32}$/;
/** Source of the placeholder pattern; each user builds its own global RegExp (lastIndex is state). */
export const MACRO_PLACEHOLDER_SOURCE = "\\{([A-Za-z0-9_]{1,32})\\}";

export function isSubId(name: string): name is SubId {
  return (SUB_IDS as readonly string[]).includes(name);
}

export const MAX_URL_LENGTH = 2048;

export type UrlTemplateKind = "landing" | "postback";

function hasSpaceOrControl(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0x20 || code === 0x7f || /\s/.test(char)) return true;
  }
  return false;
}

/** Whether `{name}` is a macro in a URL of this kind. */
export function isKnownMacro(name: string, kind: UrlTemplateKind): boolean {
  if (kind === "landing") return MACRO_NAME.test(name);
  return (POSTBACK_MACROS as readonly string[]).includes(name);
}

/** null when the template is acceptable, else the reason (a sentence a user can act on). */
export function urlTemplateProblem(template: string, kind: UrlTemplateKind): string | null {
  if (template.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  if (hasSpaceOrControl(template)) return "must not contain spaces or control characters";
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)(.*)$/.exec(template);
  if (!match) return "must be an absolute http(s) URL";
  const [, scheme = "", authority = "", rest = ""] = match;
  if (!/^https?$/i.test(scheme)) return "must use http or https";
  if (/[{}]/.test(authority)) return "macros are not allowed in the host";
  if (authority.includes("@")) return "must not contain credentials";
  if (authority === "") return "must have a host";
  // Every {...} in the rest must be a macro of this kind; a stray brace is a typo.
  for (const token of rest.match(/\{[^{}]*\}/g) ?? []) {
    if (!isKnownMacro(token.slice(1, -1), kind)) {
      return kind === "landing"
        ? `${token} is not a macro: use letters, digits and _ (at most 32)`
        : `unknown macro ${token}`;
    }
  }
  if (/[{}]/.test(rest.replace(/\{[^{}]*\}/g, ""))) return "has an unbalanced { or }";
  let url: URL;
  try {
    url = new URL(`${scheme}://${authority}${rest.replace(/\{[^{}]*\}/g, "x")}`);
  } catch {
    return "is not a valid URL";
  }
  if (!url.hostname) return "must have a host";
  return null;
}

/** Percent-encodes a click-URL value but keeps `{macro}` placeholders literal for a traffic source to fill. */
function encodeKeepingMacros(value: string): string {
  const placeholder = new RegExp(MACRO_PLACEHOLDER_SOURCE, "g");
  let out = "";
  let last = 0;
  for (const match of value.matchAll(placeholder)) {
    out += encodeURIComponent(value.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + encodeURIComponent(value.slice(last));
}

/**
 * `${base}/c/<code>?sub1=...`: parameters in a stable order, empty ones left out. A value such as
 * `{campaign_id}` stays literal (not `%7Bcampaign_id%7D`): traffic sources replace their own macros in
 * the URL they are given, and they only recognise the braces.
 */
export function trackingUrl(base: string, code: string, params: ClickParams = {}): string {
  const query = CLICK_PARAMS.flatMap((key) => {
    const value = params[key];
    return value ? [`${key}=${encodeKeepingMacros(value)}`] : [];
  });
  const url = `${base.replace(/\/+$/, "")}/c/${encodeURIComponent(code)}`;
  return query.length === 0 ? url : `${url}?${query.join("&")}`;
}

/** Stored default subs (JSON) read back as click parameters, ignoring anything unexpected. */
export function parseClickParams(value: unknown): ClickParams {
  if (typeof value !== "object" || value === null) return {};
  const record = value as Record<string, unknown>;
  const params: ClickParams = {};
  for (const key of CLICK_PARAMS) {
    const v = record[key];
    if (typeof v === "string" && v !== "") params[key] = v;
  }
  return params;
}
