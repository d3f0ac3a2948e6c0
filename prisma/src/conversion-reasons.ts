// Why a conversion is rejected, pending or reversed, in words a publisher understands. The codes are
// those the tracker's attribution and quality checks (tracker/src/conversions, tracker/src/quality),
// the lead inbox and the seed store in conversions.status_reason. Free of Prisma (a subpath export,
// @leadrail/db/conversion-reasons) so the dashboard can import it.
//
// The quality-signal codes live here, beside their words, so a new signal cannot ship without words
// a publisher can read: REASON_WORDS must name every code (typecheck), and conversion-reasons.test.ts
// checks each has words of its own.

/**
 * The quality signals the tracker records on a new conversion (tracker/src/quality/lead-signals.ts),
 * stored as { code, detail } in conversions.quality_signals; the first one the offer's policy acts on
 * becomes the status reason.
 */
export const QUALITY_SIGNAL_CODES = [
  // An admin's block: a decision, not a suspicion (always rejects).
  "publisher_blocked",
  // Attribution: the conversion has no usable click (these reject whatever the policy).
  "no_click",
  "country_not_targeted",
  "link_paused",
  "click_rejected",
  // The click looked automated or came too fast (click path and click writer flags).
  "bot_click",
  "velocity_click",
  "suspicious_click",
  // The conversion itself.
  "fast_conversion",
  "duplicate_lead",
  "disposable_email",
  "invalid_email_domain",
] as const;

export type QualitySignalCode = (typeof QUALITY_SIGNAL_CODES)[number];

/**
 * The signals an offer's REJECT policy turns into a rejection that a person may overturn (the API's
 * overturnLeadRejection). The others reject whatever the policy, or are never payable (bot_click).
 */
export const OVERTURNABLE_SIGNAL_CODES = [
  "velocity_click",
  "suspicious_click",
  "fast_conversion",
  "duplicate_lead",
  "disposable_email",
  "invalid_email_domain",
] as const satisfies readonly QualitySignalCode[];

export function isQualitySignalCode(code: string): code is QualitySignalCode {
  return (QUALITY_SIGNAL_CODES as readonly string[]).includes(code);
}

const REASON_WORDS = {
  // Attribution: no usable click.
  no_click: "No click on record for this conversion",
  offer_mismatch: "The click was for another offer",
  click_rejected: "Its click was rejected by the tracker",
  click_expired: "Its click was older than the offer's attribution window",
  country_not_targeted: "Its click came from a country the offer does not target",
  link_paused: "Its link was turned off",
  // Quality.
  publisher_blocked: "You are blocked from this offer",
  bot_click: "Its click looked automated",
  velocity_click: "Too many clicks from the same visitor",
  suspicious_click: "Its click looked suspicious",
  fast_conversion: "Converted suspiciously soon after the click",
  duplicate_lead: "The same lead was sent before",
  disposable_email: "The lead used a throwaway e-mail address",
  invalid_email_domain: "The lead's e-mail domain cannot receive mail",
  invalid_phone: "The lead's phone number is not valid",
  cap_reached: "The offer's cap was already reached",
  // The advertiser's decisions.
  advertiser_rejected: "Rejected by the advertiser",
  advertiser_reversed: "Reversed by the advertiser",
  lead_returned: "Returned by the advertiser within the return window",
  crm_refused: "Refused by the advertiser's CRM",
  chargeback: "Charged back",
  order_cancelled: "The order was cancelled",
} satisfies Record<QualitySignalCode, string> & Record<string, string>;

export const CONVERSION_REASON_WORDS: Readonly<Record<string, string>> = REASON_WORDS;

/** A reason code in words; an unknown code readable as itself ("some_code" → "Some code"). */
export function conversionReasonWords(code: string | null | undefined): string {
  if (!code) return "—";
  const known = CONVERSION_REASON_WORDS[code];
  if (known) return known;
  const words = code.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A lead's quality signals (tracker/src/quality/lead-signals.ts) as short labels for badges and lists;
 * the longer sentences above explain a rejection.
 */
const SIGNAL_LABELS: Readonly<Record<QualitySignalCode, string>> = {
  publisher_blocked: "Publisher blocked",
  click_rejected: "Click rejected",
  no_click: "No click",
  link_paused: "Link turned off",
  country_not_targeted: "Country not targeted",
  bot_click: "Bot click",
  velocity_click: "Repeated clicks",
  suspicious_click: "Suspicious click",
  fast_conversion: "Too fast",
  duplicate_lead: "Duplicate lead",
  invalid_email_domain: "E-mail domain cannot receive mail",
  disposable_email: "Throwaway e-mail",
};

// Typed by the code list above, so a new code without a label fails typecheck; invalid_phone is a
// lead-form reason that can appear beside them.
export const QUALITY_SIGNAL_WORDS: Readonly<Record<string, string>> = {
  ...SIGNAL_LABELS,
  invalid_phone: "Invalid phone",
};

export function qualitySignalWords(code: string): string {
  return QUALITY_SIGNAL_WORDS[code] ?? conversionReasonWords(code);
}

/** Why a lead is hot or cold (api/src/leads/temperature.ts), in words. */
export const TEMPERATURE_REASON_WORDS: Readonly<Record<string, string>> = {
  clicked_15m: "clicked within 15 minutes",
  clicked_2h: "clicked within 2 hours",
  clicked_24h: "clicked within a day",
  clicked_over_72h: "clicked over 3 days ago",
  complete_form: "every form field filled",
  sparse_form: "most form fields empty",
  returning_visitor: "returning visitor",
  quality_signals: "has quality signals",
};

export function temperatureReasonWords(code: string): string {
  return TEMPERATURE_REASON_WORDS[code] ?? code.replace(/_/g, " ");
}
