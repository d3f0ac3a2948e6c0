// Which rejected leads a person may overturn. Pure.
//
// Only a rejection by the offer's quality policy (REJECT) is a machine's suspicion a person can
// overrule: its statusReason is the first quality signal and nobody has decided it yet. Everything
// else stays final, as before:
//   - an advertiser's own rejection (decidedById set, or advertiser_rejected/_reversed by postback),
//   - attribution failures (no_click, click_expired, country_not_targeted, link_paused,
//     click_rejected...): there is no valid click to pay for, and often no publisher,
//   - publisher_blocked: an admin's decision, not a suspicion,
//   - cap_reached: the cap decided, and overturning it would pay beyond the cap,
//   - any lead whose click was a bot's (a bot_click signal, whatever the reason): never payable
//     (@leadrail/db bot-click.ts).
// The overturnable codes are the quality signals (@leadrail/db/conversion-reasons) that a REJECT
// policy can turn into a rejection; the tracker rejects on the others whatever the policy.
import { approvalRefusal, type ConversionStatus, leadActionProblem } from "@leadrail/db";
import { OVERTURNABLE_SIGNAL_CODES } from "@leadrail/db/conversion-reasons";

export const OVERTURNABLE_REASONS: ReadonlySet<string> = new Set(OVERTURNABLE_SIGNAL_CODES);

export interface OverturnCandidate {
  status: ConversionStatus;
  statusReason: string | null;
  publisherId: number | null;
  decidedById: number | null;
  /** The stored quality signals (conversions.quality_signals). */
  qualitySignals: unknown;
}

/** null when the lead may be overturned, else why not (a sentence for the conflict error). */
export function overturnRefusal(lead: OverturnCandidate): string | null {
  const problem = leadActionProblem("overturn", lead.status);
  if (problem) return `lead ${problem}`;
  if (lead.decidedById !== null) return "a person rejected this lead: that decision is final";
  if (lead.publisherId === null) return "the lead has no publisher to pay";
  const refusal = approvalRefusal(lead);
  if (refusal !== null) return refusal;
  if (lead.statusReason === null || !OVERTURNABLE_REASONS.has(lead.statusReason)) {
    return `rejected for ${lead.statusReason ?? "no recorded reason"}: only quality-policy rejections can be overturned`;
  }
  return null;
}
