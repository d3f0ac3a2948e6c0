// The one daily_stats upsert: the tracker runs it inside its one-statement conversion writes, the API
// inside its decision transactions. The deltas come from conversion-status.ts.
import { Prisma } from "../generated/client/client.ts";
import type { DailyStatsDelta, StatsDelta } from "./conversion-status.ts";

/**
 * The daily_stats upsert: adds a delta to the row of (day, offer, publisher), creating it when
 * missing. `rows` is a SELECT or VALUES yielding, in order: day, offer_id, publisher_id, then the
 * delta's conversions, pending, approved, rejected, reversed, payout, revenue.
 */
export function dailyStatsAdd(rows: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO daily_stats AS d (day, offer_id, publisher_id, conversions, pending_conversions,
                                  approved_conversions, rejected_conversions, reversed_conversions, payout, revenue)
    ${rows}
    ON CONFLICT (day, offer_id, publisher_id) DO UPDATE SET
      conversions = d.conversions + EXCLUDED.conversions,
      pending_conversions = d.pending_conversions + EXCLUDED.pending_conversions,
      approved_conversions = d.approved_conversions + EXCLUDED.approved_conversions,
      rejected_conversions = d.rejected_conversions + EXCLUDED.rejected_conversions,
      reversed_conversions = d.reversed_conversions + EXCLUDED.reversed_conversions,
      payout = d.payout + EXCLUDED.payout,
      revenue = d.revenue + EXCLUDED.revenue`;
}

/** The delta's values in dailyStatsAdd's column order, after day, offer and publisher. */
export function deltaValues(delta: StatsDelta): Prisma.Sql {
  return Prisma.sql`${delta.conversions}::bigint, ${delta.pending}::bigint, ${delta.approved}::bigint,
    ${delta.rejected}::bigint, ${delta.reversed}::bigint, ${delta.payout}::bigint, ${delta.revenue}::bigint`;
}

/** Adds a batch's deltas to daily_stats, one statement per (day, offer, publisher). */
export async function applyStatDeltas(
  tx: { $executeRaw(query: Prisma.Sql): Promise<number> },
  deltas: readonly DailyStatsDelta[],
): Promise<void> {
  for (const d of deltas) {
    await tx.$executeRaw(
      dailyStatsAdd(Prisma.sql`VALUES (${d.day}::date, ${d.offerId}, ${d.publisherId}, ${deltaValues(d)})`),
    );
  }
}
