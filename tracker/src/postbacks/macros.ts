// Publisher postback URL templates: `{macro}` placeholders filled with URL-encoded values, as
// Keitaro, Binom and Voluum expect. Unknown placeholders are left as they are, so a typo shows up in
// the publisher's own logs instead of silently becoming an empty value.

export const MACROS = [
  "click_id",
  "conversion_id",
  "txid",
  "offer_id",
  "goal",
  "status",
  "payout",
  "currency",
  "source",
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
export type Macro = (typeof MACROS)[number];
export type MacroValues = Partial<Record<Macro, string | null>>;

const KNOWN = new Set<string>(MACROS);

/** Replaces `{name}` with encodeURIComponent(value); a known macro without a value becomes "". */
export function fillTemplate(template: string, values: MacroValues): string {
  return template.replace(/\{([a-z0-9_]+)\}/g, (whole, name: string) =>
    KNOWN.has(name) ? encodeURIComponent(values[name as Macro] ?? "") : whole,
  );
}
