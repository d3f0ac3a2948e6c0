// Which cap counters a conversion touches. Pure. The key names are a contract with the API (cap
// pacing) and live in @leadrail/db (prisma/src/cap-keys.ts); every counter of an offer shares one
// Redis Cluster hash tag, so the one Lua script that checks and increments them all stays legal on a
// cluster.
import type { CapMetric, CapPeriod, CapScope } from "../generated/client/client.ts";
import { capCounterKey, periodBounds, periodKey } from "./cap-keys.ts";

export interface CapRule {
  scope: CapScope;
  publisherId: number | null;
  period: CapPeriod;
  metric: CapMetric;
  limit: bigint;
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
