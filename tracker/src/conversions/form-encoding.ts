// Strict application/x-www-form-urlencoded parsing for query strings and form bodies.
//
// URLSearchParams silently turns an invalid percent-escape into U+FFFD and keeps the last of a
// repeated key; for money-moving input we would rather refuse than guess, so this parser answers why
// a string is unacceptable. Control characters are refused too (@leadrail/db control-characters.ts):
// no honest click id or order id contains one, and a CR LF in an order id would be stored and passed
// on. The hosted lead form lets them through (`allowControlCharacters`) to judge them field by field,
// so that the visitor sees which field is wrong.

import { hasControlCharacters } from "@leadrail/db";

export const FORM_LIMITS = { maxParams: 64, maxKeyLength: 64, maxValueLength: 2048 } as const;

export type FormProblem =
  | "invalid_encoding"
  | "invalid_characters"
  | "repeated_param"
  | "too_many_params"
  | "param_too_long";

export type ParsedForm =
  | { ok: true; params: Record<string, string> }
  | { ok: false; reason: FormProblem; param?: string };

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

export function parseFormEncoded(
  text: string,
  options: { allowControlCharacters?: boolean } = {},
): ParsedForm {
  const params: Record<string, string> = Object.create(null);
  let count = 0;
  for (const piece of text.split("&")) {
    if (piece === "") continue;
    const eq = piece.indexOf("=");
    const key = decode(eq === -1 ? piece : piece.slice(0, eq));
    const value = decode(eq === -1 ? "" : piece.slice(eq + 1));
    if (key === null || value === null) return { ok: false, reason: "invalid_encoding" };
    const checkControls = !options.allowControlCharacters;
    if (checkControls && (hasControlCharacters(key) || hasControlCharacters(value))) {
      return { ok: false, reason: "invalid_characters", param: key };
    }
    if (key.length > FORM_LIMITS.maxKeyLength)
      return { ok: false, reason: "param_too_long", param: key.slice(0, 64) };
    if (value.length > FORM_LIMITS.maxValueLength) return { ok: false, reason: "param_too_long", param: key };
    if (key in params) return { ok: false, reason: "repeated_param", param: key };
    count += 1;
    if (count > FORM_LIMITS.maxParams) return { ok: false, reason: "too_many_params" };
    params[key] = value;
  }
  return { ok: true, params: { ...params } };
}

/** The raw query string of a request URL, without the "?". */
export function queryOf(url: string | undefined): string {
  if (url === undefined) return "";
  const at = url.indexOf("?");
  return at === -1 ? "" : url.slice(at + 1);
}
