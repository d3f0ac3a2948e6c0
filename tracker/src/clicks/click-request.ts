// Parses `GET /c/:code?sub1=..&source=..&anything=..` into what the click path needs, or says which
// 4xx to answer. Strict on purpose: junk is refused here, before anything is looked up or written.
//
// The query is decoded by hand rather than with URLSearchParams, which silently replaces invalid
// percent-encoding and invalid UTF-8 with U+FFFD: a sub id we could not read must not be stored as
// something else. decodeURIComponent throws on both, and that becomes a 400.
import { CONTROL_CHARACTERS } from "@leadrail/db";
import { MACRO_NAME, SUB_IDS, type SubId } from "@leadrail/db/macros";

export const MAX_CODE_LENGTH = 64;
export const MAX_QUERY_LENGTH = 4096;
export const MAX_PARAMS = 64;
/** Sub ids, source and pass-through values: long enough for any ad network's macros. */
export const MAX_VALUE_LENGTH = 500;
const MAX_PASS_THROUGH = 32;

const CODE = /^[A-Za-z0-9_-]+$/;
// Pass-through parameters are kept when their name is one a landing-page macro can refer to
// (MACRO_NAME); others are ignored, not refused: ad platforms append things like `a[]=`, and a
// visitor should not be lost for that.

const SUB_ID_SET: ReadonlySet<string> = new Set(SUB_IDS);

export interface ClickRequest {
  code: string;
  subs: Partial<Record<SubId, string>>;
  source: string | null;
  /** Other parameters, offered to the landing URL's `{name}` macros; never stored. */
  passThrough: Map<string, string>;
}

export type ParsedClickRequest =
  | { ok: true; request: ClickRequest }
  | { ok: false; status: 400 | 414; error: string };

const fail = (status: 400 | 414, error: string): ParsedClickRequest => ({ ok: false, status, error });

function decode(raw: string): string | null {
  // Most names and values are plain text: nothing to decode (perf: the regex and the decoder cost
  // about a microsecond per click on the hot path).
  if (raw.indexOf("%") === -1 && raw.indexOf("+") === -1) return raw;
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

/** `rawUrl` is the request target as received (`/c/abc?sub1=x`). */
export function parseClickRequest(rawUrl: string): ParsedClickRequest {
  const queryAt = rawUrl.indexOf("?");
  const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = queryAt === -1 ? "" : rawUrl.slice(queryAt + 1);

  if (!path.startsWith("/c/")) return fail(400, "bad_path");
  const code = path.slice(3);
  if (code.length === 0 || code.length > MAX_CODE_LENGTH || !CODE.test(code)) return fail(400, "bad_code");
  if (query.length > MAX_QUERY_LENGTH) return fail(414, "query_too_long");

  const subs: Partial<Record<SubId, string>> = {};
  let source: string | null = null;
  const passThrough = new Map<string, string>();
  if (query.length === 0) return { ok: true, request: { code, subs, source, passThrough } };

  const pairs = query.split("&");
  if (pairs.length > MAX_PARAMS) return fail(400, "too_many_params");
  for (const pair of pairs) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf("=");
    const name = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = decode(eq === -1 ? "" : pair.slice(eq + 1));
    if (name === null || value === null) return fail(400, "bad_encoding");
    if (value.length > MAX_VALUE_LENGTH) return fail(400, "value_too_long");
    // Control characters (C0, DEL, C1) have no business in a sub id (@leadrail/db control-characters.ts).
    if (CONTROL_CHARACTERS.test(value) || CONTROL_CHARACTERS.test(name))
      return fail(400, "control_characters");
    // An empty value is "not given", so the link's default sub ids still apply.
    if (value.length === 0) continue;

    // The first occurrence wins: a parameter repeated by an ad platform's template is not an attack.
    if (SUB_ID_SET.has(name)) {
      const sub = name as SubId;
      if (subs[sub] === undefined) subs[sub] = value;
    } else if (name === "source") {
      source ??= value;
    } else if (MACRO_NAME.test(name) && passThrough.size < MAX_PASS_THROUGH && !passThrough.has(name)) {
      passThrough.set(name, value);
    }
  }
  return { ok: true, request: { code, subs, source, passThrough } };
}
