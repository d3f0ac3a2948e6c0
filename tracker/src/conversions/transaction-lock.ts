// A short Redis lock per (offer, transaction id) around recording a new conversion.
//
// The unique index alone keeps a transaction to one row, but concurrent copies of one postback would
// each reserve a cap slot before learning they are duplicates; with a nearly full cap, a copy that
// found the cap "full" (because its twins held the slots) could win the insert and record a good
// conversion as cap_reached. Serializing copies of the same transaction removes that: the first
// records, the others find it and answer duplicate. Different transactions never wait for each other.
// If the lock cannot be had in time (or its holder died), recording goes ahead anyway: correctness
// still rests on the unique index.
import { createHash, randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

const LOCK_TTL_MS = 10_000;
const WAIT_MS = 5_000;
const POLL_MS = 15;

const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export function transactionLockKey(prefix: string, offerId: number, transactionId: string): string {
  const digest = createHash("sha256").update(transactionId).digest("hex").slice(0, 32);
  return `${prefix}conversion-lock:{${offerId}}:${digest}`;
}

export type TransactionLock = <T>(
  offerId: number,
  transactionId: string,
  work: () => Promise<T>,
) => Promise<T>;

/** `keyPrefix`: REDIS_KEY_PREFIX, part of the key's full name (see redis-clients.ts). */
export function createTransactionLock(redis: Redis, keyPrefix: string): TransactionLock {
  return async (offerId, transactionId, work) => {
    const key = transactionLockKey(keyPrefix, offerId, transactionId);
    const token = randomUUID();
    const deadline = Date.now() + WAIT_MS;
    let held = false;
    while (!held && Date.now() < deadline) {
      held = (await redis.set(key, token, "PX", LOCK_TTL_MS, "NX")) === "OK";
      if (!held) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    try {
      return await work();
    } finally {
      if (held) await redis.eval(UNLOCK, 1, key, token).catch(() => undefined);
    }
  };
}
