// Document life cycle rules, pure: DRAFT → APPROVED → PAID, DRAFT or APPROVED → VOID, nothing else.
// The database enforces the same (triggers and CHECKs in the initial migration); checking here first
// turns an illegal request into a typed error with a useful message instead of a refused UPDATE.
import {
  PAID_AT_MESSAGES,
  paidAtProblem,
  paymentReference,
  voidReason,
} from "@leadrail/db/money-document-input";
import type { z } from "zod";

export type DocumentStatus = "DRAFT" | "APPROVED" | "PAID" | "VOID";

/** What the user calls the document in messages. */
export type DocumentNoun = "statement" | "invoice";

export interface Refusal {
  code: "invalid_input" | "conflict" | "forbidden";
  message: string;
  /** For invalid_input: the argument it is about, so a form shows the refusal at that field. */
  field?: "reference" | "paidAt" | "reason";
}

export interface DocumentState {
  id: number;
  status: DocumentStatus;
  generatedById: number | null;
}

const NEXT: Readonly<Record<DocumentStatus, readonly DocumentStatus[]>> = {
  DRAFT: ["APPROVED", "VOID"],
  APPROVED: ["PAID", "VOID"],
  PAID: [],
  VOID: [],
};

export function canTransition(from: DocumentStatus, to: DocumentStatus): boolean {
  return NEXT[from].includes(to);
}

function transitionRefusal(
  noun: DocumentNoun,
  doc: DocumentState,
  to: DocumentStatus,
  verb: string,
): Refusal | null {
  if (canTransition(doc.status, to)) return null;
  const allowed = (Object.keys(NEXT) as DocumentStatus[]).filter((from) => NEXT[from].includes(to));
  return {
    code: "conflict",
    message: `${noun} ${doc.id} is ${doc.status}; only ${article(allowed[0] ?? "")} ${allowed.join(" or ")} ${noun} can be ${verb}`,
  };
}

function article(word: string): string {
  return /^[AEIOU]/i.test(word) ? "an" : "a";
}

/**
 * Approve: a DRAFT, by someone other than whoever generated it (the two-person rule), and only while
 * every conversion it pays is still APPROVED. A lead reversed or rejected after the draft was generated
 * would otherwise be paid and then clawed back; voiding and generating again drops it instead.
 */
export function approvalRefusal(
  noun: DocumentNoun,
  doc: DocumentState,
  approverId: number,
  noLongerApproved: readonly string[] = [],
): Refusal | null {
  const refused = transitionRefusal(noun, doc, "APPROVED", "approved");
  if (refused) return refused;
  if (doc.generatedById !== null && doc.generatedById === approverId) {
    return {
      code: "forbidden",
      message: `you generated ${noun} ${doc.id}: the two-person rule needs another finance user to approve it`,
    };
  }
  if (noLongerApproved.length > 0) {
    const shown = noLongerApproved.slice(0, 3).join(", ");
    const more = noLongerApproved.length > 3 ? ` and ${noLongerApproved.length - 3} more` : "";
    return {
      code: "conflict",
      message:
        `${noun} ${doc.id} pays conversions that are no longer approved (${shown}${more}): ` +
        `void it and generate again`,
    };
  }
  return null;
}

export interface PaymentInput {
  reference: string;
  paidAt: Date;
}

/** The reference and date of a payment, whatever the document's state (@leadrail/db's rules). */
export function paymentInputRefusal(input: PaymentInput, now: Date): Refusal | null {
  const reference = paymentReference.safeParse(input.reference);
  if (!reference.success) return fieldRefusal("reference", reference.error);
  const problem = paidAtProblem(input.paidAt, now);
  return problem ? { code: "invalid_input", field: "paidAt", message: PAID_AT_MESSAGES[problem] } : null;
}

function fieldRefusal(field: NonNullable<Refusal["field"]>, error: z.ZodError): Refusal {
  return { code: "invalid_input", field, message: error.issues[0]?.message ?? "is not valid" };
}

/** Mark paid: an APPROVED document, with a valid reference and date. */
export function paymentRefusal(
  noun: DocumentNoun,
  doc: DocumentState,
  input: PaymentInput,
  now: Date,
): Refusal | null {
  return paymentInputRefusal(input, now) ?? transitionRefusal(noun, doc, "PAID", "marked paid");
}

export function reasonRefusal(reason: string): Refusal | null {
  const parsed = voidReason.safeParse(reason);
  return parsed.success ? null : fieldRefusal("reason", parsed.error);
}

/**
 * Void: a DRAFT or APPROVED document, with a reason. An APPROVED document whose payouts were already
 * clawed back on another live document cannot be voided first: the clawbacks would then take back
 * money that was never paid. Void the documents holding the clawbacks (listed) first.
 */
export function voidRefusal(
  noun: DocumentNoun,
  doc: DocumentState,
  reason: string,
  clawedBackOn: readonly number[],
): Refusal | null {
  const refused = reasonRefusal(reason) ?? transitionRefusal(noun, doc, "VOID", "voided");
  if (refused) return refused;
  if (clawedBackOn.length > 0) {
    const list = [...new Set(clawedBackOn)].sort((a, b) => a - b).join(", ");
    return {
      code: "conflict",
      message: `${noun} ${doc.id} has payouts clawed back on ${noun} ${list}: void that first`,
    };
  }
  return null;
}
