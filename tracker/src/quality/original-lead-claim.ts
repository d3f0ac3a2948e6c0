// Makes "is this lead the first with this contact?" race-free. The lookup alone is not: two identical
// leads arriving together both find no earlier lead and both pass as originals.
//
// Why a transaction-scoped PostgreSQL advisory lock, taken in the transaction that inserts the lead:
// the answer to the lookup is the conversions table itself, so locking there makes the lookup and the
// insert one atomic step, and the lock goes away with the transaction whether it commits, rolls back
// or the process dies. A Redis claim (SET NX with the window as TTL) would be a second copy of the truth
// that must be undone when the conversion then fails to commit, and that survives the conversion's
// erasure or a changed window. The lock is per (advertiser, contact key), so leads with different
// contacts never wait for each other, and only leads that believe they are originals take it (a known
// duplicate stays one). It is held for two short statements: the recorder computes the signals, the
// money and the cap reservation first, optimistically, and only here checks that nobody committed the
// same contact meanwhile; if someone did, the transaction inserts nothing and the recorder starts over
// (then seeing the duplicate).
import { createHash } from "node:crypto";
import type { Db, Prisma } from "@leadrail/db";
import type { ContactKeys } from "./contact-key.ts";

/** What a lead that found no earlier lead claims: to be the first of these keys since `since`. */
export interface OriginalLeadClaim {
  advertiserId: number;
  keys: ContactKeys;
  since: Date;
}

export type Queryable = Pick<Db | Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

// Namespace of the two-integer advisory locks (ASCII "LRDL"); single-bigint locks elsewhere
// (payout generation, migrations) live in a separate key space in PostgreSQL.
const LOCK_CLASS = 0x4c52444c;

/** The advisory lock ids, sorted so two leads sharing both contacts always lock in the same order. */
export function contactLockIds(advertiserId: number, keys: ContactKeys): number[] {
  const ids = [keys.emailKey, keys.phoneKey]
    .filter((key): key is string => key !== null)
    .map((key) => createHash("sha256").update(`${advertiserId}:${key}`).digest().readInt32BE(0));
  return [...new Set(ids)].sort((a, b) => a - b);
}

/**
 * A lead of the advertiser with either key since `since`, if any: the earliest original, else the
 * earliest duplicate. Originals first because a lead that lost the race for its contact keeps the
 * time it arrived, which can be a moment before the original's: naming it would call a duplicate
 * "the same as" another duplicate.
 */
export async function findEarlierLead(
  db: Queryable,
  advertiserId: number,
  keys: ContactKeys,
  since: Date,
): Promise<{ id: string; by: "email" | "phone" } | null> {
  if (keys.emailKey === null && keys.phoneKey === null) return null;
  const rows = await db.$queryRaw<{ id: string; by_email: boolean }[]>`
    SELECT c.id::text AS id, c.email_key IS NOT DISTINCT FROM ${keys.emailKey} AS by_email
    FROM conversions c JOIN offers o ON o.id = c.offer_id
    WHERE o.advertiser_id = ${advertiserId} AND c.converted_at >= ${since}
      AND (c.email_key = ${keys.emailKey} OR c.phone_key = ${keys.phoneKey})
    ORDER BY c.quality_signals @> '[{"code":"duplicate_lead"}]'::jsonb, c.converted_at LIMIT 1`;
  const row = rows[0];
  return row ? { id: row.id, by: row.by_email ? "email" : "phone" } : null;
}

/** Waits for, then holds until the transaction ends, the locks of these contacts. */
export async function lockContacts(tx: Queryable, advertiserId: number, keys: ContactKeys) {
  for (const id of contactLockIds(advertiserId, keys)) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, ${id}::int)`;
  }
}

/**
 * Inside the inserting transaction: locks the claim's contacts until commit and tells whether the
 * claim still holds (false: a lead with the same contact committed since the lookup).
 */
export async function holdOriginalLeadClaim(tx: Queryable, claim: OriginalLeadClaim): Promise<boolean> {
  await lockContacts(tx, claim.advertiserId, claim.keys);
  return (await findEarlierLead(tx, claim.advertiserId, claim.keys, claim.since)) === null;
}
