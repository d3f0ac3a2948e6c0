// capPacing reads the counters the tracker enforces: conversions are driven through the tracker's
// postback endpoint, then pacing is read through the API. Tracker and API each get their own Redis
// connection built from their own environment parser with the same REDIS_KEY_PREFIX, as in production.
import { capCounterKey, periodKey } from "@leadrail/db";
import { Redis } from "ioredis";
import { pino } from "pino";
import { loadEnvironment as loadApiEnvironment } from "../../api/src/environment.ts";
import { loadEnvironment as loadTrackerEnvironment } from "../../tracker/src/environment.ts";
import { createConnection } from "../../tracker/src/redis-clients.ts";
import { createRedisClick, getPostback, startTracker, test as trackerTest } from "../src/conversion-kit.ts";
import { callerFor, type Data, describe, expect, startApi } from "./harness.ts";

const PACING = `query($offerId: ID!) { capPacing(offerId: $offerId) {
  capId scope period metric publisherId periodKey periodStart periodEnd limit used remaining source
  usedMoney { amount currency } } }`;

const test = trackerTest.extend(
  "services",
  { scope: "file" },
  async ({ db, databaseUrl, redisUrl, redisPrefix }, { onCleanup }) => {
    const source = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: redisPrefix, DATABASE_URL: databaseUrl };
    const trackerEnv = loadTrackerEnvironment(source);
    const apiEnv = loadApiEnvironment(source);
    // As tracker/src/server.ts builds it: no ioredis keyPrefix, the prefix given to the app.
    const trackerRedis = createConnection(trackerEnv.redis.url, pino({ level: "silent" }), "pacing test");
    // As api/src/index.ts builds it.
    const apiRedis = new Redis(apiEnv.redis.url, { keyPrefix: apiEnv.redis.keyPrefix });
    const tracker = await startTracker({ db, redis: trackerRedis, keyPrefix: trackerEnv.redis.keyPrefix });
    const api = await startApi({ db, redis: apiRedis, redisPrefix: apiEnv.redis.keyPrefix });
    onCleanup(async () => {
      await Promise.all([tracker.close(), api.close()]);
      trackerRedis.disconnect();
      apiRedis.disconnect();
    });
    return { tracker, api };
  },
);

const byCounter = (rows: Data[]) =>
  Object.fromEntries(rows.map((r) => [`${r.capId}:${r.publisherId ?? "*"}`, r])) as Record<string, Data>;

describe("capPacing", () => {
  test("shows the tracker's live counters to the advertiser, and each publisher its own", async ({
    db,
    redis,
    factories,
    services,
  }) => {
    const { tracker, api } = services;
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser);
    const [p1, p2, stranger] = [
      await factories.createPublisher(),
      await factories.createPublisher(),
      await factories.createPublisher(),
    ];
    const link1 = await factories.createLink(p1, offer);
    const link2 = await factories.createLink(p2, offer);
    // One at a time, so the ids follow this order.
    const caps = [];
    for (const data of [
      { scope: "OFFER", publisherId: null, period: "DAILY", metric: "CONVERSIONS", limit: 10n },
      { scope: "PER_PUBLISHER", publisherId: null, period: "MONTHLY", metric: "BUDGET", limit: 100_000n },
      { scope: "PUBLISHER", publisherId: p1.id, period: "TOTAL", metric: "CONVERSIONS", limit: 3n },
    ] as const) {
      caps.push(await db.offerCap.create({ data: { offerId: offer.id, ...data } }));
    }
    const [offerDaily, perPublisher, p1Total] = caps.map((c) => String(c.id)) as [string, string, string];
    const owner = await callerFor(db, "ADVERTISER", advertiser);

    // Before any conversion there is no counter: counted in PostgreSQL, zero.
    const before = (await api.call(PACING, { offerId: String(offer.id) }, owner.key)).data
      ?.capPacing as Data[];
    expect(before).toHaveLength(4);
    expect(before.every((r) => r.used === "0" && r.source === "DATABASE")).toBe(true);

    // Two conversions for p1 and one for p2, through the tracker.
    const sent = [link1, link1, link2];
    for (const [i, link] of sent.entries()) {
      const click = await createRedisClick(redis, link);
      const answer = await getPostback(tracker, {
        click_id: click.id,
        txid: `PACE-${i}`,
        token: advertiser.postbackSecret,
      });
      expect(answer.body.status).toBe("recorded");
    }

    const rows = byCounter(
      (await api.call(PACING, { offerId: String(offer.id) }, owner.key)).data?.capPacing,
    );
    expect(rows[`${offerDaily}:*`]).toMatchObject({
      used: "3",
      limit: "10",
      remaining: "7",
      source: "REDIS",
    });
    expect(rows[`${perPublisher}:${p1.id}`]).toMatchObject({
      used: "3000",
      source: "REDIS",
      usedMoney: { amount: "3000", currency: "USD" },
      periodKey: periodKey("MONTHLY", new Date()),
    });
    expect(rows[`${perPublisher}:${p2.id}`]).toMatchObject({ used: "1500", source: "REDIS" });
    expect(rows[`${p1Total}:${p1.id}`]).toMatchObject({
      used: "2",
      remaining: "1",
      periodKey: "all",
      periodStart: null,
    });
    // Exactly the tracker's counter, read straight from Redis.
    const key = capCounterKey("", {
      offerId: offer.id,
      scope: "OFFER",
      publisherId: null,
      period: "DAILY",
      periodKey: periodKey("DAILY", new Date()),
      metric: "CONVERSIONS",
    });
    expect(await redis.get(key)).toBe("3");

    // A rejection frees the slot: pacing follows at once.
    const update = await getPostback(tracker, {
      offer_id: String(offer.id),
      txid: "PACE-0",
      status: "rejected",
      token: advertiser.postbackSecret,
    });
    expect(update.body.status).toBe("updated");
    const after = byCounter(
      (await api.call(PACING, { offerId: String(offer.id) }, owner.key)).data?.capPacing,
    );
    expect(after[`${offerDaily}:*`]?.used).toBe("2");
    expect(after[`${perPublisher}:${p1.id}`]?.used).toBe("1500");

    // Publishers see only their own counters.
    const asP1 = await callerFor(db, "PUBLISHER", p1);
    const p1Rows = (await api.call(PACING, { offerId: String(offer.id) }, asP1.key)).data
      ?.capPacing as Data[];
    expect(p1Rows.map((r) => [r.capId, r.publisherId, r.used])).toEqual([
      [perPublisher, String(p1.id), "1500"],
      [p1Total, String(p1.id), "1"],
    ]);
    const asP2 = await callerFor(db, "PUBLISHER", p2);
    const p2Rows = (await api.call(PACING, { offerId: String(offer.id) }, asP2.key)).data
      ?.capPacing as Data[];
    expect(p2Rows.map((r) => [r.capId, r.publisherId, r.used])).toEqual([
      [perPublisher, String(p2.id), "1500"],
    ]);

    // Admin and finance see everything; strangers get not_found.
    const finance = await callerFor(db, "FINANCE");
    expect((await api.call(PACING, { offerId: String(offer.id) }, finance.key)).data?.capPacing).toHaveLength(
      4,
    );
    const otherAdvertiser = await callerFor(db, "ADVERTISER", await factories.createAdvertiser());
    const asStranger = await callerFor(db, "PUBLISHER", stranger);
    for (const caller of [otherAdvertiser, asStranger]) {
      const answer = await api.call(PACING, { offerId: String(offer.id) }, caller.key);
      expect(answer.errors?.[0]?.extensions?.code).toBe("not_found");
    }
    const bad = await api.call(PACING, { offerId: "nope" }, owner.key);
    expect(bad.errors?.[0]?.extensions?.code).toBe("invalid_input");
  });
});
