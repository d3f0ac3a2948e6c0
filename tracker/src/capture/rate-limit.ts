// The per-address submission limit of a form, in Redis: one counter per form, hashed visitor address
// and clock hour (INCR, then EXPIRE on the first hit). The client carries the tracker's key prefix
// (ioredis keyPrefix), so keys are named here without it; this is the only module that names them.
import { createHmac } from "node:crypto";
import type { Redis } from "ioredis";

export interface FormRateLimit {
  /** Counts one submission; false when the address is over `perHour` for this form this hour. */
  hit(formId: number, address: string, perHour: number, now?: Date): Promise<boolean>;
}

export function formRateKey(formId: number, addressHash: string, hour: number): string {
  return `form-rate:${formId}:${hour}:${addressHash}`;
}

export function createFormRateLimit(redis: Redis, secret: string): FormRateLimit {
  return {
    async hit(formId, address, perHour, now = new Date()) {
      // Keyed hash: the counter names no address, and addresses cannot be guessed back from keys.
      const hash = createHmac("sha256", secret)
        .update(`form-rate:${address}`)
        .digest("base64url")
        .slice(0, 22);
      const hour = Math.floor(now.getTime() / 3_600_000);
      const key = formRateKey(formId, hash, hour);
      const [[, count] = []] = (await redis.multi().incr(key).expire(key, 3700, "NX").exec()) ?? [];
      return typeof count === "number" && count <= perHour;
    },
  };
}
