// Which cap counters a conversion touches, and their Redis key names. Pure: the key names are a
// contract with the API, which reads them for cap pacing.
//
//   <prefix>cap:{<offerId>}:<scope>:<publisherId|*>:<period>:<periodKey>:<metric>
//   e.g. cap:{42}:PER_PUBLISHER:7:DAILY:2026-11-23:CONVERSIONS   cap:{42}:OFFER:*:TOTAL:all:BUDGET
//
// The braces are a Redis Cluster hash tag: every counter of an offer lives in one slot, so the one
// Lua script that checks and increments them all stays legal on a cluster. Periods are UTC. Values
// are integers: a count of payable conversions (CONVERSIONS) or publisher payout in the offer
// currency's minor units (BUDGET).
import type { CapMetric, CapPeriod, CapScope } from "@leadrail/db";

export interface CapRule {
  scope: CapScope;
  publisherId: number | null;
  period: CapPeriod;
  metric: CapMetric;
  limit: bigint;
}

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

/** Counters outlive their period by a week so the API can still show how the last one ended. */
export const COUNTER_GRACE_SECONDS = 7 * 86_400;

export interface CapReservation {
  key: string;
  /** The smallest limit of the caps sharing this counter. */
  limit: bigint;
  /** 1 for CONVERSIONS, the payout for BUDGET. */
  delta: bigint;
  /** null: keep forever (TOTAL). */
  ttlSeconds: number | null;
  /** What to count in PostgreSQL when the counter is missing (Redis restarted, new period). */
  offerId: number;
  publisherId: number | null;
  metric: CapMetric;
  from: Date | null;
  to: Date | null;
}

/**
 * The counters a payable conversion of `publisherId` at `at` paying `payout` must fit into. Caps
 * that share a counter (the same rule twice) are merged, keeping the smallest limit, so the script
 * never increments one key twice.
 */
export function capReservations(input: {
  prefix: string;
  offerId: number;
  publisherId: number | null;
  caps: readonly CapRule[];
  at: Date;
  payout: bigint;
}): CapReservation[] {
  const byKey = new Map<string, CapReservation>();
  for (const cap of input.caps) {
    let counterPublisher: number | null;
    if (cap.scope === "OFFER") counterPublisher = null;
    else if (cap.scope === "PER_PUBLISHER") {
      if (input.publisherId === null) continue;
      counterPublisher = input.publisherId;
    } else {
      if (cap.publisherId === null || cap.publisherId !== input.publisherId) continue;
      counterPublisher = cap.publisherId;
    }
    const key = capCounterKey(input.prefix, {
      offerId: input.offerId,
      scope: cap.scope,
      publisherId: counterPublisher,
      period: cap.period,
      periodKey: periodKey(cap.period, input.at),
      metric: cap.metric,
    });
    const existing = byKey.get(key);
    if (existing) {
      if (cap.limit < existing.limit) existing.limit = cap.limit;
      continue;
    }
    const { from, to } = periodBounds(cap.period, input.at);
    byKey.set(key, {
      key,
      limit: cap.limit,
      delta: cap.metric === "CONVERSIONS" ? 1n : input.payout,
      ttlSeconds:
        to === null ? null : Math.ceil((to.getTime() - input.at.getTime()) / 1000) + COUNTER_GRACE_SECONDS,
      offerId: input.offerId,
      publisherId: counterPublisher,
      metric: cap.metric,
      from,
      to,
    });
  }
  return [...byKey.values()];
}
