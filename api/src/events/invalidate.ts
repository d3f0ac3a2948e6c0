// Tells every tracker to drop its cached copy of an offer (terms, status, applications, links), or of
// every link of an advertiser or publisher (account status), after a change is committed. Same channel as tracker/src/tracking/click-record.ts `configChannel`.
import type { Context } from "../context.ts";

export function configChannel(prefix: string): string {
  return `${prefix}config:invalidate`;
}

export interface Invalidation {
  type: "offer" | "advertiser" | "publisher";
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
  send(ctx, { type: "offer", id: offerId });
}

/**
 * After an account's status changed: every cached link of the advertiser's offers, or of the
 * publisher, is dropped, so a suspension stops its traffic at once (and a reactivation restarts it).
 */
export function publishAccountInvalidation(
  ctx: Pick<Context, "redis" | "redisPrefix" | "logger">,
  kind: "advertiser" | "publisher",
  id: number,
): void {
  send(ctx, { type: kind, id });
}

function send(ctx: Pick<Context, "redis" | "redisPrefix" | "logger">, message: Invalidation): void {
  ctx.redis.publish(configChannel(ctx.redisPrefix), JSON.stringify(message)).catch((error: unknown) => {
    ctx.logger.warn({ err: error, ...message }, `could not publish ${message.type} invalidation`);
  });
}
