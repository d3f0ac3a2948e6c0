// `pnpm bench:api`: 90-day reports over 10 million clicks through the real GraphQL endpoint, against
// the same aggregation straight off raw `clicks` in the same run (the baseline), so the ratio means
// something on a loaded machine too.
//
// 1. its own database, BENCH_API_DATABASE (default leadrail_bench_api), migrated; filled once with SQL
//    (generate_series): BENCH_API_CLICKS clicks (default 10,000,000) over the last 90 UTC days on 24
//    offers (USD and EUR) and 60 publishers (4 offers each, traffic mostly from each offer's main
//    country), the hourly rollups computed by the seed's own SQL, and ~1 % of the accepted clicks
//    converted. A database already filled with that many clicks is reused;
//    its days are read back from it, so the reports always cover the data;
// 2. the API (createApi, graphql-yoga) in this process on an ephemeral HTTP port, called over HTTP
//    with an admin's and a publisher's API keys;
// 3. each query: one warm-up, then BENCH_API_RUNS runs (default 7); p50 and max printed, and for the
//    rollup-backed reports the raw-clicks baseline (the same grouping computed by one SQL statement over
//    `clicks`, measured the same way) and the ratio. Reports ask for every metric but the median,
//    except one (the median sorts every conversion in the range).
// Not part of `pnpm test`.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, loadavg } from "node:os";
import { createDb, generateApiKey } from "@leadrail/db";
import { migrate } from "@leadrail/db/migrate";
import { Redis } from "ioredis";
import pg from "pg";
import { pino } from "pino";
import { createApi } from "../../api/src/server.ts";
import { REPORT_CLICK_ROLLUP_SQL } from "../../prisma/seed/rollup.ts";
import { plusHours, plusSeconds } from "./sql-intervals.ts";

const serverUrl = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
const databaseName = process.env.BENCH_API_DATABASE ?? "leadrail_bench_api";
const targetClicks = Number(process.env.BENCH_API_CLICKS ?? 10_000_000);
const runs = Number(process.env.BENCH_API_RUNS ?? 7);
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const DAYS = 90;
const OFFERS = 24;
const PUBLISHERS = 60;
/** Bumped when the generated data changes: an older bench database is rebuilt. */
const DATA_VERSION = 4;

const url = new URL(serverUrl);
url.pathname = `/${databaseName}`;
const databaseUrl = url.toString();

const log = (line: string) => console.error(line);

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  log(`  ${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

async function fill(client: pg.Client): Promise<void> {
  log(`filling ${databaseName}: ${targetClicks.toLocaleString("en-US")} clicks over ${DAYS} days (once)`);
  await client.query("SET synchronous_commit = off");
  await client.query(
    "TRUNCATE clicks, hourly_click_stats, hourly_click_segments, hourly_offer_clicks, daily_click_segments, daily_stats, conversions, hourly_offer_conversions, daily_conversion_segments, tracking_links, offers, advertisers, publishers, users CASCADE",
  );
  // Months back to the start of the range get real partitions (the default one would hold them).
  await client.query("SELECT leadrail_ensure_click_partitions(4, 1)");
  await client.query(`INSERT INTO advertisers (name, postback_secret)
    SELECT 'Bench advertiser ' || a, md5(random()::text) FROM generate_series(1, 6) a`);
  await client.query(`INSERT INTO offers (advertiser_id, name, vertical, landing_url, status, visibility,
      currency, payout_model, default_payout, default_revenue, updated_at)
    SELECT (SELECT min(id) FROM advertisers) + (o % 6), 'Bench offer ' || o, 'insurance',
      'https://advertiser.example/?c={click_id}', 'ACTIVE', 'PUBLIC',
      CASE WHEN o % 4 = 0 THEN 'EUR' ELSE 'USD' END, 'CPL', 1000 + 100 * o, 1500 + 120 * o, now()
    FROM generate_series(0, ${OFFERS - 1}) o`);
  await client.query(`INSERT INTO publishers (name)
    SELECT 'Bench publisher ' || p FROM generate_series(1, ${PUBLISHERS}) p`);
  const { rows } = await client.query<{ o: number; p: number }>(
    "SELECT (SELECT min(id) FROM offers) AS o, (SELECT min(id) FROM publishers) AS p",
  );
  const firstOffer = rows[0]?.o ?? 1;
  const firstPublisher = rows[0]?.p ?? 1;
  const chunk = 1_000_000;
  for (let from = 0; from < targetClicks; from += chunk) {
    const to = Math.min(targetClicks, from + chunk) - 1;
    await timed(`clicks ${from.toLocaleString("en-US")}..${to.toLocaleString("en-US")}`, () =>
      client.query(`
        INSERT INTO clicks (id, created_at, status, reject_reason, offer_id, publisher_id, sub1, sub2,
          country, device_type, is_unique, is_bot)
        SELECT gen_random_uuid(),
          ${plusSeconds(
            `date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '${DAYS} days'`,
            `i::float8 / ${targetClicks} * ${DAYS} * 86400`,
          )},
          CASE WHEN r < 0.05 THEN 'REJECTED'::"ClickStatus" ELSE 'ACCEPTED'::"ClickStatus" END,
          CASE WHEN r < 0.05 THEN 'geo_not_targeted' END,
          ${firstOffer} + offer, ${firstPublisher} + publisher,
          'campaign-' || (i % 50), CASE WHEN i % 3 = 0 THEN 'creative-' || (i % 7) END,
          -- Each offer's traffic comes mostly from its main country.
          (ARRAY['US','DE','FR','GB','BR','IN','PL','ES','IT','NL'])[1 + (offer + CASE WHEN r3 < 0.85 THEN 0 ELSE 3 END) % 10],
          CASE WHEN r4 < 0.6 THEN 'MOBILE' WHEN r4 < 0.95 THEN 'DESKTOP' ELSE 'TABLET' END::"DeviceType",
          r2 > 0.2, r2 < 0.03
        -- A publisher runs 4 of the offers.
        FROM (SELECT i, (i * 7919) % ${PUBLISHERS} AS publisher, (((i * 7919) % ${PUBLISHERS}) * 5 + (i / 60) % 4) % ${OFFERS} AS offer,
                random() AS r, random() AS r2, random() AS r3, random() AS r4
              FROM generate_series(${from}::bigint, ${to}::bigint) i) s`),
    );
  }
  await timed("click rollups (the seed's SQL)", async () => {
    for (const sql of REPORT_CLICK_ROLLUP_SQL) await client.query(sql);
  });
  await timed("conversions (~1 % of accepted clicks)", () =>
    client.query(`
      INSERT INTO conversions (id, offer_id, publisher_id, click_id, click_at, transaction_id, source, status,
        currency, payout, revenue, subs, country, device_type, converted_at, updated_at)
      SELECT gen_random_uuid(), c.offer_id, c.publisher_id, c.id, c.created_at, c.id::text, 'POSTBACK',
        (ARRAY['APPROVED','APPROVED','APPROVED','PENDING','REJECTED','REVERSED'])[1 + floor(random() * 6)::int]::"ConversionStatus",
        o.currency, o.default_payout, o.default_revenue, jsonb_build_object('sub1', c.sub1), c.country, c.device_type,
        least(${plusHours("c.created_at", "random() * 72")}, now()), now()
      FROM clicks c JOIN offers o ON o.id = c.offer_id
      WHERE c.status = 'ACCEPTED' AND random() < 0.0105`),
  );
  // As autovacuum would: sets the visibility map, so index-only scans need no heap visits.
  await timed("vacuum analyze", () => client.query("VACUUM ANALYZE"));
  await client.query("DROP TABLE IF EXISTS bench_api_meta");
  await client.query(
    "CREATE TABLE bench_api_meta (clicks bigint NOT NULL, version int NOT NULL, built_at timestamptz NOT NULL)",
  );
  await client.query("INSERT INTO bench_api_meta VALUES ($1, $2, now())", [targetClicks, DATA_VERSION]);
}

/** A bench database of another data version (or older migrations) is dropped and built again. */
async function dropIfStale(): Promise<void> {
  const probe = new pg.Client({ connectionString: databaseUrl });
  try {
    await probe.connect();
  } catch {
    return; // no database yet: migrate creates it
  }
  const meta = await probe
    .query<{ n: string }>("SELECT count(*)::text AS n FROM bench_api_meta WHERE version = $1", [DATA_VERSION])
    .catch(() => null);
  await probe.end();
  if (meta?.rows[0]?.n !== "0" && meta !== null) return;
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  log(`dropping ${databaseName} (another data version)`);
  await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  await admin.end();
}

async function ensureData(client: pg.Client): Promise<{ from: string; to: string }> {
  const meta = await client
    .query<{ clicks: string }>("SELECT clicks::text FROM bench_api_meta WHERE version = $1", [DATA_VERSION])
    .catch(() => null);
  if (meta?.rows[0]?.clicks === String(targetClicks))
    log(`reusing ${databaseName} (${targetClicks.toLocaleString("en-US")} clicks)`);
  else await fill(client);
  const { rows } = await client.query<{ from: string; to: string }>(`
    SELECT to_char(min(hour) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS from,
           to_char(max(hour) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS to FROM hourly_click_stats`);
  const range = rows[0];
  if (!range?.from || !range.to) throw new Error("the bench database has no rollup rows");
  return range;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

async function measure(work: () => Promise<unknown>, times: number): Promise<number[]> {
  await work();
  const durations: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await work();
    durations.push(performance.now() - started);
  }
  return durations;
}

async function main(): Promise<void> {
  log(
    `machine: ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  await dropIfStale();
  await migrate(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const range = await ensureData(client);
  const db = createDb(databaseUrl, { max: 4 });
  const redis = new Redis(redisUrl, { keyPrefix: `leadrail-bench-api:${Date.now().toString(36)}:` });

  // Callers with API keys, as a script would call the API.
  const key = async (role: "ADMIN" | "PUBLISHER", publisherId?: number) => {
    const user = await db.user.create({
      data: {
        email: `bench-${role.toLowerCase()}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}@bench.leadrail.dev`,
        name: `bench ${role}`,
        role,
        publisherId: publisherId ?? null,
      },
    });
    const { key: token, prefix, keyHash } = generateApiKey();
    await db.apiKey.create({ data: { userId: user.id, name: "bench", prefix, keyHash } });
    return token;
  };
  const publisher = await db.publisher.findFirstOrThrow({ orderBy: { id: "asc" } });
  const adminKey = await key("ADMIN");
  const publisherKey = await key("PUBLISHER", publisher.id);

  const api = createApi({ db, redis, redisPrefix: "", logger: pino({ level: "silent" }), production: true });
  const server = createServer(api.handle);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

  const report = async (token: string, variables: Record<string, unknown>, median = false) => {
    const res = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `query($from: String!, $to: String!, $tz: String, $groupBy: [ReportGroup!]!) {
          report(from: $from, to: $to, timeZone: $tz, groupBy: $groupBy) {
            source rows { day hour offerId publisherId country deviceType currency clicks uniqueClicks
              conversions approvedConversions conversionRate epc { amount } payout { amount } revenue { amount }
              marginBps ${median ? "medianClickToConversionSeconds" : ""} } } }`,
        variables: { from: range.from, to: range.to, ...variables },
      }),
    });
    const body = (await res.json()) as {
      data?: { report: { source: string; rows: unknown[] } };
      errors?: unknown;
    };
    if (!body.data) throw new Error(`report failed: ${JSON.stringify(body.errors)}`);
    return body.data.report;
  };

  // The baseline: the click side of the same grouping straight off raw clicks, one SQL statement.
  const rawBaseline = (keys: string) => () =>
    client.query(
      `SELECT ${keys}, o.currency, count(*), count(*) FILTER (WHERE c.is_unique), count(*) FILTER (WHERE c.is_bot),
         count(*) FILTER (WHERE c.status = 'REJECTED')
       FROM clicks c JOIN offers o ON o.id = c.offer_id
       WHERE c.created_at >= $1::date AND c.created_at < $2::date + 1 AND c.publisher_id IS NOT NULL
       GROUP BY ${keys}, o.currency`,
      [range.from, range.to],
    );

  const cases: {
    name: string;
    token: string;
    variables: Record<string, unknown>;
    baseline?: () => Promise<unknown>;
    times?: number;
    median?: boolean;
  }[] = [
    {
      name: "admin, DAY (UTC)",
      token: adminKey,
      variables: { tz: "UTC", groupBy: ["DAY"] },
      baseline: rawBaseline("(c.created_at AT TIME ZONE 'UTC')::date"),
    },
    {
      name: "admin, DAY (UTC) + median click-to-conversion time",
      token: adminKey,
      variables: { tz: "UTC", groupBy: ["DAY"] },
      baseline: rawBaseline("(c.created_at AT TIME ZONE 'UTC')::date"),
      median: true,
    },
    {
      name: "admin, DAY × OFFER (America/Los_Angeles)",
      token: adminKey,
      variables: { tz: "America/Los_Angeles", groupBy: ["DAY", "OFFER"] },
      baseline: rawBaseline("(c.created_at AT TIME ZONE 'America/Los_Angeles')::date, c.offer_id"),
    },
    {
      name: "admin, COUNTRY × DEVICE",
      token: adminKey,
      variables: { tz: "UTC", groupBy: ["COUNTRY", "DEVICE"] },
      baseline: rawBaseline("c.country, c.device_type"),
    },
    {
      name: "admin, HOUR",
      token: adminKey,
      variables: { tz: "UTC", groupBy: ["HOUR"] },
      baseline: rawBaseline("date_trunc('hour', c.created_at, 'UTC')"),
    },
    {
      name: "publisher (own rows), DAY × OFFER",
      token: publisherKey,
      variables: { tz: "Europe/Berlin", groupBy: ["DAY", "OFFER"] },
    },
    // Half-hour zones: the hourly rollups plus each day's edge hour read from raw rows.
    {
      name: "admin, DAY (Asia/Kolkata)",
      token: adminKey,
      variables: { tz: "Asia/Kolkata", groupBy: ["DAY"] },
      baseline: rawBaseline("(c.created_at AT TIME ZONE 'Asia/Kolkata')::date"),
    },
    {
      name: "admin, COUNTRY × DEVICE (Asia/Kolkata)",
      token: adminKey,
      variables: { tz: "Asia/Kolkata", groupBy: ["COUNTRY", "DEVICE"] },
    },
    // The raw path, for scale: sub-id groupings cannot use the rollup.
    {
      name: "admin, SUB1 (raw clicks)",
      token: adminKey,
      variables: { tz: "UTC", groupBy: ["SUB1"] },
      times: 1,
    },
  ];

  const lines: string[] = [];
  const ms = (n: number) => `${Math.round(n)} ms`;
  lines.push(
    `| 90-day report (${range.from} .. ${range.to}) | source | rows | p50 | max | raw-clicks baseline p50 | baseline / report |`,
  );
  lines.push("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
  for (const c of cases) {
    const first = await report(c.token, c.variables, c.median);
    const durations = await measure(() => report(c.token, c.variables, c.median), c.times ?? runs);
    let base = "";
    let ratio = "";
    if (c.baseline) {
      const baseline = await measure(c.baseline, Math.min(3, runs));
      base = ms(percentile(baseline, 0.5));
      ratio = `${(percentile(baseline, 0.5) / percentile(durations, 0.5)).toFixed(1)}x`;
    }
    const line = `| ${c.name} | ${first.source} | ${first.rows.length} | ${ms(percentile(durations, 0.5))} | ${ms(Math.max(...durations))} | ${base} | ${ratio} |`;
    log(line);
    lines.push(line);
  }
  const { rows: counts } = await client.query<{
    clicks: string;
    conversions: string;
    rollup: string;
    segments: string;
  }>(`
    SELECT (SELECT count(*) FROM clicks)::text AS clicks, (SELECT count(*) FROM conversions)::text AS conversions,
      (SELECT count(*) FROM hourly_click_stats)::text AS rollup,
      (SELECT count(*) FROM hourly_click_segments)::text AS segments`);
  console.log(
    `\n${Number(counts[0]?.clicks).toLocaleString("en-US")} clicks, ${Number(counts[0]?.conversions).toLocaleString("en-US")} conversions, ` +
      `${Number(counts[0]?.rollup).toLocaleString("en-US")} hourly and ${Number(counts[0]?.segments).toLocaleString("en-US")} segment rollup rows; ${runs} runs after a warm-up (raw-path reports: 1); load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}\n`,
  );
  console.log(lines.join("\n"));
  server.close();
  server.closeAllConnections();
  await client.end();
  await db.$disconnect();
  redis.disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
