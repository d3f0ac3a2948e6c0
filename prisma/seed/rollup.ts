// The daily rollup, computed in SQL from the rows just written rather than counted alongside them in
// TypeScript: one source of truth, so the dashboard's totals always match the raw clicks and conversions.
//
// Counter meanings (the click writer and the conversion status mover must keep to the same ones):
// - clicks: every click row attributed to the offer and publisher, accepted or not;
//   unique_clicks / bot_clicks / rejected_clicks: those rows with is_unique / is_bot / status REJECTED.
// - conversions by the UTC day of converted_at; payout and revenue of APPROVED conversions only.
// Clicks without an offer or publisher (unknown links) have no row: the table is keyed by both.
import type { Prisma } from "../src/index.ts";

export const DAILY_STATS_SQL = `
INSERT INTO daily_stats (
  day, offer_id, publisher_id, clicks, unique_clicks, bot_clicks, rejected_clicks,
  conversions, pending_conversions, approved_conversions, rejected_conversions, reversed_conversions,
  payout, revenue
)
SELECT day, offer_id, publisher_id,
  sum(clicks), sum(unique_clicks), sum(bot_clicks), sum(rejected_clicks),
  sum(conversions), sum(pending), sum(approved), sum(rejected), sum(reversed),
  sum(payout), sum(revenue)
FROM (
  SELECT (created_at AT TIME ZONE 'UTC')::date AS day, offer_id, publisher_id,
    count(*) AS clicks,
    count(*) FILTER (WHERE is_unique) AS unique_clicks,
    count(*) FILTER (WHERE is_bot) AS bot_clicks,
    count(*) FILTER (WHERE status = 'REJECTED') AS rejected_clicks,
    0 AS conversions, 0 AS pending, 0 AS approved, 0 AS rejected, 0 AS reversed,
    0::bigint AS payout, 0::bigint AS revenue
  FROM clicks
  WHERE offer_id IS NOT NULL AND publisher_id IS NOT NULL
  GROUP BY 1, 2, 3
  UNION ALL
  SELECT (converted_at AT TIME ZONE 'UTC')::date, offer_id, publisher_id,
    0, 0, 0, 0,
    count(*),
    count(*) FILTER (WHERE status = 'PENDING'),
    count(*) FILTER (WHERE status = 'APPROVED'),
    count(*) FILTER (WHERE status = 'REJECTED'),
    count(*) FILTER (WHERE status = 'REVERSED'),
    coalesce(sum(payout) FILTER (WHERE status = 'APPROVED'), 0)::bigint,
    coalesce(sum(revenue) FILTER (WHERE status = 'APPROVED'), 0)::bigint
  FROM conversions
  WHERE publisher_id IS NOT NULL
  GROUP BY 1, 2, 3
) AS per_source
GROUP BY day, offer_id, publisher_id
ORDER BY day, offer_id, publisher_id`;

export async function rollUpDailyStats(tx: Prisma.TransactionClient): Promise<number> {
  return tx.$executeRawUnsafe(DAILY_STATS_SQL);
}

/** The report's hourly click rollups, with the click writer's counting (see HourlyClickStat). */
export const HOURLY_CLICK_SEGMENTS_SQL = `
INSERT INTO hourly_click_segments (hour, offer_id, publisher_id, country, device_type,
  clicks, unique_clicks, bot_clicks, rejected_clicks)
SELECT date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', offer_id, publisher_id,
  coalesce(country, ''), coalesce(device_type::text, ''),
  count(*), count(*) FILTER (WHERE is_unique), count(*) FILTER (WHERE is_bot),
  count(*) FILTER (WHERE status = 'REJECTED')
FROM clicks
WHERE offer_id IS NOT NULL AND publisher_id IS NOT NULL
GROUP BY 1, 2, 3, 4, 5`;

/** Run after the segments: the coarser grain is their sum. */
export const HOURLY_CLICK_STATS_SQL = `
INSERT INTO hourly_click_stats (hour, offer_id, publisher_id, clicks, unique_clicks, bot_clicks, rejected_clicks)
SELECT hour, offer_id, publisher_id, sum(clicks), sum(unique_clicks), sum(bot_clicks), sum(rejected_clicks)
FROM hourly_click_segments
GROUP BY 1, 2, 3`;

/** Run after the hourly rollups: the grains without publisher are their sums. */
export const HOURLY_OFFER_CLICKS_SQL = `
INSERT INTO hourly_offer_clicks (hour, offer_id, clicks, unique_clicks, bot_clicks, rejected_clicks)
SELECT hour, offer_id, sum(clicks), sum(unique_clicks), sum(bot_clicks), sum(rejected_clicks)
FROM hourly_click_stats
GROUP BY 1, 2`;

export const DAILY_CLICK_SEGMENTS_SQL = `
INSERT INTO daily_click_segments (day, offer_id, country, device_type, clicks, unique_clicks, bot_clicks, rejected_clicks)
SELECT (hour AT TIME ZONE 'UTC')::date, offer_id, country, device_type,
  sum(clicks), sum(unique_clicks), sum(bot_clicks), sum(rejected_clicks)
FROM hourly_click_segments
GROUP BY 1, 2, 3, 4`;

/** Every report click rollup, finest grain first. (The conversion rollups are kept by a trigger.) */
export const REPORT_CLICK_ROLLUP_SQL = [
  HOURLY_CLICK_SEGMENTS_SQL,
  HOURLY_CLICK_STATS_SQL,
  HOURLY_OFFER_CLICKS_SQL,
  DAILY_CLICK_SEGMENTS_SQL,
] as const;

export async function rollUpHourlyClicks(tx: Prisma.TransactionClient): Promise<void> {
  for (const sql of REPORT_CLICK_ROLLUP_SQL) await tx.$executeRawUnsafe(sql);
}
