// How a conversion's status starts and moves, and what each move does to the daily counters: the one
// home of these rules, for the tracker (postbacks, lead forms), the API (confirm, reject, return,
// overturn) and the dashboard (which actions a lead offers; `@leadrail/db/conversion-status`). Pure
// and free of Prisma; the daily_stats upsert that applies a delta is in daily-stats-sql.ts.
import type { ConfirmationMode, ConversionStatus } from "../generated/client/enums.ts";

/** What an advertiser's status word means (the tracker maps its many spellings onto these). */
export type StatusIntent = "approved" | "pending" | "rejected" | "reversed";

export interface StatusDecision {
  status: ConversionStatus;
  /** Machine-readable why, stored in Conversion.statusReason (null for an ordinary approval). */
  reason: string | null;
}

/**
 * A new conversion. Without a status the offer decides: AUTO approves at once, MANUAL waits for the
 * advertiser. A status the advertiser sends is their own decision and wins over the mode, so a MANUAL
 * offer's advertiser can confirm in the postback itself. A "reversed" for a transaction we never saw
 * is recorded as rejected: nothing was ever payable.
 */
export function initialStatus(intent: StatusIntent | null, mode: ConfirmationMode): StatusDecision {
  switch (intent) {
    case null:
      return { status: mode === "AUTO" ? "APPROVED" : "PENDING", reason: null };
    case "approved":
      return { status: "APPROVED", reason: null };
    case "pending":
      return { status: "PENDING", reason: null };
    case "rejected":
      return { status: "REJECTED", reason: "advertiser_rejected" };
    case "reversed":
      return { status: "REJECTED", reason: "advertiser_reversed" };
  }
}

export type Transition =
  | { kind: "change"; to: ConversionStatus; reason: string | null }
  /** Already there (or no status sent): a replay, answered as a duplicate. */
  | { kind: "same" }
  | { kind: "invalid" };

/**
 * An update for an existing transaction. Statuses only move forward: PENDING → APPROVED | REJECTED,
 * APPROVED → REVERSED. "rejected" after approval is a reversal (money was payable and is taken back);
 * "reversed" while pending is a rejection (it never was). REJECTED and REVERSED are final, so a
 * replayed old postback can never bring money back.
 */
export function transition(current: ConversionStatus, intent: StatusIntent | null): Transition {
  if (intent === null) return { kind: "same" };
  switch (current) {
    case "PENDING":
      if (intent === "pending") return { kind: "same" };
      if (intent === "approved") return { kind: "change", to: "APPROVED", reason: null };
      return { kind: "change", to: "REJECTED", reason: `advertiser_${intent}` };
    case "APPROVED":
      if (intent === "approved") return { kind: "same" };
      if (intent === "pending") return { kind: "invalid" };
      return { kind: "change", to: "REVERSED", reason: `advertiser_${intent}` };
    case "REJECTED":
    case "REVERSED":
      return intent === "rejected" || intent === "reversed" ? { kind: "same" } : { kind: "invalid" };
  }
}

/** PENDING and APPROVED conversions are (or will be) paid, so they count against caps. */
export function isPayable(status: ConversionStatus): boolean {
  return status === "PENDING" || status === "APPROVED";
}

export interface StatsDelta {
  conversions: bigint;
  pending: bigint;
  approved: bigint;
  rejected: bigint;
  reversed: bigint;
  payout: bigint;
  revenue: bigint;
}

const COUNTER: Record<ConversionStatus, keyof StatsDelta> = {
  PENDING: "pending",
  APPROVED: "approved",
  REJECTED: "rejected",
  REVERSED: "reversed",
};

/**
 * daily_stats movement for a new conversion (`from` null) or a status change: the old status' counter
 * -1, the new one +1; payout and revenue count APPROVED conversions only.
 */
export function statsDelta(
  from: ConversionStatus | null,
  to: ConversionStatus,
  money: { payout: bigint; revenue: bigint },
): StatsDelta {
  const delta: StatsDelta = {
    conversions: from === null ? 1n : 0n,
    pending: 0n,
    approved: 0n,
    rejected: 0n,
    reversed: 0n,
    payout: 0n,
    revenue: 0n,
  };
  if (from !== null) delta[COUNTER[from]] -= 1n;
  delta[COUNTER[to]] += 1n;
  const approvedNow = (to === "APPROVED" ? 1n : 0n) - (from === "APPROVED" ? 1n : 0n);
  delta.payout = approvedNow * money.payout;
  delta.revenue = approvedNow * money.revenue;
  return delta;
}

/** The API's decisions: which move each advertiser or admin action makes, and from where. */
export const LEAD_ACTIONS = {
  confirm: { from: "PENDING", to: "APPROVED" },
  reject: { from: "PENDING", to: "REJECTED" },
  return: { from: "APPROVED", to: "REVERSED" },
  overturn: { from: "REJECTED", to: "APPROVED" },
} as const satisfies Record<string, { from: ConversionStatus; to: ConversionStatus }>;
export type LeadAction = keyof typeof LEAD_ACTIONS;

/** null when `action` may move a conversion in `status`, else why not ("is X: only Y leads can be ..."). */
export function leadActionProblem(action: LeadAction, status: ConversionStatus): string | null {
  const { from } = LEAD_ACTIONS[action];
  return status === from ? null : `is ${status}: only ${from} leads can be ${PAST[action]}`;
}

const PAST: Record<LeadAction, string> = {
  confirm: "confirmed",
  reject: "rejected",
  return: "returned",
  overturn: "overturned",
};

/** One conversion's move, as a batch of API decisions lists them. */
export interface Move {
  convertedAt: Date;
  offerId: number;
  publisherId: number | null;
  payout: bigint;
  revenue: bigint;
  from: ConversionStatus;
  to: ConversionStatus;
}

export interface DailyStatsDelta extends StatsDelta {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  offerId: number;
  publisherId: number;
}

/** The daily_stats changes of a batch of moves, one entry per (UTC day, offer, publisher). */
export function statDeltas(moves: readonly Move[]): DailyStatsDelta[] {
  const byKey = new Map<string, DailyStatsDelta>();
  for (const move of moves) {
    // daily_stats is keyed by publisher: unattributed conversions have no row to move.
    if (move.publisherId === null || move.from === move.to) continue;
    const day = move.convertedAt.toISOString().slice(0, 10);
    const key = `${day}|${move.offerId}|${move.publisherId}`;
    const one = statsDelta(move.from, move.to, move);
    const sum = byKey.get(key);
    if (!sum) {
      byKey.set(key, { day, offerId: move.offerId, publisherId: move.publisherId, ...one });
      continue;
    }
    for (const field of STATS_FIELDS) sum[field] += one[field];
  }
  return [...byKey.values()];
}

const STATS_FIELDS = [
  "conversions",
  "pending",
  "approved",
  "rejected",
  "reversed",
  "payout",
  "revenue",
] as const satisfies readonly (keyof StatsDelta)[];
