// Runs a validated report: one SQL statement over the hourly click rollup (or raw clicks) and the
// conversions table, grouped by the requested keys and always by currency — money in different
// currencies never adds up.
//
// Where the numbers come from:
// - clicks: hourly_click_stats when every grouping can be cut from it (not SUB1..SUB10) and the time
//   zone's local hours start on UTC hours over the whole range (hourAligned); raw `clicks` otherwise,
//   pruned to the range's partitions by created_at. Both count the same rows (offer and publisher set).
// - conversions: the `conversions` table by converted_at (far fewer rows than clicks), with the
//   median click-to-conversion time over those that have a click.
import { type Db, Prisma } from "@leadrail/db";
import type { ReportGroup, ReportRequest } from "./report-input.ts";
import { hourAligned } from "./time-zone.ts";

export type ReportSource = "ROLLUP" | "RAW";

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

export function reportSource(request: Pick<ReportRequest, "groupBy" | "timeZone" | "start" | "end">) {
  const needsSubs = request.groupBy.some((g) => g.startsWith("SUB"));
  return !needsSubs && hourAligned(request.timeZone, request.start, request.end) ? "ROLLUP" : "RAW";
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

const ROLLUP: Columns = {
  time: raw("h.hour"),
  offer: raw("h.offer_id"),
  publisher: raw("h.publisher_id"),
  country: raw("nullif(h.country, '')"),
  device: raw("nullif(h.device_type, '')"),
  sub: () => raw("NULL::text"),
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

function keyExpression(group: ReportGroup, cols: Columns, timeZone: string): Prisma.Sql {
  switch (group) {
    case "HOUR":
      // The three-argument date_trunc cuts in the zone whatever the session's TimeZone is.
      return Prisma.sql`date_trunc('hour', ${cols.time}, ${timeZone})`;
    case "DAY":
      return Prisma.sql`to_char((${cols.time} AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD')`;
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

export function reportSql(request: ReportRequest, scope: ReportScope, source: ReportSource): Prisma.Sql {
  const groups = request.groupBy;
  const keys = (cols: Columns) =>
    groups.map((g) => Prisma.sql`${keyExpression(g, cols, request.timeZone)} AS ${raw(KEY_ALIAS[g])}`);
  // Positions 1..n are the keys, n + 1 the currency.
  const byPosition = raw(Array.from({ length: groups.length + 1 }, (_, i) => String(i + 1)).join(", "));
  const clickCols = source === "ROLLUP" ? ROLLUP : CLICKS;
  const clickSide =
    source === "ROLLUP"
      ? Prisma.sql`
        SELECT ${Prisma.join(keys(ROLLUP))}, o.currency::text AS currency,
          sum(h.clicks) AS clicks, sum(h.unique_clicks) AS unique_clicks,
          sum(h.bot_clicks) AS bot_clicks, sum(h.rejected_clicks) AS rejected_clicks,
          0 AS conversions, 0 AS pending, 0 AS approved, 0 AS rejected, 0 AS reversed,
          0::bigint AS payout, 0::bigint AS revenue, NULL::float8 AS median
        FROM hourly_click_stats h JOIN offers o ON o.id = h.offer_id
        WHERE ${conditions(request, scope, clickCols)}
        GROUP BY ${byPosition}`
      : Prisma.sql`
        SELECT ${Prisma.join(keys(CLICKS))}, o.currency::text AS currency,
          count(*) AS clicks, count(*) FILTER (WHERE c.is_unique) AS unique_clicks,
          count(*) FILTER (WHERE c.is_bot) AS bot_clicks,
          count(*) FILTER (WHERE c.status = 'REJECTED') AS rejected_clicks,
          0 AS conversions, 0 AS pending, 0 AS approved, 0 AS rejected, 0 AS reversed,
          0::bigint AS payout, 0::bigint AS revenue, NULL::float8 AS median
        FROM clicks c JOIN offers o ON o.id = c.offer_id
        WHERE c.publisher_id IS NOT NULL AND ${conditions(request, scope, clickCols)}
        GROUP BY ${byPosition}`;
  const conversionSide = Prisma.sql`
    SELECT ${Prisma.join(keys(CONVERSIONS))}, v.currency::text AS currency,
      0, 0, 0, 0,
      count(*), count(*) FILTER (WHERE v.status = 'PENDING'), count(*) FILTER (WHERE v.status = 'APPROVED'),
      count(*) FILTER (WHERE v.status = 'REJECTED'), count(*) FILTER (WHERE v.status = 'REVERSED'),
      coalesce(sum(v.payout) FILTER (WHERE v.status = 'APPROVED'), 0)::bigint,
      coalesce(sum(v.revenue) FILTER (WHERE v.status = 'APPROVED'), 0)::bigint,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM v.converted_at - v.click_at))
    FROM conversions v JOIN offers o ON o.id = v.offer_id
    WHERE ${conditions(request, scope, CONVERSIONS)}
    GROUP BY ${byPosition}`;
  const outerKeys = groups.map((g) => raw(KEY_ALIAS[g]));
  const select = [...outerKeys, raw("currency")];
  return Prisma.sql`
    SELECT ${Prisma.join(select)},
      sum(clicks)::bigint AS "clicks", sum(unique_clicks)::bigint AS "uniqueClicks",
      sum(bot_clicks)::bigint AS "botClicks", sum(rejected_clicks)::bigint AS "rejectedClicks",
      sum(conversions)::bigint AS "conversions", sum(pending)::bigint AS "pendingConversions",
      sum(approved)::bigint AS "approvedConversions", sum(rejected)::bigint AS "rejectedConversions",
      sum(reversed)::bigint AS "reversedConversions",
      sum(payout)::bigint AS "payout", sum(revenue)::bigint AS "revenue",
      max(median) AS "medianClickToConversionSeconds"
    FROM (${clickSide} UNION ALL ${conversionSide}) AS sides
    GROUP BY ${Prisma.join(select)}
    ORDER BY ${Prisma.join(select)}
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
): Promise<{ source: ReportSource; rows: RawReportRow[]; truncated: boolean }> {
  const source = reportSource(request);
  const rows = await db.$queryRaw<Row[]>(reportSql(request, scope, source));
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
