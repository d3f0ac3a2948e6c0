// The parameters kept in the postback log: what the advertiser sent, minus the secret. Built leniently
// (it must work for the malformed requests the log most needs to explain), bounded so a hostile
// request cannot fill the table, and free of control characters (@leadrail/db control-characters.ts:
// NUL, which jsonb cannot store, and the CR LF of an injection attempt), each shown as U+FFFD.
import { CONTROL_CHARACTERS } from "@leadrail/db";

const MAX_KEYS = 64;
const MAX_LENGTH = 256;
const SECRET_PARAMS = new Set(["token"]);

function clean(text: string): string {
  let out = "";
  for (const ch of text) {
    out += CONTROL_CHARACTERS.test(ch) ? "\uFFFD" : ch;
    if (out.length >= MAX_LENGTH) return `${out.slice(0, MAX_LENGTH)}…`;
  }
  return out;
}

export function paramsForLog(...sources: Iterable<[string, string]>[]): Record<string, string> {
  const params: Record<string, string> = {};
  let count = 0;
  for (const source of sources) {
    for (const [key, value] of source) {
      if (SECRET_PARAMS.has(key.toLowerCase())) continue;
      const name = clean(key);
      if (name in params) continue;
      if (count++ >= MAX_KEYS) return params;
      params[name] = clean(value);
    }
  }
  return params;
}

/** Lenient decoding for the log: invalid escapes become U+FFFD instead of failing. */
export function lenientPairs(text: string): [string, string][] {
  return [...new URLSearchParams(text)];
}
