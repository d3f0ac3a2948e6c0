// `pnpm bench:tracker`: the click path against a bare node:http 302 server, measured in the same run
// on the same machine, so the ratios mean something on a loaded or slow machine too.
//
// 1. a scratch database (migrated) with one public offer and one link, and a scratch Redis prefix;
// 2. the tracker (TRACKER_WORKERS=BENCH_TRACKER_WORKERS, default 1) and one click writer as child
//    processes (NODE_ENV=production, LOG_LEVEL=warn; the writer paused for the throughput rounds
//    unless BENCH_WRITER_PAUSED=0, see below), and the bare server (tests/bench/bare-server.ts);
// 3. throughput: BENCH_ROUNDS rounds (default 5) of BENCH_DURATION s (default 10) against the bare
//    server and then the tracker, BENCH_CONNECTIONS connections (default 50), driven by wrk (one
//    thread) when it is installed (Debian's `wrk` package), else by autocannon in this process; the
//    ratio reported is the median of the rounds' ratios;
// 4. latency: autocannon at a fixed BENCH_RATE requests/s overall (wrk has no fixed rate), p50/p99
//    compared;
// 4b. the lead API: BENCH_DURATION s of distinct leads through POST /v1/leads (lead-api.ts,
//    BENCH_LEAD_CONNECTIONS connections, default 10), as a ratio to the median round's click rate;
// 5. waits for the writer to drain and checks every click the tracker answered 302 is in PostgreSQL;
// 6. lead delivery: BENCH_DELIVERIES leads (default 3000) committed at once with their outbox rows
//    for one signed JSON webhook to a local receiver (tests/bench/lead-receiver.ts, a child process
//    answering 200); the tracker's relay, queue and worker (LEAD_DELIVERY_CONCURRENCY, default 10)
//    deliver them; deliveries per second from the commit until the last attempt is logged, as a ratio
//    to the click path's median max req/s of step 3, and every lead checked delivered exactly once.
// Prints a table and exits non-zero if a click or a lead is missing. Targets (2-core machine):
// throughput >= 0.45x bare, p99 at ~1,000 req/s <= 6x bare, zero lost clicks, zero lost leads.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { cpus, loadavg, setPriority, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createDb } from "@leadrail/db";
import { migrate } from "@leadrail/db/migrate";
import autocannon from "autocannon";
import { Redis } from "ioredis";
import pg from "pg";
import { benchLeadApi, setUpLeadApiBench } from "./lead-api.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const tsxLoader = createRequire(join(root, "package.json")).resolve("tsx");

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rate = Number(process.env.BENCH_RATE ?? 1000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const deliveries = Number(process.env.BENCH_DELIVERIES ?? 3000);
// The lead API pass: each lead is a PostgreSQL transaction, so fewer connections than the click path.
const leadConnections = Number(process.env.BENCH_LEAD_CONNECTIONS ?? 10);
// The click path ends with the stream write (the target names what it holds: link lookup, click id,
// UA parse, dedupe and stream write confirmed by Redis); the writer is the background consumer that
// production runs on other cores or hosts. So by default the writer is stopped (SIGSTOP) for the
// throughput rounds and continued (SIGCONT) before the latency pass: neither it nor the PostgreSQL work
// it causes (at normal priority, whatever the writer's nice) shares the two cores with the click path,
// and the stream holds the clicks meanwhile, as it does whenever PostgreSQL is slow or away. The drain
// check afterwards still counts every click. BENCH_WRITER_PAUSED=0 keeps it running at nice
// BENCH_WRITER_NICE (19), so writer, PostgreSQL and click path compete for the same cores.
const writerNice = Number(process.env.BENCH_WRITER_NICE ?? 19);
const writerPaused = process.env.BENCH_WRITER_PAUSED !== "0";
// autocannon runs in this Node process and needs about a core of its own at 30k req/s: on 2 cores it
// takes CPU from the servers it measures. wrk (C, epoll) needs a fraction of that.
const loadTool = process.env.BENCH_LOAD_TOOL ?? ((await hasWrk()) ? "wrk" : "autocannon");
// BENCH_PROFILE_DIR=path: the tracker writes a V8 CPU profile there when it stops (Chrome DevTools).
// BENCH_TRACKER_NODE_ARGS, BENCH_WRITER_NODE_ARGS: more node flags for the tracker or the writer (e.g.
// --perf-basic-prof for `perf record`, or --cpu-prof).
const profileDir = process.env.BENCH_PROFILE_DIR;
// TRACKER_WORKERS for the tracker: N > 1 is a cluster primary and N worker processes.
const trackerWorkers = process.env.BENCH_TRACKER_WORKERS || "1";
const serverUrl = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const stamp = Date.now().toString(36);
const databaseName = `leadrail_bench_${stamp}`;
const prefix = `leadrail-bench:${stamp}:`;

function databaseUrl(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const children: ChildProcess[] = [];

function start(
  name: string,
  file: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): ChildProcess {
  const child = spawn(process.execPath, [...nodeArgs, "--import", tsxLoader, file], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const echo = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) console.error(`  [${name}] ${line}`);
  };
  child.stdout?.on("data", echo);
  child.stderr?.on("data", echo);
  children.push(child);
  return child;
}

async function waitHealthy(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      // The bare server answers 302 to everything: any answer but a redirect followed elsewhere counts.
      const res = await fetch(`${url}/healthz`, { redirect: "manual" });
      if (res.ok || res.status === 302) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become healthy`);
}

/** CPU time (user + system) a process has used so far, in milliseconds, from /proc (Linux). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the command name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

async function hasWrk(): Promise<boolean> {
  try {
    await promisify(execFile)("wrk", ["--version"]);
    return true;
  } catch (error) {
    // wrk --version prints its banner and exits 1.
    return (error as { code?: unknown }).code === 1;
  }
}

const USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

function childPids(pid: number | undefined): number[] {
  const list = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8");
  return list.split(" ").filter(Boolean).map(Number);
}

interface Pass {
  cpuPer1k: number;
  rps: number;
  p50: number;
  p99: number;
  redirects: number;
  errors: number;
  non3xx: number;
}

/** wrk's duration in milliseconds: "850.00us", "1.43ms", "2.01s". */
function wrkMs(text: string | undefined): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text ?? "");
  if (!match) return Number.NaN;
  const scale = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[match[2] as "us" | "ms" | "s" | "m"];
  return Number(match[1]) * scale;
}

async function wrk(url: string, seconds: number): Promise<Omit<Pass, "cpuPer1k">> {
  const { stdout } = await promisify(execFile)("wrk", [
    "-t1",
    `-c${connections}`,
    `-d${seconds}s`,
    "--latency",
    "-H",
    `User-Agent: ${USER_AGENT}`,
    url,
  ]);
  const total = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? Number.NaN);
  const non3xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? Number.NaN),
    p50: wrkMs(/^\s+50%\s+(\S+)/m.exec(stdout)?.[1]),
    p99: wrkMs(/^\s+99%\s+(\S+)/m.exec(stdout)?.[1]),
    // wrk counts 2xx and 3xx together as successes; the tracker's own counter checks the 302s.
    redirects: total - non3xx,
    errors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    non3xx,
  };
}

async function load(
  url: string,
  options: { overallRate?: number; seconds: number; pids?: (number | undefined)[] },
): Promise<Pass> {
  const pids = options.pids ?? [];
  const cpuBefore = pids.map(cpuMs);
  if (loadTool === "wrk" && !options.overallRate) {
    const result = await wrk(url, options.seconds);
    const cpuUsed = pids.reduce<number>((sum, pid, i) => sum + cpuMs(pid) - (cpuBefore[i] ?? 0), 0);
    return { ...result, cpuPer1k: (cpuUsed / Math.max(result.redirects + result.non3xx, 1)) * 1000 };
  }
  const result = await autocannon({
    url,
    connections,
    duration: options.seconds,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    headers: { "user-agent": USER_AGENT },
  });
  const cpuUsed = pids.reduce<number>((sum, pid, i) => sum + cpuMs(pid) - (cpuBefore[i] ?? 0), 0);
  return {
    // Server-side CPU per 1,000 answers: steadier than requests/s on a shared, loaded machine.
    cpuPer1k: (cpuUsed / Math.max(result.requests.total, 1)) * 1000,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    redirects: result["3xx"],
    errors: result.errors + result.timeouts,
    non3xx: result["1xx"] + result["2xx"] + result["4xx"] + result["5xx"],
  };
}

/** A sample of the tracker's /metrics, by its full name with labels (first match). */
async function metric(trackerUrl: string, prefix: string): Promise<number> {
  const text = await (await fetch(`${trackerUrl}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(prefix));
  return line ? Number(line.split(" ").pop()) : 0;
}

const acceptedByTracker = (trackerUrl: string) =>
  metric(trackerUrl, 'leadrail_tracker_clicks_total{status="accepted"');

/**
 * Step 6: `deliveries` leads and their outbox rows in one statement each (one transaction), then the
 * tracker's relay and worker deliver them to the receiver; timed from the commit to the last
 * DELIVERED attempt row.
 */
async function leadDeliveryPass(
  db: ReturnType<typeof createDb>,
  offerId: number,
  publisherId: number,
  receiverUrl: string,
) {
  const destination = await db.leadDestination.create({
    data: {
      offerId,
      name: "Bench CRM",
      kind: "WEBHOOK",
      url: `${receiverUrl}/leads`,
      secret: "bench-crm-secret-0123456789",
      fieldMapping: [
        { from: "email", to: "Email" },
        { from: "phone", to: "Phone" },
        { from: "{name} ({sub1})", to: "FullName" },
      ],
      staticFields: { campaign: "bench" },
    },
  });
  console.log(`lead delivery pass: ${deliveries} leads to ${receiverUrl}…`);
  const started = performance.now();
  await db.$transaction([
    db.$executeRaw`
      INSERT INTO conversions (id, offer_id, publisher_id, transaction_id, source, status, currency, payout,
                               revenue, subs, lead_name, lead_email, lead_phone, converted_at, updated_at)
      SELECT gen_random_uuid(), ${offerId}, ${publisherId}, 'bench-lead-' || i, 'LEAD_FORM', 'PENDING', 'USD',
             0, 0, jsonb_build_object('sub1', 'b' || i), 'Lead ' || i, 'lead' || i || '@example.com',
             '+1555' || lpad(i::text, 7, '0'), now(), now()
      FROM generate_series(1, ${deliveries}) AS i`,
    db.$executeRaw`
      INSERT INTO lead_delivery_outbox (conversion_id, destination_id)
      SELECT id, ${destination.id} FROM conversions WHERE transaction_id LIKE 'bench-lead-%'`,
  ]);
  const count = () =>
    db.leadDeliveryAttempt.count({ where: { destinationId: destination.id, outcome: "DELIVERED" } });
  const deadline = Date.now() + 300_000;
  let done = 0;
  while (Date.now() < deadline) {
    done = await count();
    if (done >= deliveries) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  // A moment for a duplicate to show itself, then the receiver's and the log's counts.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const received = Number(await (await fetch(`${receiverUrl}/count`)).text());
  const attempts = await db.leadDeliveryAttempt.count({ where: { destinationId: destination.id } });
  const [distinct] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(DISTINCT conversion_id)::int AS n FROM lead_delivery_attempts
    WHERE destination_id = ${destination.id} AND outcome = 'DELIVERED'`;
  return {
    count: deliveries,
    seconds,
    perSecond: done / seconds,
    received,
    attempts,
    deliveredLeads: distinct?.n ?? 0,
  };
}

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB, ` +
      `load average (1/5/15 min) ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}; node ${process.version}`,
  );
  console.log(
    `settings: ${duration} s per pass, ${connections} connections, fixed rate ${rate} req/s, ` +
      `${writerPaused ? "writer paused for the throughput rounds (BENCH_WRITER_PAUSED=0 to keep it running)" : `writer running at nice ${writerNice}`}, tracker workers ${trackerWorkers}, throughput load from ${loadTool}`,
  );

  await migrate(databaseUrl(databaseName));
  const db = createDb(databaseUrl(databaseName), { max: 2 });
  const redis = new Redis(redisUrl);
  try {
    const advertiser = await db.advertiser.create({
      data: { name: "Bench advertiser", postbackSecret: "bench" },
    });
    const publisher = await db.publisher.create({ data: { name: "Bench publisher" } });
    const offer = await db.offer.create({
      data: {
        advertiserId: advertiser.id,
        name: "Bench offer",
        vertical: "bench",
        landingUrl: "https://adv.example/lp?c={click_id}&s={sub1}",
        status: "ACTIVE",
        visibility: "PUBLIC",
        currency: "USD",
        payoutModel: "CPL",
      },
    });
    await db.trackingLink.create({ data: { publisherId: publisher.id, offerId: offer.id, code: "bench" } });
    const leadApi = await setUpLeadApiBench(db, offer.id, publisher.id);

    const trackerPort = await freePort();
    const barePort = await freePort();
    const trackerUrl = `http://127.0.0.1:${trackerPort}`;
    const bareUrl = `http://127.0.0.1:${barePort}`;
    const common = {
      DATABASE_URL: databaseUrl(databaseName),
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      IP_HASH_SECRET: "bench-secret-not-for-production",
      LEAD_FORM_SECRET: "bench-lead-form-secret-not-for-production",
      // The lead API pass measures the endpoint, not its per-key limit.
      LEAD_API_RATE_LIMIT_PER_MINUTE: "1000000",
    };
    const tracker = start(
      "tracker",
      process.env.BENCH_TRACKER_ENTRY ?? "tracker/src/index.ts",
      {
        ...common,
        TRACKER_PORT: String(trackerPort),
        HOST: "127.0.0.1",
        TRACKER_WORKERS: trackerWorkers,
        // The lead-delivery pass: the receiver is on 127.0.0.1, and the relay polls often enough that
        // its interval does not stand in for the delivery time (the click rounds do not use it).
        POSTBACK_ALLOW_PRIVATE_NETWORKS: "1",
        POSTBACK_RELAY_INTERVAL_MS: "50",
      },
      [
        ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
        ...(process.env.BENCH_TRACKER_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
      ],
    );
    const writer = start(
      "writer",
      "tracker/src/click-writer-main.ts",
      { ...common, WRITER_CONSUMER: "bench-writer" },
      process.env.BENCH_WRITER_NODE_ARGS?.split(" ").filter(Boolean) ?? [],
    );
    if (writerNice !== 0 && writer.pid !== undefined) setPriority(writer.pid, writerNice);
    const bare = start("bare", "tests/bench/bare-server.ts", { PORT: String(barePort) });
    const receiverPort = await freePort();
    const receiverUrl = `http://127.0.0.1:${receiverPort}`;
    start("receiver", "tests/bench/lead-receiver.ts", { PORT: String(receiverPort) });
    await Promise.all([waitHealthy(trackerUrl), waitHealthy(bareUrl), waitHealthy(receiverUrl)]);

    const clickPath = "/c/bench?sub1=bench";
    console.log("warming up (2 s each)…");
    await load(`${bareUrl}${clickPath}`, { seconds: 2 });
    await load(`${trackerUrl}${clickPath}`, { seconds: 2 });

    console.log(`throughput: ${rounds} rounds of bare then tracker, ${duration} s each…`);
    if (writerPaused && writer.pid !== undefined) process.kill(writer.pid, "SIGSTOP");
    const writerCpuBefore = cpuMs(writer.pid);
    const storedBefore =
      (await db.$queryRaw<{ n: number }[]>`select count(*)::int as n from clicks`)[0]?.n ?? 0;
    // Redis and PostgreSQL may serve others on a shared machine: their CPU is reported, not attributed.
    const redisPid = Number(/process_id:(\d+)/.exec(await redis.info("server"))?.[1]);
    const barePids = [bare.pid];
    // With workers, the clicks are served by the primary's children (listed by the kernel).
    const trackerPids = trackerWorkers === "1" ? [tracker.pid] : [tracker.pid, ...childPids(tracker.pid)];
    // Interleaved rounds: a burst of load from elsewhere on a shared machine then hits one round of
    // each, and the median ratio of the rounds sets it aside.
    const measured: { bare: Pass; tracker: Pass; redisPer1k: number }[] = [];
    for (let round = 0; round < rounds; round++) {
      const bareRound = await load(`${bareUrl}${clickPath}`, { seconds: duration, pids: barePids });
      const redisBefore = cpuMs(redisPid);
      const trackerRound = await load(`${trackerUrl}${clickPath}`, { seconds: duration, pids: trackerPids });
      const redisPer1k = ((cpuMs(redisPid) - redisBefore) / Math.max(trackerRound.redirects, 1)) * 1000;
      measured.push({ bare: bareRound, tracker: trackerRound, redisPer1k });
      console.log(
        `  round ${round + 1}: bare ${Math.round(bareRound.rps)} req/s, tracker ${Math.round(trackerRound.rps)} ` +
          `req/s: ${(trackerRound.rps / bareRound.rps).toFixed(2)}x`,
      );
    }
    const medianRound = [...measured].sort((a, b) => a.tracker.rps / a.bare.rps - b.tracker.rps / b.bare.rps)[
      Math.floor(measured.length / 2)
    ] as (typeof measured)[number];
    const { bare: bareMax, tracker: trackerMax, redisPer1k } = medianRound;
    // The lead API on the same tracker, right after the click rounds (the writer still paused: leads
    // do not go through it), against the median round's click rate.
    console.log(`lead API: ${duration} s of distinct leads, ${leadConnections} connections…`);
    const leads = await benchLeadApi(trackerUrl, leadApi, {
      seconds: duration,
      connections: leadConnections,
    });
    // From here the writer drains the backlog the paused rounds left: its rate is the sustained
    // capacity of writer plus PostgreSQL, which the click path's rate must not outrun for long.
    const resumedAt = Date.now();
    const storedAtResume =
      (await db.$queryRaw<{ n: number }[]>`select count(*)::int as n from clicks`)[0]?.n ?? 0;
    if (writerPaused && writer.pid !== undefined) process.kill(writer.pid, "SIGCONT");
    console.log(`latency pass at ${rate} req/s (${duration} s each)…`);
    const bareFixed = await load(`${bareUrl}${clickPath}`, {
      seconds: duration,
      overallRate: rate,
      pids: barePids,
    });
    const trackerFixed = await load(`${trackerUrl}${clickPath}`, {
      seconds: duration,
      overallRate: rate,
      pids: trackerPids,
    });

    const accepted = await acceptedByTracker(trackerUrl);
    const flushes = await metric(trackerUrl, "leadrail_tracker_click_flush_size_count");
    const notRecorded = await metric(trackerUrl, "leadrail_tracker_clicks_not_recorded_total");
    console.log(`waiting for the writer to store ${accepted} clicks…`);
    let stored = 0;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const rows = await db.$queryRaw<{ n: number }[]>`select count(*)::int as n from clicks`;
      stored = rows[0]?.n ?? 0;
      if (stored >= accepted && (await redis.xlen(`${prefix}clicks:stream`)) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const drainSeconds = (Date.now() - resumedAt) / 1000;
    const writerCpuPer1k =
      ((cpuMs(writer.pid) - writerCpuBefore) / Math.max(stored - storedBefore, 1)) * 1000;
    const [distinct] = await db.$queryRaw<{ n: number }[]>`select count(distinct id)::int as n from clicks`;

    const passes = [
      ["bare, max", bareMax],
      ["tracker, max", trackerMax],
      [`bare, ${rate}/s`, bareFixed],
      [`tracker, ${rate}/s`, trackerFixed],
    ] as const;
    const table = [
      ["", "req/s", "p50 ms", "p99 ms", "302s", "other", "errors", "cpu ms/1k"],
      ...passes.map(([name, pass]) => [
        name,
        Math.round(pass.rps),
        pass.p50,
        pass.p99,
        pass.redirects,
        pass.non3xx,
        pass.errors,
        pass.cpuPer1k.toFixed(0),
      ]),
    ];
    console.log();
    for (const row of table) console.log(row.map((c, i) => String(c).padStart(i === 0 ? 16 : 10)).join(""));
    const throughputRatio = trackerMax.rps / bareMax.rps;
    const p99Ratio = trackerFixed.p99 / Math.max(bareFixed.p99, 1);
    // Plus the warm-up: the lost-click check uses the tracker's own counter.
    const answered302 = measured.reduce((sum, r) => sum + r.tracker.redirects, 0) + trackerFixed.redirects;
    const lost = accepted - stored;
    console.log();
    console.log(
      `server CPU per 1,000 clicks at max load: tracker ${trackerMax.cpuPer1k.toFixed(0)} ms, ` +
        `bare ${bareMax.cpuPer1k.toFixed(0)} ms (${(trackerMax.cpuPer1k / bareMax.cpuPer1k).toFixed(1)}x)`,
    );
    console.log(
      `group commit: ${(accepted / Math.max(flushes, 1)).toFixed(1)} clicks per Redis round trip on average; ` +
        `${notRecorded} clicks answered 503 (Redis slower than CLICK_WRITE_TIMEOUT_MS)`,
    );
    console.log(`Redis CPU per 1,000 clicks during the tracker's max pass: ${redisPer1k.toFixed(0)} ms`);
    console.log(`click writer CPU per 1,000 clicks stored: ${writerCpuPer1k.toFixed(0)} ms`);
    if (writerPaused) {
      const drained = stored - storedAtResume;
      console.log(
        `click writer + PostgreSQL: stored ${drained} clicks in ${drainSeconds.toFixed(1)} s once continued ` +
          `(${Math.round(drained / drainSeconds)} clicks/s, the latency pass running meanwhile)`,
      );
    }
    console.log(
      `throughput ratio tracker/bare: ${throughputRatio.toFixed(2)}x, the median of ${rounds} rounds ` +
        `(${measured.map((r) => (r.tracker.rps / r.bare.rps).toFixed(2)).join(", ")}; target >= 0.45x)`,
    );
    console.log(
      `lead API: ${Math.round(leads.rps)} leads/s (${leads.created} answered 201, ${leads.other} other, ` +
        `${leads.errors} errors; p50 ${leads.p50} ms, p99 ${leads.p99} ms), ` +
        `${(leads.rps / trackerMax.rps).toFixed(3)}x the click path's ${Math.round(trackerMax.rps)} req/s`,
    );
    console.log(
      `p99 ratio at ${rate} req/s: ${p99Ratio.toFixed(2)}x (target <= 6x; p99 values are whole ms)`,
    );
    console.log(
      `clicks: tracker answered ${accepted} with 302 (the load tools saw ${answered302} in the measured passes), ` +
        `${stored} rows in PostgreSQL, ${distinct?.n ?? 0} distinct ids, lost ${Math.max(lost, 0)}`,
    );
    if (stored < accepted || (distinct?.n ?? 0) !== stored) process.exitCode = 1;

    const delivered = await leadDeliveryPass(db, offer.id, publisher.id, receiverUrl);
    const deliveryRatio = delivered.perSecond / trackerMax.rps;
    console.log(
      `lead deliveries: ${delivered.count} leads to a local receiver in ${delivered.seconds.toFixed(1)} s: ` +
        `${Math.round(delivered.perSecond)}/s, ${deliveryRatio.toFixed(3)}x the click path's ` +
        `${Math.round(trackerMax.rps)} req/s in this run (each a signed POST, its answer read and an attempt ` +
        `row written); receiver took ${delivered.received}, attempts logged ${delivered.attempts}, ` +
        `delivered ${delivered.deliveredLeads} distinct leads`,
    );
    if (delivered.received !== delivered.count || delivered.deliveredLeads !== delivered.count) {
      process.exitCode = 1;
    }
    // The form pass measures capture alone: its leads are not also sent to the (stopping) receiver.
    await db.leadDestination.updateMany({ where: { offerId: offer.id }, data: { active: false } });
    // Lead capture: form submissions per second through the widget's JSON endpoint (each one the
    // definition GET for its token, then the POST), as a ratio to the click path's max pass above.
    // Distinct e-mails (no duplicate verdicts); every request comes from 127.0.0.1, so the bench
    // form's per-address limit is raised to its maximum (10,000 an hour) and its fill time set to 0
    // (the form is the one set up for the lead API pass above).
    const form = await db.leadForm.update({
      where: { offerId: offer.id },
      data: { minFillSeconds: 0, rateLimitPerHour: 10_000 },
    });
    const formSeconds = Math.min(duration, 10);
    console.log(`lead form: ${connections} concurrent visitors for ${formSeconds} s…`);
    const formCpuBefore = trackerPids.map(cpuMs);
    let submitted = 0;
    let refused = 0;
    const until = Date.now() + formSeconds * 1000;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: connections }, async (_, worker) => {
        for (let n = 0; Date.now() < until && submitted + refused < 9_500; n++) {
          const def = (await (await fetch(`${trackerUrl}/form/${form.key}.json`)).json()) as {
            token: string;
          };
          const res = await fetch(`${trackerUrl}/form/${form.key}`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              token: def.token,
              fields: { name: "Bench Visitor", email: `v${worker}-${n}@bench.example` },
              consent: true,
            }),
          });
          await res.arrayBuffer();
          if (res.status === 201) submitted += 1;
          else refused += 1;
        }
      }),
    );
    const formElapsed = (Date.now() - started) / 1000;
    const formRps = submitted / formElapsed;
    const formCpu = trackerPids.reduce<number>(
      (sum, pid, i) => sum + cpuMs(pid) - (formCpuBefore[i] ?? 0),
      0,
    );
    const formLeads = await db.conversion.count({
      where: { offerId: offer.id, leadEmail: { endsWith: "@bench.example" } },
    });
    console.log(
      `lead form submissions: ${formRps.toFixed(0)}/s (${submitted} recorded, ${refused} refused, ${formLeads} leads ` +
        `in PostgreSQL; tracker CPU ${((formCpu / Math.max(submitted, 1)) * 1000).toFixed(0)} ms per 1,000); ` +
        `ratio to the click path's max: ${(formRps / trackerMax.rps).toFixed(3)}x`,
    );
    if (refused > 0 || formLeads !== submitted) process.exitCode = 1;
  } finally {
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(children.map((c) => (c.exitCode === null ? once(c, "exit") : undefined)));
    await db.$disconnect();
    // The bench's keys (unique keys, pointer hashes, the stream): scanned and unlinked in slices (one
    // DEL with every key as an argument overflows the call stack).
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 1000 })) {
      if ((keys as string[]).length > 0) await redis.unlink(...(keys as string[]));
    }
    redis.disconnect();
    const admin = new pg.Client({ connectionString: databaseUrl("postgres") });
    await admin.connect();
    await admin.query(`drop database if exists "${databaseName}" with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  for (const child of children) child.kill("SIGKILL");
  process.exit(1);
});
