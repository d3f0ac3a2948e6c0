-- CreateTable
CREATE TABLE "hourly_offer_clicks" (
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "clicks" BIGINT NOT NULL DEFAULT 0,
    "unique_clicks" BIGINT NOT NULL DEFAULT 0,
    "bot_clicks" BIGINT NOT NULL DEFAULT 0,
    "rejected_clicks" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "hourly_offer_clicks_pkey" PRIMARY KEY ("hour","offer_id")
);

-- CreateTable
CREATE TABLE "daily_click_segments" (
    "day" DATE NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "country" VARCHAR(2) NOT NULL DEFAULT '',
    "device_type" VARCHAR(8) NOT NULL DEFAULT '',
    "clicks" BIGINT NOT NULL DEFAULT 0,
    "unique_clicks" BIGINT NOT NULL DEFAULT 0,
    "bot_clicks" BIGINT NOT NULL DEFAULT 0,
    "rejected_clicks" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "daily_click_segments_pkey" PRIMARY KEY ("day","offer_id","country","device_type")
);

-- CreateTable
CREATE TABLE "hourly_offer_conversions" (
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "conversions" BIGINT NOT NULL DEFAULT 0,
    "pending_conversions" BIGINT NOT NULL DEFAULT 0,
    "approved_conversions" BIGINT NOT NULL DEFAULT 0,
    "rejected_conversions" BIGINT NOT NULL DEFAULT 0,
    "reversed_conversions" BIGINT NOT NULL DEFAULT 0,
    "payout" BIGINT NOT NULL DEFAULT 0,
    "revenue" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "hourly_offer_conversions_pkey" PRIMARY KEY ("hour","offer_id","currency")
);

-- CreateTable
CREATE TABLE "daily_conversion_segments" (
    "day" DATE NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "country" VARCHAR(2) NOT NULL DEFAULT '',
    "device_type" VARCHAR(8) NOT NULL DEFAULT '',
    "conversions" BIGINT NOT NULL DEFAULT 0,
    "pending_conversions" BIGINT NOT NULL DEFAULT 0,
    "approved_conversions" BIGINT NOT NULL DEFAULT 0,
    "rejected_conversions" BIGINT NOT NULL DEFAULT 0,
    "reversed_conversions" BIGINT NOT NULL DEFAULT 0,
    "payout" BIGINT NOT NULL DEFAULT 0,
    "revenue" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "daily_conversion_segments_pkey" PRIMARY KEY ("day","offer_id","currency","country","device_type")
);

-- As for the hourly rollups: whole UTC hours, device types the DeviceType enum's names or ''.
ALTER TABLE "hourly_offer_clicks" ADD CONSTRAINT "hourly_offer_clicks_check" CHECK (
  "hour" = date_trunc('hour', "hour" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
  AND "clicks" >= 0 AND "unique_clicks" >= 0 AND "bot_clicks" >= 0 AND "rejected_clicks" >= 0
);
ALTER TABLE "daily_click_segments" ADD CONSTRAINT "daily_click_segments_check" CHECK (
  "device_type" IN ('', 'DESKTOP', 'MOBILE', 'TABLET', 'OTHER')
  AND "clicks" >= 0 AND "unique_clicks" >= 0 AND "bot_clicks" >= 0 AND "rejected_clicks" >= 0
);
-- No non-negative checks on the conversion rollups: a refused rollup row would fail the postback or
-- status change that caused it, and a report number is not worth losing a lead over.
ALTER TABLE "hourly_offer_conversions" ADD CONSTRAINT "hourly_offer_conversions_check" CHECK (
  "hour" = date_trunc('hour', "hour" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
);
ALTER TABLE "daily_conversion_segments" ADD CONSTRAINT "daily_conversion_segments_check" CHECK (
  "device_type" IN ('', 'DESKTOP', 'MOBILE', 'TABLET', 'OTHER')
);

-- The conversion rollups follow every write to `conversions`, whoever makes it: the tracker inserts
-- (postbacks, pixels, lead forms) and updates, the API's status moves (confirm, reject, bulk, return,
-- reverse, overturn), erasure, the seed, tests. Statement-level with transition tables: a bulk update
-- of many conversions is one aggregated upsert per grain, its rows locked in key order (ORDER BY, the
-- same order for every writer), so concurrent writers wait for each other instead of deadlocking.
-- Old rows count -1, new rows +1; an update that changes no counted column nets to zero and writes
-- nothing (HAVING), so it takes no rollup lock either.
-- One function for the three triggers (PostgreSQL allows transition tables only on single-event
-- triggers): the rows to count depend on the event, so the statement is built per call (EXECUTE sees
-- the transition tables too).
CREATE FUNCTION leadrail_roll_up_conversions() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  cols CONSTANT text := 'converted_at, offer_id, currency, country, device_type, status, payout, revenue';
  changes text;
BEGIN
  changes := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %s, 1 AS sign FROM new_rows', cols)
    WHEN 'DELETE' THEN format('SELECT %s, -1 AS sign FROM old_rows', cols)
    ELSE format('SELECT %s, 1 AS sign FROM new_rows UNION ALL SELECT %s, -1 FROM old_rows', cols, cols)
  END;
  EXECUTE format($sql$
  WITH counted AS (
    SELECT converted_at, offer_id, currency, coalesce(country, '') AS country,
      coalesce(device_type::text, '') AS device_type, sign,
      (status = 'PENDING')::int * sign AS pending, (status = 'APPROVED')::int * sign AS approved,
      (status = 'REJECTED')::int * sign AS rejected, (status = 'REVERSED')::int * sign AS reversed,
      CASE WHEN status = 'APPROVED' THEN payout * sign ELSE 0 END AS payout,
      CASE WHEN status = 'APPROVED' THEN revenue * sign ELSE 0 END AS revenue
    FROM (%s) AS changes
  ), hourly AS (
    INSERT INTO hourly_offer_conversions AS r (hour, offer_id, currency, conversions, pending_conversions,
      approved_conversions, rejected_conversions, reversed_conversions, payout, revenue)
    SELECT date_trunc('hour', converted_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', offer_id, currency,
      sum(sign), sum(pending), sum(approved), sum(rejected), sum(reversed), sum(payout), sum(revenue)
    FROM counted
    GROUP BY 1, 2, 3
    HAVING sum(sign) <> 0 OR sum(pending) <> 0 OR sum(approved) <> 0 OR sum(rejected) <> 0
      OR sum(reversed) <> 0 OR sum(payout) <> 0 OR sum(revenue) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT (hour, offer_id, currency) DO UPDATE SET
      conversions = r.conversions + excluded.conversions,
      pending_conversions = r.pending_conversions + excluded.pending_conversions,
      approved_conversions = r.approved_conversions + excluded.approved_conversions,
      rejected_conversions = r.rejected_conversions + excluded.rejected_conversions,
      reversed_conversions = r.reversed_conversions + excluded.reversed_conversions,
      payout = r.payout + excluded.payout,
      revenue = r.revenue + excluded.revenue
  )
  INSERT INTO daily_conversion_segments AS r (day, offer_id, currency, country, device_type, conversions,
    pending_conversions, approved_conversions, rejected_conversions, reversed_conversions, payout, revenue)
  SELECT (converted_at AT TIME ZONE 'UTC')::date, offer_id, currency, country, device_type,
    sum(sign), sum(pending), sum(approved), sum(rejected), sum(reversed), sum(payout), sum(revenue)
  FROM counted
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(sign) <> 0 OR sum(pending) <> 0 OR sum(approved) <> 0 OR sum(rejected) <> 0
    OR sum(reversed) <> 0 OR sum(payout) <> 0 OR sum(revenue) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, offer_id, currency, country, device_type) DO UPDATE SET
    conversions = r.conversions + excluded.conversions,
    pending_conversions = r.pending_conversions + excluded.pending_conversions,
    approved_conversions = r.approved_conversions + excluded.approved_conversions,
    rejected_conversions = r.rejected_conversions + excluded.rejected_conversions,
    reversed_conversions = r.reversed_conversions + excluded.reversed_conversions,
    payout = r.payout + excluded.payout,
    revenue = r.revenue + excluded.revenue
  $sql$, changes);
  RETURN NULL;
END
$fn$;

-- Created before the backfill: CREATE TRIGGER locks `conversions` against writes until this
-- migration commits, so no conversion is counted twice or missed between the two.
CREATE TRIGGER "conversions_roll_up_insert" AFTER INSERT ON "conversions"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION leadrail_roll_up_conversions();
CREATE TRIGGER "conversions_roll_up_update" AFTER UPDATE ON "conversions"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION leadrail_roll_up_conversions();
CREATE TRIGGER "conversions_roll_up_delete" AFTER DELETE ON "conversions"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION leadrail_roll_up_conversions();

-- Existing conversions, counted as the trigger counts them.
INSERT INTO "hourly_offer_conversions" (hour, offer_id, currency, conversions, pending_conversions,
  approved_conversions, rejected_conversions, reversed_conversions, payout, revenue)
SELECT date_trunc('hour', converted_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', offer_id, currency,
  count(*), count(*) FILTER (WHERE status = 'PENDING'), count(*) FILTER (WHERE status = 'APPROVED'),
  count(*) FILTER (WHERE status = 'REJECTED'), count(*) FILTER (WHERE status = 'REVERSED'),
  coalesce(sum(payout) FILTER (WHERE status = 'APPROVED'), 0),
  coalesce(sum(revenue) FILTER (WHERE status = 'APPROVED'), 0)
FROM conversions
GROUP BY 1, 2, 3;

INSERT INTO "daily_conversion_segments" (day, offer_id, currency, country, device_type, conversions,
  pending_conversions, approved_conversions, rejected_conversions, reversed_conversions, payout, revenue)
SELECT (converted_at AT TIME ZONE 'UTC')::date, offer_id, currency, coalesce(country, ''),
  coalesce(device_type::text, ''),
  count(*), count(*) FILTER (WHERE status = 'PENDING'), count(*) FILTER (WHERE status = 'APPROVED'),
  count(*) FILTER (WHERE status = 'REJECTED'), count(*) FILTER (WHERE status = 'REVERSED'),
  coalesce(sum(payout) FILTER (WHERE status = 'APPROVED'), 0),
  coalesce(sum(revenue) FILTER (WHERE status = 'APPROVED'), 0)
FROM conversions
GROUP BY 1, 2, 3, 4, 5;

-- Existing clicks: the coarser grains are sums of the hourly rollups (same counting). Click writers
-- must run this release's code from here on: an older writer would keep filling only the old grains.
INSERT INTO "hourly_offer_clicks" (hour, offer_id, clicks, unique_clicks, bot_clicks, rejected_clicks)
SELECT hour, offer_id, sum(clicks), sum(unique_clicks), sum(bot_clicks), sum(rejected_clicks)
FROM "hourly_click_stats"
GROUP BY 1, 2;

INSERT INTO "daily_click_segments" (day, offer_id, country, device_type,
  clicks, unique_clicks, bot_clicks, rejected_clicks)
SELECT (hour AT TIME ZONE 'UTC')::date, offer_id, country, device_type,
  sum(clicks), sum(unique_clicks), sum(bot_clicks), sum(rejected_clicks)
FROM "hourly_click_segments"
GROUP BY 1, 2, 3, 4;
