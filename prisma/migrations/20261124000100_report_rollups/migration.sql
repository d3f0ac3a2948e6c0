-- CreateTable
CREATE TABLE "hourly_click_stats" (
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "publisher_id" INTEGER NOT NULL,
    "clicks" BIGINT NOT NULL DEFAULT 0,
    "unique_clicks" BIGINT NOT NULL DEFAULT 0,
    "bot_clicks" BIGINT NOT NULL DEFAULT 0,
    "rejected_clicks" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "hourly_click_stats_pkey" PRIMARY KEY ("hour","offer_id","publisher_id")
);

-- CreateTable
CREATE TABLE "hourly_click_segments" (
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "publisher_id" INTEGER NOT NULL,
    "country" VARCHAR(2) NOT NULL DEFAULT '',
    "device_type" VARCHAR(8) NOT NULL DEFAULT '',
    "clicks" BIGINT NOT NULL DEFAULT 0,
    "unique_clicks" BIGINT NOT NULL DEFAULT 0,
    "bot_clicks" BIGINT NOT NULL DEFAULT 0,
    "rejected_clicks" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "hourly_click_segments_pkey" PRIMARY KEY ("hour","offer_id","publisher_id","country","device_type")
);

-- CreateIndex
CREATE INDEX "hourly_click_stats_publisher_id_hour_idx" ON "hourly_click_stats"("publisher_id", "hour");

-- CreateIndex
CREATE INDEX "hourly_click_stats_offer_id_hour_idx" ON "hourly_click_stats"("offer_id", "hour");

-- CreateIndex
CREATE INDEX "hourly_click_segments_publisher_id_hour_idx" ON "hourly_click_segments"("publisher_id", "hour");

-- CreateIndex
CREATE INDEX "hourly_click_segments_offer_id_hour_idx" ON "hourly_click_segments"("offer_id", "hour");

-- CreateIndex
-- Reports over every offer scan conversions by time: the columns they aggregate ride along in the
-- index (INCLUDE, which Prisma's schema cannot say), so the scan can be index-only.
CREATE INDEX "conversions_converted_at_idx" ON "conversions"("converted_at")
  INCLUDE ("offer_id", "publisher_id", "status", "currency", "payout", "revenue", "country", "device_type", "click_at");

-- Hours are whole UTC hours, device types the DeviceType enum's names or '' for unknown. No check on
-- country: clicks.country has none, and a refused rollup row would stall the click writer.
ALTER TABLE "hourly_click_stats" ADD CONSTRAINT "hourly_click_stats_check" CHECK (
  "hour" = date_trunc('hour', "hour" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
  AND "clicks" >= 0 AND "unique_clicks" >= 0 AND "bot_clicks" >= 0 AND "rejected_clicks" >= 0
);
ALTER TABLE "hourly_click_segments" ADD CONSTRAINT "hourly_click_segments_check" CHECK (
  "hour" = date_trunc('hour', "hour" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
  AND "device_type" IN ('', 'DESKTOP', 'MOBILE', 'TABLET', 'OTHER')
  AND "clicks" >= 0 AND "unique_clicks" >= 0 AND "bot_clicks" >= 0 AND "rejected_clicks" >= 0
);

-- Existing clicks: the same counting as the click writer's (rows with an offer and a publisher).
-- A writer batch racing this migration fails on the missing tables and is retried after the commit.
INSERT INTO "hourly_click_segments" (hour, offer_id, publisher_id, country, device_type,
  clicks, unique_clicks, bot_clicks, rejected_clicks)
SELECT date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', offer_id, publisher_id,
  coalesce(country, ''), coalesce(device_type::text, ''),
  count(*), count(*) FILTER (WHERE is_unique), count(*) FILTER (WHERE is_bot),
  count(*) FILTER (WHERE status = 'REJECTED')
FROM clicks
WHERE offer_id IS NOT NULL AND publisher_id IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO "hourly_click_stats" (hour, offer_id, publisher_id, clicks, unique_clicks, bot_clicks, rejected_clicks)
SELECT hour, offer_id, publisher_id, sum(clicks), sum(unique_clicks), sum(bot_clicks), sum(rejected_clicks)
FROM "hourly_click_segments"
GROUP BY 1, 2, 3;
