// Postbacks that fail authentication (no credentials, wrong token, wrong signature), counted per
// client address in a fixed Redis window. Each one leaves a postback-log row, so without a limit
// anyone could fill inbound_postbacks by replaying junk. Beyond the limit the route answers 429 and
// writes no row: the request that crosses the limit writes one summary row instead (reason
// `rate_limited`), then nothing until the window ends. Authenticated postbacks never touch this.
import type { Redis } from "ioredis";
import type { Logger } from "pino";

export interface AuthFailureLimitSettings {
  /** Failures allowed per address and window (POSTBACK_AUTH_FAILURE_LIMIT). */
  limit: number;
  /** POSTBACK_AUTH_FAILURE_WINDOW_SECONDS. */
  windowSeconds: number;
}

/** `log`: write this failure's row as usual; `summary`: write one rate_limited row; `silent`: none. */
export type FailureVerdict = "log" | "summary" | "silent";

export function verdictFor(count: number, limit: number): FailureVerdict {
  if (count <= limit) return "log";
  return count === limit + 1 ? "summary" : "silent";
}

export interface AuthFailureLimiter {
  /** Counts one failure from `ip` and says what to do with it. */
  hit(ip: string): Promise<FailureVerdict>;
}

/** `keyPrefix`: REDIS_KEY_PREFIX, part of the key's full name (see redis-clients.ts). */
export function authFailuresKey(keyPrefix: string, ip: string): string {
  return `${keyPrefix}postback:auth-failures:${ip}`;
}

export function createAuthFailureLimiter(
  redis: Redis,
  keyPrefix: string,
  settings: AuthFailureLimitSettings,
  logger: Logger,
): AuthFailureLimiter {
  return {
    async hit(ip) {
      const key = authFailuresKey(keyPrefix, ip);
      try {
        const results = await redis
          .multi()
          .incr(key)
          // The window starts at the first failure; later ones do not extend it.
          .expire(key, settings.windowSeconds, "NX")
          .exec();
        const count = Number(results?.[0]?.[1] ?? 0);
        const verdict = verdictFor(count, settings.limit);
        // No address in the log (logs never carry IP addresses); the summary row says the rest.
        if (verdict === "summary") logger.warn("postbacks failing authentication rate-limited");
        return verdict;
      } catch (error) {
        // Fail open: Redis trouble must not turn a refused postback into a 429 (it still gets its
        // 401/403) nor hide it from the log.
        logger.warn({ err: error }, "auth failure counter unavailable");
        return "log";
      }
    },
  };
}
