// Stores a batch of clicks and rolls them up into daily_stats and the report's rollups (hourly_click_stats,
// hourly_click_segments by country and device type, and the grains without publisher: hourly_offer_clicks
// and daily_click_segments) in ONE statement (so one transaction):
// the rollup counts only the rows this statement inserted (`RETURNING`), so a batch delivered twice —
// a writer that died after its commit and before its XACK — stores nothing and adds nothing the
// second time. Counter meanings are the schema's (see DailyStat): every click with an offer and a
// publisher counts, rejected ones included; unique, bot and rejected are subsets. Clicks without an
// offer or publisher (unknown links) are stored but not rolled up. A bot's click is never unique
// (the tracker does not ask; a record from an older tracker may say so, and is corrected here).
//
// One multi-row INSERT per batch: the rows travel as one JSON parameter expanded by
// json_populate_recordset into the clicks row type, whatever the batch size.
import { type Db, poolOf } from "@leadrail/db";
import type { ClickRecord } from "../tracking/click-record.ts";

const HOUR = "date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'";

/**
 * One rollup's upsert from the inserted rows: its key columns and the expressions that compute them.
 * Every grain counts the same subsets, in one lock order (ORDER BY the key) for every writer, so
 * concurrent batches touching the same rows wait instead of deadlocking.
 */
function rollUp(name: string, table: string, key: Record<string, string>): string {
  const columns = Object.keys(key);
  const positions = columns.map((_, i) => i + 1).join(", ");
  return `${name} AS (
  INSERT INTO ${table} AS r (${columns.join(", ")}, clicks, unique_clicks, bot_clicks, rejected_clicks)
  SELECT ${Object.values(key).join(", ")},
    count(*), count(*) FILTER (WHERE is_unique), count(*) FILTER (WHERE is_bot),
    count(*) FILTER (WHERE status = 'REJECTED')
  FROM ins
  WHERE offer_id IS NOT NULL AND publisher_id IS NOT NULL
  GROUP BY ${positions}
  ORDER BY ${positions}
  ON CONFLICT (${columns.join(", ")}) DO UPDATE SET
    clicks = r.clicks + excluded.clicks,
    unique_clicks = r.unique_clicks + excluded.unique_clicks,
    bot_clicks = r.bot_clicks + excluded.bot_clicks,
    rejected_clicks = r.rejected_clicks + excluded.rejected_clicks
  RETURNING 1
)`;
}

const STORE_SQL = `
WITH batch AS (
  SELECT * FROM json_populate_recordset(null::clicks, $1::json)
), ins AS (
  INSERT INTO clicks (
    id, created_at, status, reject_reason, link_id, offer_id, publisher_id,
    sub1, sub2, sub3, sub4, sub5, sub6, sub7, sub8, sub9, sub10,
    source, country, device_type, os, browser, referrer, ip_hash, is_unique, is_bot, fraud_reason
  )
  SELECT id, created_at, status, reject_reason, link_id, offer_id, publisher_id,
    sub1, sub2, sub3, sub4, sub5, sub6, sub7, sub8, sub9, sub10,
    source, country, device_type, os, browser, referrer, ip_hash, is_unique AND NOT is_bot, is_bot, fraud_reason
  FROM batch
  ON CONFLICT DO NOTHING
  RETURNING created_at, offer_id, publisher_id, status, is_unique, is_bot, country, device_type
), ${rollUp("daily", "daily_stats", {
  day: "(created_at AT TIME ZONE 'UTC')::date",
  offer_id: "offer_id",
  publisher_id: "publisher_id",
})}, ${rollUp("hourly", "hourly_click_stats", { hour: HOUR, offer_id: "offer_id", publisher_id: "publisher_id" })}, ${rollUp(
  "segments",
  "hourly_click_segments",
  {
    hour: HOUR,
    offer_id: "offer_id",
    publisher_id: "publisher_id",
    country: "coalesce(country, '')",
    device_type: "coalesce(device_type::text, '')",
  },
)}, ${rollUp("offer_hours", "hourly_offer_clicks", { hour: HOUR, offer_id: "offer_id" })}, ${rollUp(
  "day_segments",
  "daily_click_segments",
  {
    day: "(created_at AT TIME ZONE 'UTC')::date",
    offer_id: "offer_id",
    country: "coalesce(country, '')",
    device_type: "coalesce(device_type::text, '')",
  },
)}
SELECT (SELECT count(*) FROM ins)::int AS inserted`;

function toRow(click: ClickRecord): Record<string, unknown> {
  return {
    id: click.id,
    created_at: new Date(click.createdAt).toISOString(),
    status: click.status,
    reject_reason: click.rejectReason,
    link_id: click.linkId,
    offer_id: click.offerId,
    publisher_id: click.publisherId,
    sub1: click.subs.sub1 ?? null,
    sub2: click.subs.sub2 ?? null,
    sub3: click.subs.sub3 ?? null,
    sub4: click.subs.sub4 ?? null,
    sub5: click.subs.sub5 ?? null,
    sub6: click.subs.sub6 ?? null,
    sub7: click.subs.sub7 ?? null,
    sub8: click.subs.sub8 ?? null,
    sub9: click.subs.sub9 ?? null,
    sub10: click.subs.sub10 ?? null,
    source: click.source,
    country: click.country,
    device_type: click.deviceType,
    os: click.os,
    browser: click.browser,
    referrer: click.referrer,
    ip_hash: click.ipHash,
    is_unique: click.isUnique,
    is_bot: click.isBot,
    fraud_reason: click.fraudReason,
  };
}

/**
 * Returns how many of the clicks were new (the others were stored before). Through node-postgres
 * directly (poolOf): Prisma's raw query would copy the batch's JSON twice more.
 */
export async function storeClicks(db: Db, clicks: readonly ClickRecord[]): Promise<number> {
  if (clicks.length === 0) return 0;
  const json = JSON.stringify(clicks.map(toRow));
  const { rows } = await poolOf(db).query<{ inserted: number }>(STORE_SQL, [json]);
  return rows[0]?.inserted ?? 0;
}

/** Creates the monthly click partitions around today (idempotent; see the init migration). */
export async function ensureClickPartitions(db: Db): Promise<void> {
  await db.$executeRawUnsafe("select leadrail_ensure_click_partitions()");
}
