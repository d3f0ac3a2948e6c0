// The per-address submission limit of a form, in Redis: one counter per form, hashed visitor address
// and clock hour (INCR, then EXPIRE on the first hit). Keys are full names under the tracker's
// REDIS_KEY_PREFIX (the convention in redis-clients.ts); this is the only module that names them.
import { createHmac } from "node:crypto";
import type { Redis } from "ioredis";

export interface FormRateLimit {
  /** Counts one submission; false when the address is over `perHour` for this form this hour. */
  hit(formId: number, address: string, perHour: number, now?: Date): Promise<boolean>;
}

export function formRateKey(keyPrefix: string, formId: number, addressHash: string, hour: number): string {
  return `${keyPrefix}form-rate:${formId}:${hour}:${addressHash}`;
}

export function createFormRateLimit(redis: Redis, keyPrefix: string, secret: string): FormRateLimit {
  return {
    async hit(formId, address, perHour, now = new Date()) {
      // Keyed hash: the counter names no address, and addresses cannot be guessed back from keys.
      const hash = createHmac("sha256", secret)
        .update(`form-rate:${address}`)
        .digest("base64url")
        .slice(0, 22);
      const hour = Math.floor(now.getTime() / 3_600_000);
      const key = formRateKey(keyPrefix, formId, hash, hour);
      const [[, count] = []] = (await redis.multi().incr(key).expire(key, 3700, "NX").exec()) ?? [];
      return typeof count === "number" && count <= perHour;
    },
  };
}
