// Runs a validated report: one SQL statement over the hourly click rollup (or raw clicks) and the
// conversions table, grouped by the requested keys and always by currency — money in different
// currencies never adds up.
//
// Where the numbers come from:
// - clicks: an hourly rollup when the time zone's local hours start on UTC hours over the whole range
//   (hourAligned) and no SUB1..SUB10 grouping is asked for — hourly_click_stats (hour × offer ×
//   publisher), or hourly_click_segments when country or device is grouped or filtered on; raw `clicks`
//   otherwise, pruned to the range's partitions by created_at. All count the same rows (offer and
//   publisher set).
// - time: clicks are grouped by hour first (the rollup's own column, or a raw row's local hour),
//   then those few hours become local days, so the zone conversion runs per hour, not per row.
// - conversions: the `conversions` table by converted_at (far fewer rows than clicks; a covering
//   index), and, only when asked for, the median click-to-conversion time over those with a click.
import { type Db, Prisma } from "@leadrail/db";
import type { ReportGroup, ReportRequest } from "./report-input.ts";
import { hourAligned } from "./time-zone.ts";

export type ReportSource = "HOURLY" | "SEGMENTS" | "RAW";

/** Whose rows: a publisher's own, an advertiser's offers', or everything (admin, finance). */
export type ReportScope = { publisherId: number } | { advertiserId: number } | "all";

/** More rows than this is a question nobody reads the answer to: narrow the range or the grouping. */
export const MAX_REPORT_ROWS = 10_000;

export interface RawReportRow {
  hour: Date | null;
  day: string | null;
  offerId: number | null;
  publisherId: number | null;
  advertiserId: number | null;
  country: string | null;
  deviceType: string | null;
  subs: (string | null)[];
  currency: string;
  clicks: bigint;
  uniqueClicks: bigint;
  botClicks: bigint;
  rejectedClicks: bigint;
  conversions: bigint;
  pendingConversions: bigint;
  approvedConversions: bigint;
  rejectedConversions: bigint;
  reversedConversions: bigint;
  payout: bigint;
  revenue: bigint;
  medianClickToConversionSeconds: number | null;
}

export function reportSource(
  request: Pick<ReportRequest, "groupBy" | "timeZone" | "start" | "end" | "filter">,
): ReportSource {
  const needsSubs = request.groupBy.some((g) => g.startsWith("SUB"));
  if (needsSubs || !hourAligned(request.timeZone, request.start, request.end)) return "RAW";
  const segments =
    request.groupBy.includes("COUNTRY") ||
    request.groupBy.includes("DEVICE") ||
    request.filter.countries !== null ||
    request.filter.deviceTypes !== null;
  return segments ? "SEGMENTS" : "HOURLY";
}

interface Columns {
  time: Prisma.Sql;
  offer: Prisma.Sql;
  publisher: Prisma.Sql;
  country: Prisma.Sql;
  device: Prisma.Sql;
  sub: (n: number) => Prisma.Sql;
}

const raw = Prisma.raw;

const HOURLY: Columns = {
  time: raw("h.hour"),
  offer: raw("h.offer_id"),
  publisher: raw("h.publisher_id"),
  country: raw("NULL::text"),
  device: raw("NULL::text"),
  sub: () => raw("NULL::text"),
};
const SEGMENTS: Columns = {
  ...HOURLY,
  country: raw("nullif(h.country, '')"),
  device: raw("nullif(h.device_type, '')"),
};
const CLICKS: Columns = {
  time: raw("c.created_at"),
  offer: raw("c.offer_id"),
  publisher: raw("c.publisher_id"),
  country: raw("c.country::text"),
  device: raw("c.device_type::text"),
  sub: (n) => raw(`c.sub${n}`),
};
const CONVERSIONS: Columns = {
  time: raw("v.converted_at"),
  offer: raw("v.offer_id"),
  publisher: raw("v.publisher_id"),
  country: raw("v.country::text"),
  device: raw("v.device_type::text"),
  sub: (n) => raw(`v.subs->>'sub${n}'`),
};

/** Inner (per-side) key of a non-time grouping. */
function keyExpression(group: ReportGroup, cols: Columns): Prisma.Sql {
  switch (group) {
    case "OFFER":
      return cols.offer;
    case "PUBLISHER":
      return cols.publisher;
    case "ADVERTISER":
      return raw("o.advertiser_id");
    case "COUNTRY":
      return cols.country;
    case "DEVICE":
      return cols.device;
    default:
      return cols.sub(Number(group.slice(3)));
  }
}

const KEY_ALIAS: Record<ReportGroup, string> = {
  HOUR: "k_hour",
  DAY: "k_day",
  OFFER: "k_offer",
  PUBLISHER: "k_publisher",
  ADVERTISER: "k_advertiser",
  COUNTRY: "k_country",
  DEVICE: "k_device",
  SUB1: "k_sub1",
  SUB2: "k_sub2",
  SUB3: "k_sub3",
  SUB4: "k_sub4",
  SUB5: "k_sub5",
  SUB6: "k_sub6",
  SUB7: "k_sub7",
  SUB8: "k_sub8",
  SUB9: "k_sub9",
  SUB10: "k_sub10",
};

function conditions(request: ReportRequest, scope: ReportScope, cols: Columns): Prisma.Sql {
  const parts: Prisma.Sql[] = [
    Prisma.sql`${cols.time} >= ${request.start}`,
    Prisma.sql`${cols.time} < ${request.end}`,
  ];
  if (scope !== "all" && "publisherId" in scope)
    parts.push(Prisma.sql`${cols.publisher} = ${scope.publisherId}`);
  if (scope !== "all" && "advertiserId" in scope)
    parts.push(Prisma.sql`o.advertiser_id = ${scope.advertiserId}`);
  const f = request.filter;
  if (f.offerIds) parts.push(Prisma.sql`${cols.offer} IN (${Prisma.join(f.offerIds)})`);
  if (f.publisherIds) parts.push(Prisma.sql`${cols.publisher} IN (${Prisma.join(f.publisherIds)})`);
  if (f.advertiserIds) parts.push(Prisma.sql`o.advertiser_id IN (${Prisma.join(f.advertiserIds)})`);
  if (f.countries) parts.push(Prisma.sql`${cols.country} IN (${Prisma.join(f.countries)})`);
  if (f.deviceTypes) parts.push(Prisma.sql`${cols.device} IN (${Prisma.join(f.deviceTypes)})`);
  return Prisma.join(parts, " AND ");
}

export interface ReportOptions {
  /** The median needs every conversion of a group sorted: computed only when asked for. */
  median: boolean;
}

export function reportSql(
  request: ReportRequest,
  scope: ReportScope,
  source: ReportSource,
  options: ReportOptions = { median: true },
): Prisma.Sql {
  const tz = request.timeZone;
  const groups = request.groupBy;
  const timed = groups.includes("HOUR") || groups.includes("DAY");
  const plain = groups.filter((g) => g !== "HOUR" && g !== "DAY");
  const positions = (n: number) => raw(Array.from({ length: n }, (_, i) => String(i + 1)).join(", "));
  // The final keys, from a time expression `at` (a row's time, or an hour that stands for its rows).
  // Three-argument date_trunc cuts in the zone whatever the session's TimeZone is.
  const finalKeys = (at: Prisma.Sql, plainKey: (g: ReportGroup) => Prisma.Sql) =>
    groups.map((g) => {
      if (g === "HOUR") return Prisma.sql`date_trunc('hour', ${at}, ${tz}) AS k_hour`;
      if (g === "DAY") return Prisma.sql`to_char((${at} AT TIME ZONE ${tz})::date, 'YYYY-MM-DD') AS k_day`;
      return Prisma.sql`${plainKey(g)} AS ${raw(KEY_ALIAS[g])}`;
    });
  const finalCount = groups.length + 1;

  // Clicks: grouped by hour first (the rollup's stored hour, or a raw row's local hour), then the
  // few hours become local days, so the zone conversion runs per hour, not per row. Only aligned
  // zones reach the rollups, so a stored UTC hour is a local hour there.
  const clickCols = source === "HOURLY" ? HOURLY : source === "SEGMENTS" ? SEGMENTS : CLICKS;
  const rollup = source !== "RAW";
  const hour = rollup ? raw("h.hour") : Prisma.sql`date_trunc('hour', c.created_at, ${tz})`;
  const innerKeys = [
    ...(timed ? [Prisma.sql`${hour} AS t`] : []),
    ...plain.map((g) => Prisma.sql`${keyExpression(g, clickCols)} AS ${raw(KEY_ALIAS[g])}`),
  ];
  const innerCount = (timed ? 1 : 0) + plain.length + 1;
  const from = rollup
    ? Prisma.sql`${raw(source === "HOURLY" ? "hourly_click_stats" : "hourly_click_segments")} h
        JOIN offers o ON o.id = h.offer_id WHERE ${conditions(request, scope, clickCols)}`
    : Prisma.sql`clicks c JOIN offers o ON o.id = c.offer_id
        WHERE c.publisher_id IS NOT NULL AND ${conditions(request, scope, CLICKS)}`;
  const counts = rollup
    ? raw(`sum(h.clicks) AS clicks, sum(h.unique_clicks) AS unique_clicks,
        sum(h.bot_clicks) AS bot_clicks, sum(h.rejected_clicks) AS rejected_clicks`)
    : raw(`count(*) AS clicks, count(*) FILTER (WHERE c.is_unique) AS unique_clicks,
        count(*) FILTER (WHERE c.is_bot) AS bot_clicks,
        count(*) FILTER (WHERE c.status = 'REJECTED') AS rejected_clicks`);
  const byHour = Prisma.sql`
    SELECT ${Prisma.join(innerKeys)}, o.currency::text AS currency, ${counts}
    FROM ${from}
    GROUP BY ${positions(innerCount)}`;
  const clickSide = Prisma.sql`
    SELECT ${Prisma.join(finalKeys(raw("t"), (g) => raw(KEY_ALIAS[g])))}, currency,
      sum(clicks) AS clicks, sum(unique_clicks) AS unique_clicks, sum(bot_clicks) AS bot_clicks,
      sum(rejected_clicks) AS rejected_clicks,
      0 AS conversions, 0 AS pending, 0 AS approved, 0 AS rejected, 0 AS reversed,
      0::bigint AS payout, 0::bigint AS revenue, NULL::float8 AS median
    FROM (${byHour}) AS by_hour
    GROUP BY ${positions(finalCount)}`;

  // Conversions: far fewer rows. With the median, grouped by the final keys directly (the median
  // needs its whole group); without it, by hour first like the clicks (hash aggregation, no sort).
  const conversionCounts =
    raw(`count(*) AS conversions, count(*) FILTER (WHERE v.status = 'PENDING') AS pending,
      count(*) FILTER (WHERE v.status = 'APPROVED') AS approved,
      count(*) FILTER (WHERE v.status = 'REJECTED') AS rejected,
      count(*) FILTER (WHERE v.status = 'REVERSED') AS reversed,
      coalesce(sum(v.payout) FILTER (WHERE v.status = 'APPROVED'), 0)::bigint AS payout,
      coalesce(sum(v.revenue) FILTER (WHERE v.status = 'APPROVED'), 0)::bigint AS revenue`);
  const conversionFrom = Prisma.sql`conversions v JOIN offers o ON o.id = v.offer_id
    WHERE ${conditions(request, scope, CONVERSIONS)}`;
  const conversionKeysByHour = [
    ...(timed ? [Prisma.sql`date_trunc('hour', v.converted_at, ${tz}) AS t`] : []),
    ...plain.map((g) => Prisma.sql`${keyExpression(g, CONVERSIONS)} AS ${raw(KEY_ALIAS[g])}`),
  ];
  const conversionSide = options.median
    ? Prisma.sql`
      SELECT ${Prisma.join(finalKeys(raw("v.converted_at"), (g) => keyExpression(g, CONVERSIONS)))},
        v.currency::text AS currency, 0, 0, 0, 0, ${conversionCounts},
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM v.converted_at - v.click_at))
      FROM ${conversionFrom}
      GROUP BY ${positions(finalCount)}`
    : Prisma.sql`
      SELECT ${Prisma.join(finalKeys(raw("t"), (g) => raw(KEY_ALIAS[g])))}, currency, 0, 0, 0, 0,
        sum(conversions), sum(pending), sum(approved), sum(rejected), sum(reversed), sum(payout), sum(revenue),
        NULL::float8
      FROM (
        SELECT ${Prisma.join(conversionKeysByHour)}, v.currency::text AS currency, ${conversionCounts}
        FROM ${conversionFrom}
        GROUP BY ${positions(innerCount)}
      ) AS conversions_by_hour
      GROUP BY ${positions(finalCount)}`;

  const outer = [...groups.map((g) => raw(KEY_ALIAS[g])), raw("currency")];
  return Prisma.sql`
    SELECT ${Prisma.join(outer)},
      sum(clicks)::bigint AS "clicks", sum(unique_clicks)::bigint AS "uniqueClicks",
      sum(bot_clicks)::bigint AS "botClicks", sum(rejected_clicks)::bigint AS "rejectedClicks",
      sum(conversions)::bigint AS "conversions", sum(pending)::bigint AS "pendingConversions",
      sum(approved)::bigint AS "approvedConversions", sum(rejected)::bigint AS "rejectedConversions",
      sum(reversed)::bigint AS "reversedConversions",
      sum(payout)::bigint AS "payout", sum(revenue)::bigint AS "revenue",
      max(median) AS "medianClickToConversionSeconds"
    FROM (${clickSide} UNION ALL ${conversionSide}) AS sides
    GROUP BY ${positions(finalCount)}
    ORDER BY ${positions(finalCount)}
    LIMIT ${MAX_REPORT_ROWS + 1}`;
}

type Row = Omit<
  RawReportRow,
  "hour" | "day" | "offerId" | "publisherId" | "advertiserId" | "country" | "deviceType" | "subs"
> &
  Record<string, unknown>;

export async function runReport(
  db: Db,
  request: ReportRequest,
  scope: ReportScope,
  options: ReportOptions = { median: true },
): Promise<{ source: ReportSource; rows: RawReportRow[]; truncated: boolean }> {
  const source = reportSource(request);
  const rows = await db.$queryRaw<Row[]>(reportSql(request, scope, source, options));
  const key = <T>(row: Row, group: ReportGroup): T | null => (row[KEY_ALIAS[group]] as T | undefined) ?? null;
  return {
    source,
    truncated: rows.length > MAX_REPORT_ROWS,
    rows: rows.slice(0, MAX_REPORT_ROWS).map((row) => ({
      hour: key<Date>(row, "HOUR"),
      day: key<string>(row, "DAY"),
      offerId: key<number>(row, "OFFER"),
      publisherId: key<number>(row, "PUBLISHER"),
      advertiserId: key<number>(row, "ADVERTISER"),
      country: key<string>(row, "COUNTRY"),
      deviceType: key<string>(row, "DEVICE"),
      subs: Array.from({ length: 10 }, (_, i) => key<string>(row, `SUB${i + 1}` as ReportGroup)),
      currency: row.currency,
      clicks: row.clicks,
      uniqueClicks: row.uniqueClicks,
      botClicks: row.botClicks,
      rejectedClicks: row.rejectedClicks,
      conversions: row.conversions,
      pendingConversions: row.pendingConversions,
      approvedConversions: row.approvedConversions,
      rejectedConversions: row.rejectedConversions,
      reversedConversions: row.reversedConversions,
      payout: row.payout,
      revenue: row.revenue,
      medianClickToConversionSeconds: row.medianClickToConversionSeconds,
    })),
  };
}
