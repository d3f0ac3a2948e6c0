// Fault tests of the click path: the click writer killed mid-backlog, and PostgreSQL cut off under
// load. In both, every click the tracker answered with a redirect ends up in PostgreSQL exactly once,
// with a rollup that counts each once.
import { type Db, mintId, type TrackingLink } from "@leadrail/db";
import type { Redis } from "ioredis";
import { WRITER_GROUP } from "../../tracker/src/clicks/click-writer.ts";
import { streamKey } from "../../tracker/src/tracking/click-record.ts";
import { dailyClicks, pendingCount } from "../src/click-writer.ts";
import { inParallel, spawnWriter, startTcpProxy, waitFor } from "../src/processes.ts";
import { click, type RunningTracker, recordClick, streamLength } from "../src/tracker.ts";
import { describe, expect, test } from "../src/tracker-fixtures.ts";

const UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/** Sends `count` clicks (distinct sub1) and returns the click ids their redirects carried. */
async function sendClicks(
  tracker: RunningTracker,
  code: string,
  count: number,
  tag: string,
): Promise<string[]> {
  return inParallel(count, 16, async (i) => {
    const res = await click(tracker.url, `/c/${code}?sub1=${tag}-${i}`, { "user-agent": UA });
    if (res.status !== 302) throw new Error(`click ${tag}-${i} answered ${res.status}`);
    const id = new URL(res.headers.get("location") ?? "").searchParams.get("click");
    if (!id) throw new Error("no click id in the redirect");
    return id;
  });
}

/** Writes `count` accepted clicks of `link` through the tracker's recorder; returns their ids. */
async function recordClicks(tracker: RunningTracker, link: TrackingLink, count: number): Promise<string[]> {
  const now = Date.now();
  const clicks = Array.from({ length: count }, (_, i) => ({
    id: mintId(new Date(now + i)),
    createdAt: now + i,
    status: "ACCEPTED" as const,
    rejectReason: null,
    linkId: link.id,
    offerId: link.offerId,
    publisherId: link.publisherId,
    subs: { sub1: `kill-${i}` },
    source: null,
    country: null,
    deviceType: "DESKTOP" as const,
    os: null,
    browser: null,
    referrer: null,
    ipHash: null,
    isBot: false,
    fraudReason: null,
  }));
  // Ten clicks per round trip, so ten per stream entry (an entry holds one round trip's clicks): a
  // backlog of many entries, which a writer with a small batch drains in many rounds.
  for (let i = 0; i < clicks.length; i += 10) {
    await Promise.all(
      clicks.slice(i, i + 10).map((click) =>
        recordClick(tracker.clickPath.deps.recorder, {
          kind: "accepted",
          click,
          // A full key name (the recorder's client has no keyPrefix): under the file's prefix, so the
          // file's cleanup removes it.
          uniqueKey: `${tracker.clickPath.deps.keyPrefix}unique:${click.id}`,
        }),
      ),
    );
  }
  return clicks.map((c) => c.id);
}

/** Entries delivered to `consumer` and not acknowledged. */
async function heldBy(redis: Redis, consumer: string): Promise<number> {
  try {
    const rows = (await redis.xpending(streamKey(""), WRITER_GROUP, "-", "+", 10_000, consumer)) as unknown[];
    return rows.length;
  } catch (error) {
    // Before the first writer created the group.
    if (String(error).includes("NOGROUP")) return 0;
    throw error;
  }
}

async function storedStats(db: Db, linkId: number) {
  const [row] = await db.$queryRaw<{ total: number; distinct_ids: number }[]>`
    select count(*)::int as total, count(distinct id)::int as distinct_ids from clicks where link_id = ${linkId}`;
  return row ?? { total: 0, distinct_ids: 0 };
}

async function missingIds(db: Db, ids: string[]): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    select id::text from clicks where id = any(${ids}::uuid[])`;
  const stored = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !stored.has(id));
}

describe("click writer faults", () => {
  test("a writer SIGKILLed while a backlog drains loses nothing and stores nothing twice", async ({
    db,
    databaseUrl,
    redisUrl,
    redisPrefix,
    redis,
    factories,
    tracker,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser);
    const link = await factories.createLink(publisher, offer);
    const total = 3000;
    // Through the tracker's own recorder (the path /c/ uses, minus HTTP): a backlog in milliseconds.
    const ids = await recordClicks(tracker, link, total);
    expect(await streamLength(redis)).toBeGreaterThanOrEqual(total);

    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: redisPrefix,
      // Small batches for the doomed one, so the backlog takes many rounds and the kill lands mid-way.
      WRITER_BATCH_SIZE: "10",
      WRITER_BLOCK_MS: "100",
      WRITER_CLAIM_IDLE_MS: "300",
    };
    // Both start at once (start-up is most of this test's time); the survivor reads what is new and,
    // after the kill, reclaims what the dead one held.
    const doomed = spawnWriter({ ...env, WRITER_CONSUMER: "doomed" });
    const survivor = spawnWriter({ ...env, WRITER_CONSUMER: "survivor", WRITER_BATCH_SIZE: "50" });
    try {
      await waitFor(
        "the doomed writer to store some clicks",
        async () => (await heldBy(redis, "doomed")) > 0,
      );
      // Freeze it while it holds a delivered, unacknowledged batch, then kill it: a crash mid-batch.
      await waitFor("the doomed writer to be frozen holding a batch", async () => {
        doomed.child.kill("SIGSTOP");
        if ((await heldBy(redis, "doomed")) > 0) return true;
        doomed.child.kill("SIGCONT");
        return false;
      });
      // It dies holding delivered, unacknowledged entries (stored or not: a crash after the commit and
      // before XACK is as much a mid-batch crash as one before the commit). Not re-checked after the
      // kill: while it was frozen the survivor may already have reclaimed them, which is the point.
      await doomed.kill("SIGKILL");

      await waitFor(
        "the backlog to drain",
        async () => (await streamLength(redis)) === 0 && (await pendingCount(redis)) === 0,
        60_000,
      ).catch((error: unknown) => {
        throw new Error(`${(error as Error).message}\n${survivor.output()}`);
      });

      expect(await storedStats(db, link.id)).toEqual({ total, distinct_ids: total });
      expect(await missingIds(db, ids)).toEqual([]);
      expect((await dailyClicks(db, offer.id, publisher.id))?.clicks).toBe(BigInt(total));
      // Graceful stop: SIGTERM finishes the current batch and exits 0.
      expect(await survivor.kill("SIGTERM")).toEqual({ code: 0, signal: null });
    } finally {
      await doomed.kill("SIGKILL");
      await survivor.kill("SIGKILL");
    }
    // Child processes start slowly on a loaded machine: the waits above carry their own deadlines.
  }, 120_000);

  test("PostgreSQL unreachable under load: redirects go on, the backlog drains when it returns", async ({
    db,
    databaseUrl,
    redisUrl,
    redisPrefix,
    redis,
    factories,
    tracker,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser);
    const link = await factories.createLink(publisher, offer);
    const target = new URL(databaseUrl);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(databaseUrl);
    viaProxy.port = String(proxy.port);

    const writer = spawnWriter({
      DATABASE_URL: viaProxy.toString(),
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: redisPrefix,
      WRITER_CONSUMER: "through-proxy",
      WRITER_BATCH_SIZE: "100",
      WRITER_BLOCK_MS: "100",
    });
    try {
      const before = await sendClicks(tracker, link.code, 200, "before");
      await waitFor(
        "clicks before the outage to be stored",
        async () => (await storedStats(db, link.id)).total === 200,
      );

      await proxy.stop();
      const during = await sendClicks(tracker, link.code, 400, "during");
      // Keep clicking while the writer fails and backs off.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const during2 = await sendClicks(tracker, link.code, 200, "during2");
      expect((await storedStats(db, link.id)).total).toBe(200);
      expect(await streamLength(redis)).toBeGreaterThanOrEqual(600);
      expect(writer.child.exitCode).toBeNull();

      await proxy.start();
      const after = await sendClicks(tracker, link.code, 200, "after");
      const all = [...before, ...during, ...during2, ...after];
      await waitFor(
        "the backlog to drain",
        async () => (await storedStats(db, link.id)).total >= all.length && (await streamLength(redis)) === 0,
        60_000,
      ).catch((error: unknown) => {
        throw new Error(`${(error as Error).message}\n${writer.output()}`);
      });

      expect(await storedStats(db, link.id)).toEqual({ total: all.length, distinct_ids: all.length });
      expect(await missingIds(db, all)).toEqual([]);
      expect((await dailyClicks(db, offer.id, publisher.id))?.clicks).toBe(BigInt(all.length));
      expect(writer.output()).toContain("storing clicks failed, retrying");
    } finally {
      await writer.kill("SIGKILL");
      await proxy.stop().catch(() => undefined);
    }
  }, 120_000);
});
