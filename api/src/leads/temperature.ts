// Lead temperature: which leads an advertiser should call first. Pure; the rules, in order:
//
//   REJECTED or REVERSED                      → COLD, nothing else counts ("not_payable")
//   time since the click (the lead's own time when it has no click):
//     ≤ 15 minutes  +3 "clicked_15m"   ≤ 2 hours  +2 "clicked_2h"   ≤ 24 hours  +1 "clicked_24h"
//     > 72 hours    −2 "clicked_over_72h"
//   form completeness (hosted-form leads, share of the offer's fields filled in):
//     all           +1 "complete_form"            under half  −1 "sparse_form"
//   returning visitor (the click was not the visitor's first on the link within 24 h)  +1
//   source quality: any quality signal        −2 "quality_signals"
//
//   score ≥ 3 → HOT, score ≥ 1 → WARM, else COLD
//
// So a lead a few minutes old is HOT unless it carries a signal; one two hours old needs a complete
// form or a returning visitor to stay HOT; a day-old one is WARM at best.
export type LeadTemperature = "HOT" | "WARM" | "COLD";

export interface TemperatureFacts {
  status: "PENDING" | "APPROVED" | "REJECTED" | "REVERSED";
  clickAt: Date | null;
  convertedAt: Date;
  /** Names of the offer's lead-form fields (empty: not a form lead, completeness does not count). */
  formFields: readonly string[];
  /** The submitted values by field name (null for postback leads or after erasure). */
  leadFields: Record<string, unknown> | null;
  returningVisitor: boolean | null;
  signalCount: number;
  now: Date;
}

export interface TemperatureResult {
  temperature: LeadTemperature;
  score: number;
  reasons: string[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Beyond this time since the click no lead scores above COLD: −2 for the time, at most +1 for the
 * form and +1 as a returning visitor. The inbox's HOTTEST ordering ranks only leads within it
 * (./temperature-order.ts); temperature.test.ts holds the rules to it.
 */
export const WARM_HORIZON_MS = 72 * HOUR;

export function leadTemperature(f: TemperatureFacts): TemperatureResult {
  if (f.status === "REJECTED" || f.status === "REVERSED") {
    return { temperature: "COLD", score: 0, reasons: ["not_payable"] };
  }
  let score = 0;
  const reasons: string[] = [];
  const add = (points: number, reason: string) => {
    score += points;
    reasons.push(reason);
  };

  const age = f.now.getTime() - (f.clickAt ?? f.convertedAt).getTime();
  if (age <= 15 * MINUTE) add(3, "clicked_15m");
  else if (age <= 2 * HOUR) add(2, "clicked_2h");
  else if (age <= 24 * HOUR) add(1, "clicked_24h");
  else if (age > 72 * HOUR) add(-2, "clicked_over_72h");

  if (f.formFields.length > 0 && f.leadFields !== null) {
    const values = f.leadFields;
    const filled = f.formFields.filter((name) => {
      const value = values[name];
      return typeof value === "string" && value.trim() !== "";
    }).length;
    if (filled === f.formFields.length) add(1, "complete_form");
    else if (filled * 2 < f.formFields.length) add(-1, "sparse_form");
  }
  if (f.returningVisitor === true) add(1, "returning_visitor");
  if (f.signalCount > 0) add(-2, "quality_signals");

  const temperature = score >= 3 ? "HOT" : score >= 1 ? "WARM" : "COLD";
  return { temperature, score, reasons };
}
