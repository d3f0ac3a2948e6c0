// Which cap counters a caller's pacing view reads: pure. The counters are the tracker's (key format
// in @leadrail/db's cap-keys.ts), so pacing shows exactly what the tracker enforces.
import {
  type CapMetric,
  type CapPeriod,
  type CapScope,
  capCounterKey,
  periodBounds,
  periodKey,
} from "@leadrail/db";

export interface PacingCap {
  id: number;
  scope: CapScope;
  publisherId: number | null;
  period: CapPeriod;
  metric: CapMetric;
  limit: bigint;
}

export interface PacingCounter {
  capId: number;
  scope: CapScope;
  period: CapPeriod;
  metric: CapMetric;
  limit: bigint;
  /** The publisher the counter belongs to; null for OFFER caps (one counter for all publishers). */
  publisherId: number | null;
  periodKey: string;
  periodStart: Date | null;
  periodEnd: Date | null;
  /** Without the deployment prefix: the caller's ioredis client adds it, as the tracker's does. */
  key: string;
}

/**
 * One counter per OFFER cap, per PUBLISHER cap (its publisher's), and per publisher for PER_PUBLISHER
 * caps: `publishers` (the offer's publishers for the network and the advertiser), or only the viewing
 * publisher, who sees nothing of OFFER caps or of other publishers' caps.
 */
export function pacingCounters(input: {
  offerId: number;
  caps: readonly PacingCap[];
  publishers: readonly number[];
  viewerPublisherId: number | null;
  at: Date;
}): PacingCounter[] {
  const counters: PacingCounter[] = [];
  const own = input.viewerPublisherId;
  for (const cap of input.caps) {
    let owners: (number | null)[];
    if (cap.scope === "OFFER") owners = own === null ? [null] : [];
    else if (cap.scope === "PUBLISHER")
      owners = own === null || cap.publisherId === own ? [cap.publisherId] : [];
    else owners = own === null ? [...input.publishers] : [own];
    const { from, to } = periodBounds(cap.period, input.at);
    const key = periodKey(cap.period, input.at);
    for (const publisherId of owners) {
      counters.push({
        capId: cap.id,
        scope: cap.scope,
        period: cap.period,
        metric: cap.metric,
        limit: cap.limit,
        publisherId,
        periodKey: key,
        periodStart: from,
        periodEnd: to,
        key: capCounterKey("", {
          offerId: input.offerId,
          scope: cap.scope,
          publisherId,
          period: cap.period,
          periodKey: key,
          metric: cap.metric,
        }),
      });
    }
  }
  return counters;
}
