// Rows kept for a while and then deleted: dispatched outbox rows, the lead API's idempotency records.
// The outbox relay, which every tracker process runs, calls this hourly (postbacks/outbox-relay.ts).
//
// In bounded batches, each its own statement: a large backlog (the first run after an upgrade, a
// retention shortened) never becomes one long transaction holding many row locks, and with SKIP
// LOCKED the tracker processes doing it at the same time pass over each other's batches. The inner
// SELECT walks the primary key, where the oldest rows come first.
import { type Db, Prisma } from "@leadrail/db";

export interface Expiry {
  /** A constant of ours, never input. */
  table: "postback_outbox" | "lead_delivery_outbox" | "lead_api_requests";
  /** The timestamp a row's age is counted from; a row where it is NULL never expires. */
  column: "dispatched_at" | "created_at";
  /** Rows older than this many days are deleted. */
  days: number;
}

export const EXPIRY_BATCH_SIZE = 1000;

/** Deletes the rows `expiry` names, `batchSize` at a time; resolves to how many. */
export async function expireRows(db: Db, expiry: Expiry, batchSize = EXPIRY_BATCH_SIZE): Promise<number> {
  const table = Prisma.raw(expiry.table);
  const column = Prisma.raw(expiry.column);
  let total = 0;
  for (;;) {
    const deleted = await db.$executeRaw`
      DELETE FROM ${table}
      WHERE id IN (
        SELECT id FROM ${table}
        WHERE ${column} < now() - make_interval(days => ${expiry.days})
        ORDER BY id
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED)`;
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
