// Publisher postback URL templates: `{macro}` placeholders filled with URL-encoded values, as
// Keitaro, Binom and Voluum expect. Unknown placeholders are left as they are, so a typo shows up in
// the publisher's own logs instead of silently becoming an empty value. The list is
// @leadrail/db/macros's, which the API validates templates against.
import { POSTBACK_MACROS, type PostbackMacro } from "@leadrail/db/macros";

export type MacroValues = Partial<Record<PostbackMacro, string | null>>;

const KNOWN = new Set<string>(POSTBACK_MACROS);

/** Replaces `{name}` with encodeURIComponent(value); a known macro without a value becomes "". */
export function fillTemplate(template: string, values: MacroValues): string {
  return template.replace(/\{([a-z0-9_]+)\}/g, (whole, name: string) =>
    KNOWN.has(name) ? encodeURIComponent(values[name as PostbackMacro] ?? "") : whole,
  );
}
