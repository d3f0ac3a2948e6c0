// Login rate limit: at most LOGIN_LIMIT.failures failed logins per e-mail and client address in a
// sliding-from-first-failure window, counted in Redis so every API instance shares the count.
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import type { Logger } from "pino";

export const LOGIN_LIMIT = { failures: 10, windowSeconds: 15 * 60 } as const;

/** Redis does not answer within this: the limit fails open (see below). */
const REDIS_TIMEOUT_MS = 500;

function counterKey(email: string, ip: string): string {
  // Hashed: keys need not hold e-mail addresses in clear.
  return `login:failures:${createHash("sha256").update(`${email}\n${ip}`).digest("hex").slice(0, 32)}`;
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`redis did not answer within ${REDIS_TIMEOUT_MS} ms`)),
        REDIS_TIMEOUT_MS,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

export interface LoginLimiter {
  /** True when this e-mail and address have used up their failures. */
  blocked(email: string, ip: string): Promise<boolean>;
  recordFailure(email: string, ip: string): Promise<void>;
  clear(email: string, ip: string): Promise<void>;
}

/**
 * Fails open: when Redis is down, logins keep working without the limit (and say so in the log). Locking
 * every user out of the dashboard during a Redis outage would be worse than a window without throttling;
 * passwords are argon2id-hashed, which keeps guessing slow regardless.
 */
export function loginLimiter(redis: Redis, logger: Logger): LoginLimiter {
  const failOpen =
    <T>(fallback: T) =>
    (error: unknown) => {
      logger.warn({ err: error }, "login rate limit unavailable, failing open");
      return fallback;
    };
  return {
    blocked: (email, ip) =>
      withTimeout(redis.get(counterKey(email, ip)))
        .then((count) => Number(count ?? 0) >= LOGIN_LIMIT.failures)
        .catch(failOpen(false)),
    recordFailure: (email, ip) => {
      const key = counterKey(email, ip);
      return withTimeout(redis.multi().incr(key).expire(key, LOGIN_LIMIT.windowSeconds, "NX").exec())
        .then(() => undefined)
        .catch(failOpen(undefined));
    },
    clear: (email, ip) =>
      withTimeout(redis.del(counterKey(email, ip)))
        .then(() => undefined)
        .catch(failOpen(undefined)),
  };
}
