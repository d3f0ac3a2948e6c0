// Clicks, conversions and earnings per tracking link over the marketplace window (the last 30 UTC
// days, METRICS_DAYS), so a publisher sees which link pays. The rollups carry no link, so this reads
// a publisher's own raw rows by (publisher_id, created_at) / (publisher_id, converted_at) — the indexes
// those tables have — once per request and publisher, grouped by link.
import type { Db } from "@leadrail/db";
import { metricsSince } from "../loaders.ts";

export interface LinkStats {
  clicks: bigint;
  uniqueClicks: bigint;
  conversions: bigint;
  approvedConversions: bigint;
  /** Approved payout, minor units of `currency`. */
  payout: bigint;
  /** The link's offer's currency. */
  currency: string;
}

const ZERO = { clicks: 0n, uniqueClicks: 0n, conversions: 0n, approvedConversions: 0n, payout: 0n };

export async function linkStatsOf(
  db: Db,
  publisherId: number,
  now = new Date(),
): Promise<Map<number, LinkStats>> {
  const since = metricsSince(now);
  const [links, clicks, conversions] = await Promise.all([
    db.trackingLink.findMany({
      where: { publisherId },
      select: { id: true, offer: { select: { currency: true } } },
    }),
    db.$queryRaw<{ link_id: number; clicks: bigint; unique_clicks: bigint }[]>`
      SELECT link_id, count(*)::bigint AS clicks, count(*) FILTER (WHERE is_unique)::bigint AS unique_clicks
      FROM clicks WHERE publisher_id = ${publisherId} AND created_at >= ${since} AND link_id IS NOT NULL
      GROUP BY link_id`,
    db.$queryRaw<{ link_id: number; conversions: bigint; approved: bigint; payout: bigint }[]>`
      SELECT link_id, count(*)::bigint AS conversions,
        count(*) FILTER (WHERE status = 'APPROVED')::bigint AS approved,
        coalesce(sum(payout) FILTER (WHERE status = 'APPROVED'), 0)::bigint AS payout
      FROM conversions WHERE publisher_id = ${publisherId} AND converted_at >= ${since} AND link_id IS NOT NULL
      GROUP BY link_id`,
  ]);
  const byLink = new Map<number, LinkStats>(
    links.map((link) => [link.id, { ...ZERO, currency: link.offer.currency }]),
  );
  for (const row of clicks) {
    const stats = byLink.get(row.link_id);
    if (stats) Object.assign(stats, { clicks: row.clicks, uniqueClicks: row.unique_clicks });
  }
  for (const row of conversions) {
    const stats = byLink.get(row.link_id);
    if (stats) {
      Object.assign(stats, {
        conversions: row.conversions,
        approvedConversions: row.approved,
        payout: row.payout,
      });
    }
  }
  return byLink;
}
