// URL templates: offer landing and fallback URLs, publisher postback URLs. Macros ({click_id}...) are
// filled by the tracker at redirect / postback time. They may appear in the path, query and fragment,
// never in the scheme or host: a macro in the host would let a sub ID chosen by whoever sends the
// click decide where visitors (or our postbacks, with their secrets) go.

/** Macros the tracker fills in an offer's landing / fallback URL. */
export const LANDING_MACROS = [
  "click_id",
  "offer_id",
  "publisher_id",
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
  "source",
] as const;

/** Macros filled in a publisher's postback URL when one of its conversions changes status. */
export const POSTBACK_MACROS = [
  // The publisher knows its own id: the tracker does not fill {publisher_id} in its postbacks.
  ...LANDING_MACROS.filter((macro) => macro !== "publisher_id"),
  "conversion_id",
  "txid",
  "status",
  "payout",
  "currency",
  "goal",
] as const;

export const MAX_URL_LENGTH = 2048;

function hasSpaceOrControl(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0x20 || code === 0x7f || /\s/.test(char)) return true;
  }
  return false;
}

/** null when the template is acceptable, else the reason. */
export function urlTemplateProblem(template: string, macros: readonly string[]): string | null {
  if (template.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  if (hasSpaceOrControl(template)) return "must not contain spaces or control characters";
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)(.*)$/.exec(template);
  if (!match) return "must be an absolute http(s) URL";
  const [, scheme = "", authority = "", rest = ""] = match;
  if (!/^https?$/i.test(scheme)) return "must use http or https";
  if (/[{}]/.test(authority)) return "macros are not allowed in the host";
  if (authority.includes("@")) return "must not contain credentials";
  if (authority === "") return "must have a host";
  // Every {...} in the rest must be a known macro; a stray brace is a typo.
  const known = new Set(macros);
  for (const token of rest.match(/\{[^{}]*\}/g) ?? []) {
    const name = token.slice(1, -1);
    if (!known.has(name)) return `unknown macro ${token}`;
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
