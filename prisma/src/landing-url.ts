// Landing URLs: an offer's template with macros, filled per click.
//
// The open-redirect rule: a click goes to the offer's own origin and nowhere else. Three layers hold it:
// 1. a template is compiled once (when its offer is loaded) and refused if a macro could reach the
//    scheme, host or port, or if it is not an absolute http(s) URL;
// 2. every value is percent-encoded with encodeURIComponent, so it cannot contain `/ ? # & = @ :`;
// 3. the filled URL is parsed again and must have the template's origin, or there is no redirect.
//
// Macros (listed in @leadrail/db/macros, which the API validates against): {click_id} {offer_id}
// {publisher_id} {sub1}..{sub10} {source}; any other `{name}` is filled from a pass-through parameter
// of the same name on the click URL, and is empty when there is none (so the advertiser never
// receives a literal `{gclid}`). Text that is not `{name}` is left as it is.
import { isSubId, MACRO_PLACEHOLDER_SOURCE, type SubId } from "./macros.ts";

const MACRO = new RegExp(MACRO_PLACEHOLDER_SOURCE, "g");

export interface LandingTemplate {
  template: string;
  origin: string;
  /**
   * Every macro is in the query or fragment and the template is already in the URL parser's
   * normal form: a filled URL is then its own normal form (see fillLandingUrl) and need not be
   * parsed again.
   */
  verbatim: boolean;
}

export type CompiledTemplate = { ok: true; landing: LandingTemplate } | { ok: false; problem: string };

export interface MacroValues {
  clickId: string;
  offerId: number;
  publisherId: number;
  subs: Partial<Record<SubId, string>>;
  source: string | null;
  passThrough: ReadonlyMap<string, string>;
}

/** Where the authority (userinfo, host, port) of an http(s) URL string ends. */
function authorityEnd(url: string, from: number): number {
  // The WHATWG parser treats `\` like `/` in http(s) URLs, so it ends the authority too.
  for (let i = from; i < url.length; i += 1) {
    const c = url[i];
    if (c === "/" || c === "\\" || c === "?" || c === "#") return i;
  }
  return url.length;
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
    if (parsed.username !== "" || parsed.password !== "") return null;
    return parsed.origin;
  } catch {
    return null;
  }
}

/** Checks an absolute http(s) URL (a template, or a fallback URL with no macros). */
export function compileLandingTemplate(template: string): CompiledTemplate {
  const scheme = /^https?:\/\//i.exec(template);
  if (!scheme) return { ok: false, problem: "not an absolute http(s) URL" };
  const authority = template.slice(scheme[0].length, authorityEnd(template, scheme[0].length));
  // `https:///x` is `https://x/` to the URL parser: the host would come from what follows the slashes.
  if (authority === "") return { ok: false, problem: "no host" };
  if (/[{}]/.test(authority)) return { ok: false, problem: "a macro in the scheme, host or port" };
  const origin = originOf(template.replace(MACRO, ""));
  if (origin === null) return { ok: false, problem: "not a valid http(s) URL" };
  return { ok: true, landing: { template, origin, verbatim: isVerbatim(template) } };
}

function isVerbatim(template: string): boolean {
  const query = template.search(/[?#]/);
  const firstMacro = template.search(MACRO);
  if (firstMacro !== -1 && (query === -1 || firstMacro < query)) return false;
  const sample = template.replace(MACRO, "x");
  try {
    return new URL(sample).href === sample;
  } catch {
    return false;
  }
}

function macroValue(name: string, values: MacroValues): string {
  switch (name) {
    case "click_id":
      return values.clickId;
    case "offer_id":
      return String(values.offerId);
    case "publisher_id":
      return String(values.publisherId);
    case "source":
      return values.source ?? "";
    default:
      if (isSubId(name)) return values.subs[name] ?? "";
      return values.passThrough.get(name) ?? "";
  }
}

/** The URL to redirect to (normalized, ASCII), or null if it would leave the template's origin. */
export function fillLandingUrl(landing: LandingTemplate, values: MacroValues): string | null {
  let parseAgain = !landing.verbatim;
  const filled = landing.template.replace(MACRO, (_, name: string) => {
    const value = encodeURIComponent(macroValue(name, values));
    // encodeURIComponent leaves only letters, digits, -_.!~*'() and %XX escapes, all of which the URL
    // parser keeps as they are in a query or fragment, except ' (percent-encoded in the query of
    // http(s) URLs). Macros of a verbatim template are never in the authority or path, so the
    // filled URL is in normal form and keeps the template's origin (perf: skips a URL parse).
    if (value.includes("'")) parseAgain = true;
    return value;
  });
  if (!parseAgain) return filled;
  try {
    const url = new URL(filled);
    return url.origin === landing.origin && url.username === "" && url.password === "" ? url.href : null;
  } catch {
    return null;
  }
}
