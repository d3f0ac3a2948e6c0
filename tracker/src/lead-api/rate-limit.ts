// Requests per API key per minute (LEAD_API_RATE_LIMIT_PER_MINUTE), counted in Redis so every tracker
// instance shares the count. A fixed window: one INCR per request, and a burst at a window's edge can
// reach twice the limit for a moment, which is fine for a limit that protects capacity.
import type { Redis } from "ioredis";

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export type RateLimiter = (keyId: number, now?: Date) => Promise<RateLimitResult>;

export function createRateLimiter(redis: Redis, keyPrefix: string, perMinute: number): RateLimiter {
  return async (keyId, now = new Date()) => {
    const minute = Math.floor(now.getTime() / 60_000);
    const key = `${keyPrefix}lead-api:rate:${keyId}:${minute}`;
    const [[, count] = []] = (await redis.multi().incr(key).expire(key, 120).exec()) ?? [];
    if (typeof count === "number" && count > perMinute) {
      return { ok: false, retryAfterSeconds: Math.max(1, 60 - Math.floor((now.getTime() % 60_000) / 1000)) };
    }
    return { ok: true };
  };
}
