// Which buttons a lead shows: the API's own rule (@leadrail/db/conversion-status) of which status each
// action moves a lead from, plus the extra conditions the API checks for returns and overturns.

import { OVERTURNABLE_SIGNAL_CODES } from "@leadrail/db/conversion-reasons";
import { type LeadAction, leadActionProblem } from "@leadrail/db/conversion-status";

const overturnable: ReadonlySet<string> = new Set(OVERTURNABLE_SIGNAL_CODES);

type Status = "PENDING" | "APPROVED" | "REJECTED" | "REVERSED";

export interface ActionableLead {
  status: Status;
  statusReason: string | null;
  decidedAt: string | null;
  returnableUntil: string | null;
  qualitySignals: readonly { code: string }[];
}

export function canDo(action: LeadAction, lead: ActionableLead, now = new Date()): boolean {
  if (leadActionProblem(action, lead.status) !== null) return false;
  // Returns: only inside the offer's return window (the API answers returnableUntil for that).
  if (action === "return") return lead.returnableUntil !== null && new Date(lead.returnableUntil) > now;
  // Overturns: only a rejection the quality policy made (no person decided; the reason is one of the
  // lead's signals, and one a policy rejects on, not an attribution failure or an admin's block).
  if (action === "overturn") {
    const reason = lead.statusReason;
    return (
      lead.decidedAt === null &&
      reason !== null &&
      overturnable.has(reason) &&
      lead.qualitySignals.some((signal) => signal.code === reason)
    );
  }
  return true;
}

/**
 * Reason codes a publisher reads on its conversion; a note may follow after a colon
 * (leadReasonText in @leadrail/db/decision-reasons). The API takes any text: the list is the
 * dashboard's choice of words, not a rule.
 */
export const REJECT_REASONS = [
  ["duplicate", "Duplicate of a lead or customer we already have"],
  ["invalid_contact", "Phone or e-mail does not work"],
  ["not_interested", "Says they did not ask to be contacted"],
  ["out_of_area", "Outside the area we serve"],
  ["fake_data", "Fake or test data"],
  ["other", "Other (say why in the note)"],
] as const;
