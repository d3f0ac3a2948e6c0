// The payout rule as a pure function: candidate lines in, documents (statements or invoices) out.
// The adapters (generate-statements.ts, generate-invoices.ts) load the candidates with SQL and write the
// plan in one transaction; everything about grouping, signs, totals and minimums is decided here.
import { PERIOD_END_MESSAGES, periodEndProblem } from "@leadrail/db/money-document-input";

export type LineKind = "PAYOUT" | "CLAWBACK";

/** Something that could go on a document: an approved conversion to pay, or a paid one to claw back. */
export interface Candidate {
  conversionId: string;
  /** The publisher (statements) or the offer's advertiser (invoices). */
  ownerId: number;
  currency: string;
  kind: LineKind;
  /** PAYOUT: what the conversion earns. CLAWBACK: what its live PAYOUT line paid. Never negative. */
  amount: bigint;
}

export interface PlannedLine {
  conversionId: string;
  kind: LineKind;
  /** Signed as the database wants it: PAYOUT ≥ 0, CLAWBACK ≤ 0. */
  amount: bigint;
}

export interface PlannedDocument {
  ownerId: number;
  currency: string;
  lines: PlannedLine[];
  /** Exactly the sum of the lines. */
  total: bigint;
}

/** An owner and currency with something open but no document this time; it is picked up next time. */
export interface CarriedForward {
  ownerId: number;
  currency: string;
  total: bigint;
  minimum: bigint;
  lineCount: number;
  /** below_minimum: 0 < total < minimum. not_positive: clawbacks outweigh payouts (or all zero). */
  reason: "below_minimum" | "not_positive";
}

export interface Plan {
  documents: PlannedDocument[];
  carriedForward: CarriedForward[];
}

/** The smallest total worth a document for this owner and currency (minor units). */
export type MinimumFor = (ownerId: number, currency: string) => bigint;

/**
 * Groups candidates by owner and currency. A group becomes a document when its total is positive and at
 * least the owner's minimum; otherwise nothing is written and its lines stay open, so the next run
 * picks them up with whatever has accrued since (carry-forward needs no stored balance).
 *
 * A total of zero or less is never a document: a payment settles a positive amount (the database
 * refuses negative payments), so a publisher whose clawbacks exceed their earnings owes the balance,
 * which is netted against later earnings.
 */
export function planDocuments(candidates: readonly Candidate[], minimumFor: MinimumFor = () => 0n): Plan {
  const groups = new Map<string, { ownerId: number; currency: string; lines: PlannedLine[] }>();
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (candidate.amount < 0n) {
      throw new RangeError(`candidate ${candidate.conversionId} has a negative amount ${candidate.amount}`);
    }
    const lineKey = `${candidate.conversionId}/${candidate.kind}`;
    // Two candidates for one line would break "paid once, clawed back once": a bug upstream, not data.
    if (seen.has(lineKey))
      throw new Error(`conversion ${candidate.conversionId} is a ${candidate.kind} twice`);
    seen.add(lineKey);
    const groupKey = `${candidate.ownerId}/${candidate.currency}`;
    let group = groups.get(groupKey);
    if (!group) {
      group = { ownerId: candidate.ownerId, currency: candidate.currency, lines: [] };
      groups.set(groupKey, group);
    }
    group.lines.push({
      conversionId: candidate.conversionId,
      kind: candidate.kind,
      amount: candidate.kind === "CLAWBACK" ? -candidate.amount : candidate.amount,
    });
  }

  const plan: Plan = { documents: [], carriedForward: [] };
  const ordered = [...groups.values()].sort(
    (a, b) => a.ownerId - b.ownerId || compareText(a.currency, b.currency),
  );
  for (const { ownerId, currency, lines } of ordered) {
    lines.sort(
      (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareText(a.conversionId, b.conversionId),
    );
    const total = lines.reduce((sum, line) => sum + line.amount, 0n);
    const minimum = minimumFor(ownerId, currency);
    if (total > 0n && total >= minimum) {
      plan.documents.push({ ownerId, currency, lines, total });
    } else {
      const reason = total > 0n ? "below_minimum" : "not_positive";
      plan.carriedForward.push({ ownerId, currency, total, minimum, lineCount: lines.length, reason });
    }
  }
  return plan;
}

/**
 * Publishers set a minimum payout in their payout currency. It applies to statements in that currency
 * only: without exchange rates a minimum of 50.00 USD says nothing about yen, so statements in other
 * currencies have no minimum (any positive total is paid).
 */
export function publisherMinimums(
  publishers: ReadonlyMap<number, { minimumPayout: bigint; payoutCurrency: string }>,
): MinimumFor {
  return (publisherId, currency) => {
    const publisher = publishers.get(publisherId);
    return publisher && publisher.payoutCurrency === currency ? publisher.minimumPayout : 0n;
  };
}

// Payouts first, then what is taken back: how a statement reads.
const KIND_ORDER: Record<LineKind, number> = { PAYOUT: 0, CLAWBACK: 1 };

// Code-point order, independent of the process locale (UUIDv7 ids then sort by time).
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The period rule of @leadrail/db/money-document-input, as the message the API answers with. */
export function periodEndRefusal(periodEnd: Date, now: Date): string | null {
  const problem = periodEndProblem(periodEnd, now);
  return problem ? PERIOD_END_MESSAGES[problem] : null;
}
