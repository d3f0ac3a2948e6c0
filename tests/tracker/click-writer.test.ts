// The click writer stores every click of the stream once, with an exact daily rollup, and stays
// exact when a batch is delivered twice (a writer that died after its commit, before its XACK).
import crawlers from "crawler-user-agents" with { type: "json" };
import { pino } from "pino";
import { AfterStoreFailed, WRITER_GROUP } from "../../tracker/src/clicks/click-writer.ts";
import { createWriterMetrics } from "../../tracker/src/clicks/writer-metrics.ts";
import { createConnection } from "../../tracker/src/redis-clients.ts";
import { streamKey } from "../../tracker/src/tracking/click-record.ts";
import { createTestWriter, dailyClicks, drain, pendingCount } from "../src/click-writer.ts";
import { click, streamClicks, streamLength } from "../src/tracker.ts";
import { describe, expect, test } from "../src/tracker-fixtures.ts";

const BROWSER_UA =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15";
const CRAWLER_UA = crawlers.find((c) => c.pattern === "Googlebot\\/")?.instances[0] ?? "";

describe("click writer", () => {
  test("stores every click once and rolls them up exactly", async ({
    db,
    factories,
    tracker,
    redis,
    redisUrl,
    redisPrefix,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const open = await factories.createOffer(advertiser);
    const germanOnly = await factories.createOffer(advertiser, { countries: ["DE"] });
    const link = await factories.createLink(publisher, open);
    const targeted = await factories.createLink(publisher, germanOnly);
    const unknownCode = `nope-${link.code}`;

    const statuses = [
      (await click(tracker.url, `/c/${link.code}?sub1=a`, { "user-agent": BROWSER_UA })).status,
      (await click(tracker.url, `/c/${link.code}?sub1=b`, { "user-agent": BROWSER_UA })).status,
      (await click(tracker.url, `/c/${link.code}`, { "user-agent": CRAWLER_UA })).status,
      (await click(tracker.url, `/c/${targeted.code}`, { "user-agent": BROWSER_UA })).status,
      (await click(tracker.url, `/c/${unknownCode}`, { "user-agent": BROWSER_UA })).status,
    ];
    expect(statuses).toEqual([302, 302, 302, 404, 404]);
    const sent = (await streamClicks(redis)).map((e) => e.click);

    const { writer, close } = createTestWriter({ db, redisUrl, redisPrefix });
    try {
      expect(await drain(writer)).toBeGreaterThanOrEqual(5);
    } finally {
      await close();
    }

    const stored = await db.click.findMany({ where: { id: { in: sent.map((c) => c.id) } } });
    expect(stored).toHaveLength(sent.length);
    for (const c of sent) {
      const row = stored.find((r) => r.id === c.id);
      expect(row).toMatchObject({
        createdAt: new Date(c.createdAt),
        status: c.status,
        rejectReason: c.rejectReason,
        linkId: c.linkId,
        offerId: c.offerId,
        publisherId: c.publisherId,
        sub1: c.subs.sub1 ?? null,
        deviceType: c.deviceType,
        ipHash: c.ipHash,
        isUnique: c.isUnique,
        isBot: c.isBot,
      });
    }
    expect(stored.find((r) => r.offerId === null)).toMatchObject({
      status: "REJECTED",
      rejectReason: "unknown_link",
    });

    // The second browser click repeats the first visitor; the crawler is never unique.
    expect(await dailyClicks(db, open.id, publisher.id)).toEqual({
      clicks: 3n,
      uniqueClicks: 1n,
      botClicks: 1n,
      rejectedClicks: 0n,
    });
    expect(await dailyClicks(db, germanOnly.id, publisher.id)).toEqual({
      clicks: 1n,
      uniqueClicks: 0n,
      botClicks: 0n,
      rejectedClicks: 1n,
    });
    // Stored entries leave the stream (XACK + XDEL): nothing pending, nothing left behind.
    expect(await streamLength(redis)).toBe(0);
    expect(await pendingCount(redis)).toBe(0);
  });

  for (const restart of ["the same consumer restarts", "another consumer reclaims the entries"] as const) {
    test(`a batch stored but not acknowledged is stored once when ${restart}`, async ({
      db,
      factories,
      tracker,
      redis,
      redisUrl,
      redisPrefix,
    }) => {
      const advertiser = await factories.createAdvertiser();
      const publisher = await factories.createPublisher();
      const offer = await factories.createOffer(advertiser);
      const link = await factories.createLink(publisher, offer);
      for (let i = 0; i < 7; i += 1) {
        const res = await click(tracker.url, `/c/${link.code}?sub1=${i}`, {
          "user-agent": `${BROWSER_UA} v${i}`,
        });
        expect(res.status).toBe(302);
      }
      const sent = (await streamClicks(redis)).map((e) => e.click).filter((c) => c.linkId === link.id);
      expect(sent).toHaveLength(7);

      // A writer that commits and then dies before XACK.
      const crashing = createTestWriter(
        { db, redisUrl, redisPrefix },
        {
          consumer: "writer-a",
          afterStore: () => {
            throw new Error("killed after commit");
          },
        },
      );
      await expect(crashing.writer.run()).rejects.toBeInstanceOf(AfterStoreFailed);
      await crashing.close();
      expect(await db.click.count({ where: { linkId: link.id } })).toBe(7);
      expect(await pendingCount(redis)).toBe(7);

      const next = createTestWriter(
        { db, redisUrl, redisPrefix },
        restart === "the same consumer restarts"
          ? { consumer: "writer-a" }
          : { consumer: "writer-b", claimIdleMs: 1, claimIntervalMs: 0 },
      );
      try {
        expect(await drain(next.writer)).toBe(7);
      } finally {
        await next.close();
      }

      expect(await db.click.count({ where: { linkId: link.id } })).toBe(7);
      expect(await dailyClicks(db, offer.id, publisher.id)).toEqual({
        clicks: 7n,
        uniqueClicks: 7n,
        botClicks: 0n,
        rejectedClicks: 0n,
      });
      expect(await pendingCount(redis)).toBe(0);
      expect(await streamLength(redis)).toBe(0);
    });
  }
});

describe("click writer metrics", () => {
  test("report the stream's backlog, pending entries and lag, and what was stored", async ({
    db,
    factories,
    tracker,
    redisUrl,
    redisPrefix,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser);
    const link = await factories.createLink(await factories.createPublisher(), offer);
    const logger = pino({ level: "silent" });
    const metricsRedis = createConnection(redisUrl, logger, "test metrics");
    const metrics = createWriterMetrics({
      redis: metricsRedis,
      stream: streamKey(redisPrefix),
      group: WRITER_GROUP,
    });
    const { writer, close } = createTestWriter({ db, redisUrl, redisPrefix }, { metrics, batchSize: 2 });
    const sample = async (name: string) => {
      const text = await metrics.registry.metrics();
      return Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1]);
    };
    try {
      await drain(writer);
      for (let i = 0; i < 3; i += 1) {
        expect(
          (await click(tracker.url, `/c/${link.code}?sub1=${i}`, { "user-agent": `m${i}` })).status,
        ).toBe(302);
      }
      expect(await sample("leadrail_writer_stream_length")).toBe(3);
      expect(await sample("leadrail_writer_stream_lag")).toBe(3);

      // One batch of two: read, stored, acknowledged; one entry still waiting for a writer.
      expect(await writer.step()).toBe(2);
      expect(await sample("leadrail_writer_stream_length")).toBe(1);
      expect(await sample("leadrail_writer_stream_pending")).toBe(0);
      expect(await sample("leadrail_writer_stream_lag")).toBe(1);
      expect(await sample("leadrail_writer_clicks_inserted_total")).toBe(2);
    } finally {
      await close();
      metricsRedis.disconnect();
    }
  });
});
