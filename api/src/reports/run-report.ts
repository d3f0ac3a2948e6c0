// Runs a validated report: one SQL statement over the smallest rollup that answers it (or raw rows),
// grouped by the requested keys and always by currency — money in different currencies never adds up.
//
// Where the numbers come from (reportSource in choose-rollup.ts picks the grain):
// - clicks: daily_click_segments or hourly_offer_clicks when the report neither groups nor filters by
//   publisher (nor is a publisher's own); hourly_click_stats / hourly_click_segments otherwise; raw
//   `clicks` (pruned to the range's partitions) for SUB groupings and zones whose local hours do not
//   start on UTC hours. All count the same rows (offer and publisher set). Clicks take their offer's
//   current currency (a join with the few offers).
// - conversions: the conversion rollup of the same grain (daily_conversion_segments,
//   hourly_offer_conversions: kept by a trigger) when there is one, else the `conversions` table by
//   converted_at (far fewer rows than clicks; a covering index). The median click-to-conversion time,
//   only when asked for, always reads conversion rows: a median cannot be added up from parts.
// - time: rows are grouped by their stored hour or day (or a raw row's local hour) first, then those
//   few hours become local days, so the zone conversion runs per hour, not per row.
// - zones whose days do not start on UTC hours (Asia/Kolkata): the hourly grains answer every UTC hour
//   that lies in one local day; the few edge hours a local midnight (or the range's start or end)
//   falls inside are read from raw clicks and conversions, cut per row at the boundary (edgeHours).
import { type Db, Prisma } from "@leadrail/db";
import { hasConversionRollup, type ReportScope, type ReportSource, reportSource } from "./choose-rollup.ts";
import type { ReportGroup, ReportRequest } from "./report-input.ts";
import { ceilHour, edgeHours, floorHour, hourAligned } from "./time-zone.ts";

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

/** How one table (alias h, c, w or v) spells the report's keys and its time range. */
interface Columns {
  table: string;
  /** The FROM clause when it is more than `table` (raw rows of the edge hours only). */
  from?: Prisma.Sql;
  /** A timestamptz that stands for the row's time (a stored hour or day, or the row's own). */
  time: Prisma.Sql;
  /** A rollup row's stored UTC hour or day; null for raw rows (each has its own time). */
  bucket: "hour" | "day" | null;
  /** Rows that count at all (raw clicks: attributed to a publisher, as the rollups count them). */
  counted: Prisma.Sql | null;
  range: (request: ReportRequest) => Prisma.Sql;
  offer: Prisma.Sql;
  publisher: Prisma.Sql | null;
  country: Prisma.Sql;
  device: Prisma.Sql;
  sub: (n: number) => Prisma.Sql;
}

const raw = Prisma.raw;
const NO_SUB = () => raw("NULL::text");

const instantRange = (column: string) => (request: ReportRequest) =>
  Prisma.sql`${raw(column)} >= ${request.start} AND ${raw(column)} < ${request.end}`;
// Daily grains are only chosen for ranges of whole UTC days: compare dates, not instants, so the
// session's TimeZone never enters a date/timestamptz comparison.
const dayRange = (column: string) => (request: ReportRequest) =>
  Prisma.sql`${raw(column)} >= ${utcDate(request.start)}::date AND ${raw(column)} < ${utcDate(request.end)}::date`;
const utcDate = (at: Date) => at.toISOString().slice(0, 10);

const CLICK_COLUMNS: Record<ReportSource, Columns> = {
  DAILY_SEGMENTS: {
    table: "daily_click_segments h",
    bucket: "day",
    counted: null,
    time: raw("(h.day::timestamp AT TIME ZONE 'UTC')"),
    range: dayRange("h.day"),
    offer: raw("h.offer_id"),
    publisher: null,
    country: raw("nullif(h.country, '')"),
    device: raw("nullif(h.device_type, '')"),
    sub: NO_SUB,
  },
  HOURLY_OFFERS: {
    table: "hourly_offer_clicks h",
    bucket: "hour",
    counted: null,
    time: raw("h.hour"),
    range: instantRange("h.hour"),
    offer: raw("h.offer_id"),
    publisher: null,
    country: raw("NULL::text"),
    device: raw("NULL::text"),
    sub: NO_SUB,
  },
  HOURLY: {
    table: "hourly_click_stats h",
    bucket: "hour",
    counted: null,
    time: raw("h.hour"),
    range: instantRange("h.hour"),
    offer: raw("h.offer_id"),
    publisher: raw("h.publisher_id"),
    country: raw("NULL::text"),
    device: raw("NULL::text"),
    sub: NO_SUB,
  },
  SEGMENTS: {
    table: "hourly_click_segments h",
    bucket: "hour",
    counted: null,
    time: raw("h.hour"),
    range: instantRange("h.hour"),
    offer: raw("h.offer_id"),
    publisher: raw("h.publisher_id"),
    country: raw("nullif(h.country, '')"),
    device: raw("nullif(h.device_type, '')"),
    sub: NO_SUB,
  },
  RAW: {
    table: "clicks c",
    bucket: null,
    counted: raw("c.publisher_id IS NOT NULL"),
    time: raw("c.created_at"),
    range: instantRange("c.created_at"),
    offer: raw("c.offer_id"),
    publisher: raw("c.publisher_id"),
    country: raw("c.country::text"),
    device: raw("c.device_type::text"),
    sub: (n) => raw(`c.sub${n}`),
  },
};

const CONVERSION_ROWS: Columns = {
  table: "conversions v",
  bucket: null,
  counted: null,
  time: raw("v.converted_at"),
  range: instantRange("v.converted_at"),
  offer: raw("v.offer_id"),
  publisher: raw("v.publisher_id"),
  country: raw("v.country::text"),
  device: raw("v.device_type::text"),
  sub: (n) => raw(`v.subs->>'sub${n}'`),
};

/** The conversion rollups, by the click source whose grain they share. */
const CONVERSION_ROLLUPS: Partial<Record<ReportSource, Columns>> = {
  DAILY_SEGMENTS: { ...CLICK_COLUMNS.DAILY_SEGMENTS, table: "daily_conversion_segments h" },
  HOURLY_OFFERS: { ...CLICK_COLUMNS.HOURLY_OFFERS, table: "hourly_offer_conversions h" },
};

function publisherOf(cols: Columns): Prisma.Sql {
  // reportSource never picks a grain without publisher for a report that needs one; failing loudly
  // beats answering with the wrong rows if that rule and this table ever disagree.
  if (!cols.publisher) throw new Error(`${cols.table} has no publisher column`);
  return cols.publisher;
}

/** Inner (per-side) key of a non-time grouping. */
function keyExpression(group: ReportGroup, cols: Columns): Prisma.Sql {
  switch (group) {
    case "OFFER":
      return cols.offer;
    case "PUBLISHER":
      return publisherOf(cols);
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
  const parts: Prisma.Sql[] = [...(cols.counted ? [cols.counted] : []), cols.range(request)];
  if (scope !== "all" && "publisherId" in scope)
    parts.push(Prisma.sql`${publisherOf(cols)} = ${scope.publisherId}`);
  if (scope !== "all" && "advertiserId" in scope)
    parts.push(Prisma.sql`o.advertiser_id = ${scope.advertiserId}`);
  const f = request.filter;
  if (f.offerIds) parts.push(Prisma.sql`${cols.offer} IN (${Prisma.join(f.offerIds)})`);
  if (f.publisherIds) parts.push(Prisma.sql`${publisherOf(cols)} IN (${Prisma.join(f.publisherIds)})`);
  if (f.advertiserIds) parts.push(Prisma.sql`o.advertiser_id IN (${Prisma.join(f.advertiserIds)})`);
  if (f.countries) parts.push(Prisma.sql`${cols.country} IN (${Prisma.join(f.countries)})`);
  if (f.deviceTypes) parts.push(Prisma.sql`${cols.device} IN (${Prisma.join(f.deviceTypes)})`);
  return Prisma.join(parts, " AND ");
}

export interface ReportOptions {
  /** The median needs every conversion of a group sorted: computed only when asked for. */
  median: boolean;
}

const COUNTED_CLICKS = raw(`count(*) AS clicks, count(*) FILTER (WHERE c.is_unique) AS unique_clicks,
  count(*) FILTER (WHERE c.is_bot) AS bot_clicks, count(*) FILTER (WHERE c.status = 'REJECTED') AS rejected_clicks`);
const COUNTED_CONVERSIONS =
  raw(`count(*) AS conversions, count(*) FILTER (WHERE v.status = 'PENDING') AS pending,
  count(*) FILTER (WHERE v.status = 'APPROVED') AS approved,
  count(*) FILTER (WHERE v.status = 'REJECTED') AS rejected,
  count(*) FILTER (WHERE v.status = 'REVERSED') AS reversed,
  coalesce(sum(v.payout) FILTER (WHERE v.status = 'APPROVED'), 0)::bigint AS payout,
  coalesce(sum(v.revenue) FILTER (WHERE v.status = 'APPROVED'), 0)::bigint AS revenue`);

export function reportSql(
  request: ReportRequest,
  scope: ReportScope,
  source: ReportSource,
  options: ReportOptions = { median: true },
): Prisma.Sql {
  const tz = request.timeZone;
  const groups = request.groupBy;
  // Hourly grains in a zone whose days (or the range's ends) cut UTC hours: the rollup reads the whole
  // hours around the range minus the edge hours; raw rows answer those (see edgeHours).
  const edges =
    source !== "RAW" && source !== "DAILY_SEGMENTS" && !hourAligned(tz, request.start, request.end)
      ? edgeHours(tz, request.start, request.end, groups.includes("DAY")).map((at) => at.toISOString())
      : [];
  const rollupRequest: ReportRequest = edges.length
    ? {
        ...request,
        start: new Date(floorHour(request.start.getTime())),
        end: new Date(ceilHour(request.end.getTime())),
      }
    : request;
  const notEdge = edges.length ? Prisma.sql` AND h.hour <> ALL(${edges}::timestamptz[])` : Prisma.empty;
  const edgeRows = (table: string, time: string, index: Prisma.Sql) =>
    Prisma.sql`unnest(${edges}::timestamptz[]) AS e(hour)
      JOIN ${raw(table)} ON ${index} ${raw(time)} >= e.hour AND ${raw(time)} < e.hour + interval '1 hour'`;
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
  const innerCount = (timed ? 1 : 0) + plain.length + 1;
  const byAlias = (g: ReportGroup) => raw(KEY_ALIAS[g]);
  const needsAdvertiser =
    groups.includes("ADVERTISER") ||
    request.filter.advertiserIds !== null ||
    (scope !== "all" && "advertiserId" in scope);

  // Every UTC hour (or day) of the range with its local keys, computed once per hour, not per row
  // (OFFSET 0 keeps the planner from inlining the keys into the join, i.e. once per rollup row).
  // Only aligned zones reach the rollups, so a stored UTC hour is a local hour there (and a stored
  // UTC day a local day).
  const timeSeries = (bucket: "hour" | "day") => {
    const at = bucket === "hour" ? raw("t") : raw("(t::timestamp AT TIME ZONE 'UTC')");
    const keys = finalKeys(at, byAlias).filter((_, i) => groups[i] === "HOUR" || groups[i] === "DAY");
    return bucket === "hour"
      ? Prisma.sql`SELECT t, ${Prisma.join(keys)} FROM generate_series(${rollupRequest.start}::timestamptz,
          ${rollupRequest.end}::timestamptz - interval '1 hour', interval '1 hour') AS t OFFSET 0`
      : Prisma.sql`SELECT t::date AS t, ${Prisma.join(keys)} FROM generate_series(${utcDate(request.start)}::timestamp,
          ${utcDate(request.end)}::timestamp - interval '1 day', interval '1 day') AS t OFFSET 0`;
  };

  // One side (clicks or conversions). `currency` is the offer's for clicks, the conversion's own for
  // conversions. Rollup rows are grouped by the final keys at once, their time keys looked up per
  // stored hour or day (`direct`: the output columns over the rollup's own). Raw rows are grouped by
  // local hour first (`counts`), then those few hours become the final keys (`outerColumns`).
  const side = (
    cols: Columns,
    currency: string,
    counts: Prisma.Sql,
    outerColumns: Prisma.Sql,
    direct: Prisma.Sql,
  ) => {
    if (cols.bucket) {
      // A stored UTC hour is the local hour itself; only local days need the series.
      const storedHour = cols.bucket === "hour";
      const keys = groups.map((g) => {
        if (g === "HOUR" && storedHour) return Prisma.sql`h.hour AS k_hour`;
        if (g === "HOUR" || g === "DAY") return Prisma.sql`times.${byAlias(g)}`;
        return Prisma.sql`${keyExpression(g, cols)} AS ${byAlias(g)}`;
      });
      const times =
        groups.includes("DAY") || (groups.includes("HOUR") && !storedHour)
          ? Prisma.sql`JOIN (${timeSeries(cols.bucket)}) AS times ON times.t = h.${raw(cols.bucket)}`
          : Prisma.empty;
      // The offer gives clicks their currency and any side its advertiser; a conversion rollup
      // carries its own currency, so it skips the join when no advertiser is asked about.
      const offers =
        currency.startsWith("o.") || needsAdvertiser
          ? Prisma.sql`JOIN offers o ON o.id = ${cols.offer}`
          : Prisma.empty;
      return Prisma.sql`
      SELECT ${Prisma.join(keys)}, ${raw(currency)}::text AS currency, ${direct}
      FROM ${raw(cols.table)} ${offers} ${times}
      WHERE ${conditions(rollupRequest, scope, cols)}${cols.bucket === "hour" ? notEdge : Prisma.empty}
      GROUP BY ${positions(finalCount)}`;
    }
    const hour = Prisma.sql`date_trunc('hour', ${cols.time}, ${tz})`;
    const innerKeys = [
      ...(timed ? [Prisma.sql`${hour} AS t`] : []),
      ...plain.map((g) => Prisma.sql`${keyExpression(g, cols)} AS ${byAlias(g)}`),
    ];
    return Prisma.sql`
      SELECT ${Prisma.join(finalKeys(raw("t"), byAlias))}, currency, ${outerColumns}
      FROM (
        SELECT ${Prisma.join(innerKeys)}, ${raw(currency)}::text AS currency, ${counts}
        FROM ${cols.from ?? raw(cols.table)} JOIN offers o ON o.id = ${cols.offer}
        WHERE ${conditions(request, scope, cols)}
        GROUP BY ${positions(innerCount)}
      ) AS by_time
      GROUP BY ${positions(finalCount)}`;
  };

  const clickCols = CLICK_COLUMNS[source];
  const rawClickTotals = raw(`sum(clicks) AS clicks, sum(unique_clicks) AS unique_clicks,
      sum(bot_clicks) AS bot_clicks, sum(rejected_clicks) AS rejected_clicks,
      0 AS conversions, 0 AS pending, 0 AS approved, 0 AS rejected, 0 AS reversed,
      0::bigint AS payout, 0::bigint AS revenue, NULL::float8 AS median`);
  const clickSide = side(
    clickCols,
    "o.currency",
    COUNTED_CLICKS,
    rawClickTotals,
    raw(`sum(h.clicks)::bigint AS clicks, sum(h.unique_clicks)::bigint AS unique_clicks,
      sum(h.bot_clicks)::bigint AS bot_clicks, sum(h.rejected_clicks)::bigint AS rejected_clicks,
      0 AS conversions, 0 AS pending, 0 AS approved, 0 AS rejected, 0 AS reversed,
      0::bigint AS payout, 0::bigint AS revenue, NULL::float8 AS median`),
  );

  const conversionTotals = raw(`0, 0, 0, 0, sum(conversions), sum(pending), sum(approved), sum(rejected),
    sum(reversed), sum(payout), sum(revenue), NULL::float8`);
  const rollup = hasConversionRollup(source) ? CONVERSION_ROLLUPS[source] : undefined;
  const sides = [clickSide];
  if (edges.length) {
    // No index on clicks leads with created_at: naming every offer lets (offer_id, created_at) range-scan
    // each edge hour (bench: 0.5 s instead of 9 s of whole-index scans for 90 edge hours).
    const edgeClicks = {
      ...CLICK_COLUMNS.RAW,
      from: edgeRows("clicks c", "c.created_at", raw("c.offer_id = ANY(ARRAY(SELECT id FROM offers)) AND")),
    };
    sides.push(side(edgeClicks, "o.currency", COUNTED_CLICKS, rawClickTotals, Prisma.empty));
    // Conversions without a rollup of this grain are read raw over the whole range below.
    if (rollup) {
      const edgeConversions = {
        ...CONVERSION_ROWS,
        from: edgeRows("conversions v", "v.converted_at", Prisma.empty),
      };
      sides.push(side(edgeConversions, "v.currency", COUNTED_CONVERSIONS, conversionTotals, Prisma.empty));
    }
  }
  if (rollup) {
    const direct = raw(`0, 0, 0, 0, sum(h.conversions)::bigint, sum(h.pending_conversions)::bigint,
      sum(h.approved_conversions)::bigint, sum(h.rejected_conversions)::bigint,
      sum(h.reversed_conversions)::bigint, sum(h.payout)::bigint, sum(h.revenue)::bigint, NULL::float8`);
    sides.push(side(rollup, "h.currency", Prisma.empty, Prisma.empty, direct));
  }
  if (options.median) {
    // Grouped by the final keys directly: the median needs its whole group. Counts too when no
    // rollup has them. The day is a date while ~all conversion rows are sorted (text compares by
    // collation, far slower), and becomes text on the few result rows.
    const counts = rollup
      ? raw(`0 AS conversions, 0 AS pending, 0 AS approved, 0 AS rejected, 0 AS reversed,
          0::bigint AS payout, 0::bigint AS revenue`)
      : COUNTED_CONVERSIONS;
    const keys = groups.map((g) => {
      if (g === "HOUR") return Prisma.sql`date_trunc('hour', v.converted_at, ${tz}) AS k_hour`;
      if (g === "DAY") return Prisma.sql`(v.converted_at AT TIME ZONE ${tz})::date AS k_day`;
      return Prisma.sql`${keyExpression(g, CONVERSION_ROWS)} AS ${byAlias(g)}`;
    });
    const outKeys = groups.map((g) =>
      g === "DAY" ? raw("to_char(k_day, 'YYYY-MM-DD') AS k_day") : byAlias(g),
    );
    sides.push(Prisma.sql`
      SELECT ${Prisma.join(outKeys)}, currency, 0, 0, 0, 0,
        conversions, pending, approved, rejected, reversed, payout, revenue, median
      FROM (
        SELECT ${Prisma.join(keys)}, v.currency::text AS currency, ${counts},
          percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM v.converted_at - v.click_at)) AS median
        FROM conversions v JOIN offers o ON o.id = v.offer_id
        WHERE ${conditions(request, scope, CONVERSION_ROWS)}
        GROUP BY ${positions(finalCount)}
      ) AS medians`);
  } else if (!rollup) {
    // Without the median: by hour first like the clicks (hash aggregation, no sort).
    sides.push(side(CONVERSION_ROWS, "v.currency", COUNTED_CONVERSIONS, conversionTotals, Prisma.empty));
  }

  const outer = [...groups.map(byAlias), raw("currency")];
  return Prisma.sql`
    SELECT ${Prisma.join(outer)},
      sum(clicks)::bigint AS "clicks", sum(unique_clicks)::bigint AS "uniqueClicks",
      sum(bot_clicks)::bigint AS "botClicks", sum(rejected_clicks)::bigint AS "rejectedClicks",
      sum(conversions)::bigint AS "conversions", sum(pending)::bigint AS "pendingConversions",
      sum(approved)::bigint AS "approvedConversions", sum(rejected)::bigint AS "rejectedConversions",
      sum(reversed)::bigint AS "reversedConversions",
      sum(payout)::bigint AS "payout", sum(revenue)::bigint AS "revenue",
      max(median) AS "medianClickToConversionSeconds"
    FROM (${Prisma.join(sides, " UNION ALL ")}) AS sides
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
  const source = reportSource(request, scope);
  const sql = reportSql(request, scope, source, options);
  // Raw paths scan millions of rows, where JIT can pay back: the statement as it is.
  const rows =
    source === "RAW"
      ? await db.$queryRaw<Row[]>(sql)
      : await db.$transaction(
          async (tx) => {
            // JIT compiling a report's expressions cost ~65 ms on the 10-million-click bench and
            // pays back only on scans of millions of rows; the rollups are far smaller. SET LOCAL:
            // this transaction only.
            await tx.$executeRaw`SET LOCAL jit = off`;
            if (options.median) {
              // The median reads every conversion of the range: the covering index on converted_at
              // answers it index-only (faster than the heap scan, measured on the bench), but with
              // the default cost of a random page (a spinning disk's) the planner prefers the heap.
              await tx.$executeRaw`SET LOCAL random_page_cost = 1.1`;
            }
            return tx.$queryRaw<Row[]>(sql);
          },
          // Prisma's defaults (5 s, 2 s to get a connection) are for short writes; a report on a
          // busy machine may take longer and should wait for a connection like a plain query would.
          { timeout: 60_000, maxWait: 30_000 },
        );
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
