// Tells every tracker to drop its cached copy of an offer (terms, status, applications, links) after
// a change is committed. Same channel as tracker/src/tracking/click-record.ts `configChannel`.
import type { Context } from "../context.ts";

export function configChannel(prefix: string): string {
  return `${prefix}config:invalidate`;
}

export interface Invalidation {
  type: "offer";
  id: number;
}

/**
 * Fire and forget, after commit: the database already holds the truth, so a Redis outage must not
 * fail (or hang) the mutation. Trackers also expire cached entries on their own, which bounds how long
 * a lost message can keep a stale copy alive.
 */
export function publishInvalidation(
  ctx: Pick<Context, "redis" | "redisPrefix" | "logger">,
  offerId: number,
): void {
  const message: Invalidation = { type: "offer", id: offerId };
  ctx.redis.publish(configChannel(ctx.redisPrefix), JSON.stringify(message)).catch((error: unknown) => {
    ctx.logger.warn({ err: error, offerId }, "could not publish offer invalidation");
  });
}
