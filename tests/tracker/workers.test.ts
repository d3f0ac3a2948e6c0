// TRACKER_WORKERS=2: the real entry file becomes a node:cluster primary with two workers on one port.
// Every request below opens its own connection, and Node's primary hands connections to the workers in
// turn, so consecutive requests land on different workers: clicks are answered and recorded by both,
// /metrics describes the whole tracker whichever worker is scraped, and a lead form rendered by one
// worker is accepted by the other. Then a worker is SIGKILLed (replaced), and the primary is SIGTERMed.
import { readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { createRedisClick, createWorld } from "../src/conversion-kit.ts";
import { test as base, describe, expect } from "../src/fixtures.ts";
import { freePort, inParallel, type ServiceProcess, spawnService, waitFor } from "../src/processes.ts";
import { streamClicks } from "../src/tracker.ts";

const BROWSER_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

interface Answer {
  status: number;
  location: string | null;
  body: string;
}

/** One request on a connection of its own (no keep-alive agent): the primary picks its worker anew. */
function fresh(
  url: string,
  options: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? "GET", agent: false, headers: options.headers });
    req.on("error", reject);
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null, body }),
      );
    });
    req.end(options.body);
  });
}

/** The value of one sample line of Prometheus text, e.g. `name{a="b"}`; null when absent. */
function sample(metrics: string, series: string): number | null {
  const line = metrics.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

// Two workers each load Prisma and the IP database; on a loaded two-core machine that took ~20 s.
const STARTUP_MS = 60_000;

const ACCEPTED = 'leadrail_tracker_clicks_total{status="accepted",reason=""}';
const LINK_MISSES = 'leadrail_tracker_link_cache_lookups{result="miss"}';

/** Node processes whose parent is `pid` (Linux /proc): the workers, not tsx's esbuild helper. */
function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // `pid (comm) state ppid ...`; comm may hold spaces and parentheses.
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid && comm === "node") children.push(Number(entry));
    } catch {
      // Gone between readdir and read.
    }
  }
  return children.sort((a, b) => a - b);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface ClusteredTracker {
  url: string;
  process: ServiceProcess;
  pid: number;
  metrics(): Promise<string>;
}

const test = base.extend(
  "tracker",
  { scope: "file" },
  async ({ databaseUrl, redisUrl, redisPrefix }, { onCleanup }): Promise<ClusteredTracker> => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const service = spawnService("tracker/src/index.ts", {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: redisPrefix,
      TRACKER_PORT: String(port),
      HOST: "127.0.0.1",
      TRACKER_WORKERS: "2",
      // No LEAD_FORM_SECRET: the primary must give both workers one.
      LEAD_FORM_SECRET: "",
    });
    onCleanup(async () => {
      await service.kill("SIGKILL");
    });
    const metrics = async () => {
      const answer = await fresh(`${url}/metrics`);
      if (answer.status !== 200) throw new Error(`/metrics answered ${answer.status}: ${answer.body}`);
      return answer.body;
    };
    await waitFor(
      "both workers to listen",
      async () => {
        try {
          return sample(await metrics(), "leadrail_tracker_workers") === 2;
        } catch {
          return false;
        }
      },
      STARTUP_MS,
    ).catch(async (error: unknown) => {
      // Not left running when the start fails (the cleanup above may never be reached then).
      await service.kill("SIGKILL");
      throw new Error(`${(error as Error).message}\n${service.output()}`);
    });
    const pid = service.child.pid;
    if (pid === undefined) throw new Error("the tracker has no pid");
    return { url, process: service, pid, metrics };
  },
);

// The first test also waits for the tracker to start.
describe("the tracker as two worker processes", { timeout: STARTUP_MS + 30_000 }, () => {
  test("clicks over separate connections are all answered 302 and recorded in the stream", async ({
    factories,
    redis,
    tracker,
  }) => {
    const { link } = await createWorld(factories);
    const answers = await inParallel(40, 8, () =>
      fresh(`${tracker.url}/c/${link.code}?sub1=w`, { headers: { "user-agent": BROWSER_UA } }),
    );

    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 302));
    const redirected = answers.map((a) => new URL(a.location ?? "").searchParams.get("click"));
    const recorded = (await streamClicks(redis))
      .filter(({ click }) => click.linkId === link.id)
      .map(({ click }) => click.id);
    expect(new Set(recorded)).toEqual(new Set(redirected));
    expect(recorded).toHaveLength(40);
  });

  test("/metrics counts every worker's clicks, whichever worker answers the scrape", async ({
    factories,
    tracker,
  }) => {
    const { link } = await createWorld(factories);
    const before = await tracker.metrics();
    // One after the other: each worker loads the new link once (a cache miss), then hits.
    for (let i = 0; i < 12; i += 1) {
      const answer = await fresh(`${tracker.url}/c/${link.code}`, { headers: { "user-agent": BROWSER_UA } });
      expect(answer.status).toBe(302);
    }

    // Consecutive scrapes reach alternate workers; a worker answering with its own registry would
    // show about half.
    for (let i = 0; i < 6; i += 1) {
      const metrics = await tracker.metrics();
      expect(sample(metrics, ACCEPTED)).toBe((sample(before, ACCEPTED) ?? 0) + 12);
      // Both workers served the link: two misses, one per worker's cache.
      expect(sample(metrics, LINK_MISSES)).toBe((sample(before, LINK_MISSES) ?? 0) + 2);
      // One user agent in this file, cached by each worker: the fullest cache, not the sum.
      expect(sample(metrics, "leadrail_tracker_ua_cache_entries")).toBe(1);
      expect(sample(metrics, "leadrail_tracker_workers")).toBe(2);
    }
  });

  test("a lead form rendered by one worker is accepted by the other", async ({
    db,
    redis,
    factories,
    tracker,
  }) => {
    const { offer, link } = await createWorld(factories, {
      leadFormFields: [
        { name: "email", label: "E-mail", type: "email", required: true },
        { name: "phone", label: "Phone", type: "phone", required: true },
      ],
    });
    const { key } = await db.leadForm.findUniqueOrThrow({ where: { offerId: offer.id } });
    // The GET and the POST of each pair are consecutive connections: different workers.
    for (let i = 0; i < 4; i += 1) {
      const click = await createRedisClick(redis, link, { country: "DE" });
      const form = await fresh(`${tracker.url}/form/${key}?click_id=${click.id}`);
      expect(form.status).toBe(200);
      const token = /name="form_token" value="([^"]*)"/.exec(form.body)?.[1];
      expect(token).toBeDefined();
      const answer = await fresh(`${tracker.url}/form/${key}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          click_id: click.id,
          form_token: token ?? "",
          email: `lead-${i}-${click.id.slice(-8)}@example.com`,
          phone: `030 1234567${i}`,
        }).toString(),
      });
      expect(answer.status, answer.body).toBe(200);
      expect(answer.body).toContain("Thank you");
    }
    expect(await db.conversion.count({ where: { offerId: offer.id, source: "LEAD_FORM" } })).toBe(4);
  });

  test("a worker killed with SIGKILL is replaced, and clicks keep working", async ({
    factories,
    tracker,
  }) => {
    const workers = childPids(tracker.pid);
    expect(workers).toHaveLength(2);
    const [victim] = workers;
    if (victim === undefined) throw new Error("no worker");
    process.kill(victim, "SIGKILL");

    await waitFor("a replacement worker", async () => {
      const now = childPids(tracker.pid);
      return now.length === 2 && !now.includes(victim);
    });
    await waitFor("the replacement to listen", async () => {
      const metrics = await tracker.metrics();
      return sample(metrics, "leadrail_tracker_workers") === 2;
    });
    expect(sample(await tracker.metrics(), "leadrail_tracker_worker_restarts_total")).toBe(1);
    expect(tracker.process.output()).toContain("worker exited unexpectedly");

    const { link } = await createWorld(factories);
    const answers = await inParallel(10, 5, () =>
      fresh(`${tracker.url}/c/${link.code}`, { headers: { "user-agent": BROWSER_UA } }),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 302));
  });

  test("SIGTERM to the primary stops every worker, then the primary exits 0", async ({ tracker }) => {
    const workers = childPids(tracker.pid);
    expect(workers).toHaveLength(2);

    const exit = await tracker.process.kill("SIGTERM");

    expect(exit, tracker.process.output()).toEqual({ code: 0, signal: null });
    expect(workers.filter(isRunning)).toEqual([]);
    expect(tracker.process.output()).not.toContain("shutdown deadline passed");
  });
});
