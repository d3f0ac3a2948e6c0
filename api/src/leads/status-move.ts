// Moving conversions between statuses keeps daily_stats true without recounting: the row of the
// conversion's UTC day, offer and publisher loses one from the old status's counter and gains one in the
// new one's; payout and revenue count APPROVED conversions only (see the DailyStat comment in
// schema.prisma). Runs in the transaction that changes the conversions.
import { type ConversionStatus, Prisma } from "@leadrail/db";

export interface Move {
  convertedAt: Date;
  offerId: number;
  publisherId: number | null;
  payout: bigint;
  revenue: bigint;
  from: ConversionStatus;
  to: ConversionStatus;
}

export interface StatDelta {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  offerId: number;
  publisherId: number;
  pending: bigint;
  approved: bigint;
  rejected: bigint;
  reversed: bigint;
  payout: bigint;
  revenue: bigint;
}

const COUNTER = {
  PENDING: "pending",
  APPROVED: "approved",
  REJECTED: "rejected",
  REVERSED: "reversed",
} as const satisfies Record<ConversionStatus, keyof StatDelta>;

/** The daily_stats changes of a batch of moves, one entry per (day, offer, publisher). */
export function statDeltas(moves: Move[]): StatDelta[] {
  const byKey = new Map<string, StatDelta>();
  for (const move of moves) {
    // daily_stats is keyed by publisher: unattributed conversions have no row to move.
    if (move.publisherId === null || move.from === move.to) continue;
    const day = move.convertedAt.toISOString().slice(0, 10);
    const key = `${day}|${move.offerId}|${move.publisherId}`;
    let delta = byKey.get(key);
    if (!delta) {
      delta = {
        day,
        offerId: move.offerId,
        publisherId: move.publisherId,
        pending: 0n,
        approved: 0n,
        rejected: 0n,
        reversed: 0n,
        payout: 0n,
        revenue: 0n,
      };
      byKey.set(key, delta);
    }
    delta[COUNTER[move.from]] -= 1n;
    delta[COUNTER[move.to]] += 1n;
    if (move.from === "APPROVED") {
      delta.payout -= move.payout;
      delta.revenue -= move.revenue;
    }
    if (move.to === "APPROVED") {
      delta.payout += move.payout;
      delta.revenue += move.revenue;
    }
  }
  return [...byKey.values()];
}

/** Adds the deltas to daily_stats (creating a missing row), one statement per (day, offer, publisher). */
export async function applyStatDeltas(tx: Prisma.TransactionClient, deltas: StatDelta[]): Promise<void> {
  for (const d of deltas) {
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO daily_stats AS s (day, offer_id, publisher_id, pending_conversions, approved_conversions,
        rejected_conversions, reversed_conversions, payout, revenue)
      VALUES (${d.day}::date, ${d.offerId}, ${d.publisherId}, ${d.pending}, ${d.approved}, ${d.rejected},
        ${d.reversed}, ${d.payout}, ${d.revenue})
      ON CONFLICT (day, offer_id, publisher_id) DO UPDATE SET
        pending_conversions = s.pending_conversions + excluded.pending_conversions,
        approved_conversions = s.approved_conversions + excluded.approved_conversions,
        rejected_conversions = s.rejected_conversions + excluded.rejected_conversions,
        reversed_conversions = s.reversed_conversions + excluded.reversed_conversions,
        payout = s.payout + excluded.payout,
        revenue = s.revenue + excluded.revenue`);
  }
}
