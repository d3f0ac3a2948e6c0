// Cap counter keys in Redis: the contract between the tracker, which checks and increments them, and
// the API, which reads them for cap pacing. Pure.
//
//   <prefix>cap:{<offerId>}:<scope>:<publisherId|*>:<period>:<periodKey>:<metric>
//   e.g. cap:{42}:PER_PUBLISHER:7:DAILY:2026-11-23:CONVERSIONS   cap:{42}:OFFER:*:TOTAL:all:BUDGET
//
// The braces are a Redis Cluster hash tag: every counter of an offer lives in one slot. Periods are
// UTC. Values are integers: a count of payable conversions (CONVERSIONS) or publisher payout in the
// offer currency's minor units (BUDGET). Both services connect with ioredis' `keyPrefix` set to
// REDIS_KEY_PREFIX and pass prefix "" here, so the deployment prefix is applied exactly once.
import type { CapMetric, CapPeriod, CapScope } from "../generated/client/client.ts";

export interface CounterKeyParts {
  offerId: number;
  scope: CapScope;
  /** null for OFFER scope (written as `*`). */
  publisherId: number | null;
  period: CapPeriod;
  periodKey: string;
  metric: CapMetric;
}

export function capCounterKey(prefix: string, parts: CounterKeyParts): string {
  const publisher = parts.publisherId === null ? "*" : String(parts.publisherId);
  return `${prefix}cap:{${parts.offerId}}:${parts.scope}:${publisher}:${parts.period}:${parts.periodKey}:${parts.metric}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** DAILY `2026-11-23`, MONTHLY `2026-11`, TOTAL `all` — UTC. */
export function periodKey(period: CapPeriod, at: Date): string {
  const month = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}`;
  if (period === "DAILY") return `${month}-${pad(at.getUTCDate())}`;
  if (period === "MONTHLY") return month;
  return "all";
}

/** [from, to) of the period containing `at`; null bounds for TOTAL. */
export function periodBounds(period: CapPeriod, at: Date): { from: Date | null; to: Date | null } {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  if (period === "DAILY") {
    const d = at.getUTCDate();
    return { from: new Date(Date.UTC(y, m, d)), to: new Date(Date.UTC(y, m, d + 1)) };
  }
  if (period === "MONTHLY") return { from: new Date(Date.UTC(y, m, 1)), to: new Date(Date.UTC(y, m + 1, 1)) };
  return { from: null, to: null };
}
