// One tracker app wired as server.ts wires it, with a non-empty REDIS_KEY_PREFIX and the tracker's one
// convention (redis-clients.ts): no connection has an ioredis `keyPrefix`, every key is a full name
// built from the prefix, on the click path and the conversion routes alike. A click, a postback and a
// lead form through that one app must agree on every key: the postback and the form find their clicks
// in Redis (no click writer runs, so PostgreSQL has none of them), and every key they leave — stream,
// pointers, unique keys, cap counters, the auth-failure counter — carries the prefix exactly once.
// An app whose two halves are given different prefixes is refused outright.
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { capCounterKey, periodKey } from "@leadrail/db";
import { Redis } from "ioredis";
import { pino } from "pino";
import { Registry } from "prom-client";
import { createTrackerApp } from "../../tracker/src/app.ts";
import { createClickPath } from "../../tracker/src/clicks/click-path.ts";
import { sharedIpCountryDatabase } from "../../tracker/src/clicks/visitor/ip-country.ts";
import { authFailuresKey } from "../../tracker/src/conversions/auth-failure-limit.ts";
import {
  createClickWriteConnection,
  createConnection,
  waitUntilReady,
} from "../../tracker/src/redis-clients.ts";
import { recentClicksKey, streamKey } from "../../tracker/src/tracking/click-record.ts";
import { describe, expect, test } from "../src/fixtures.ts";
import { click, clickSettings, streamClicks, streamLength } from "../src/tracker.ts";

const BROWSER_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/** Every key in Redis whose name contains `marker`, whatever its prefix. */
async function keysContaining(redis: Redis, marker: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `*${marker}*`, "COUNT", 1000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== "0");
  return found;
}

function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no hidden ${name} in the form`);
  return match[1] ?? "";
}

describe("one tracker app, one non-empty prefix", () => {
  test("click, postback and lead form share the prefixed keys", async ({
    db,
    databaseUrl,
    redis,
    redisUrl,
    redisPrefix,
    factories,
  }) => {
    expect(redisPrefix).not.toBe("");
    const logger = pino({ level: "silent" });
    // A secret of this test's own: the IP hashes (part of the unique keys) are then unique to it.
    const ipHashSecret = randomBytes(16).toString("hex");
    const clickRedis = createClickWriteConnection(redisUrl, logger);
    await waitUntilReady(clickRedis, 5000);
    const subscriber = createConnection(redisUrl, logger, "one-prefix subscriber");
    const conversionRedis = createConnection(redisUrl, logger, "one-prefix conversions");
    // The convention itself: no tracker connection lets ioredis add a prefix.
    for (const connection of [clickRedis, subscriber, conversionRedis]) {
      expect(connection.options.keyPrefix ?? "").toBe("");
    }
    const plain = new Redis(redisUrl);
    const registry = new Registry();
    const clickPath = await createClickPath({
      redis: clickRedis,
      subscriber,
      db,
      logger,
      registry,
      keyPrefix: redisPrefix,
      settings: clickSettings({ db, databaseUrl, redisUrl, redisPrefix }, { IP_HASH_SECRET: ipHashSecret }),
      geo: sharedIpCountryDatabase(),
    });
    const app = createTrackerApp({
      redis: clickRedis,
      conversionRedis,
      db,
      logger,
      registry,
      keyPrefix: redisPrefix,
      clicks: clickPath.deps,
      authFailureLimit: { limit: 5, windowSeconds: 60 },
    });
    // Two prefixes in one app would split its keys in two: refused when it is built.
    expect(() =>
      createTrackerApp({
        redis: clickRedis,
        db,
        logger,
        keyPrefix: `${redisPrefix}other:`,
        clicks: clickPath.deps,
      }),
    ).toThrow(/same REDIS_KEY_PREFIX/);
    const server = createServer(app.handle);
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    try {
      const advertiser = await factories.createAdvertiser();
      const publisher = await factories.createPublisher();
      const offer = await factories.createOffer(advertiser, {
        landingUrl: "https://adv.example/lp?cid={click_id}",
        leadFormFields: [
          { name: "name", label: "Name", type: "text", required: true },
          { name: "email", label: "E-mail", type: "email", required: true },
        ],
      });
      await db.offerCap.create({
        data: { offerId: offer.id, scope: "OFFER", period: "TOTAL", metric: "CONVERSIONS", limit: 100n },
      });
      const link = await factories.createLink(publisher, offer);

      // Two clicks: one converts by postback, the other by the hosted lead form.
      const clickIds: string[] = [];
      for (const sub1 of ["by-postback", "by-form"]) {
        const res = await click(base, `/c/${link.code}?sub1=${sub1}`, { "user-agent": BROWSER_UA });
        expect(res.status).toBe(302);
        const id = new URL(res.headers.get("location") ?? "").searchParams.get("cid");
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        clickIds.push(id ?? "");
      }
      const [postbackClick = "", formClick = ""] = clickIds;

      const postback = await fetch(
        `${base}/postback?${new URLSearchParams({ click_id: postbackClick, txid: `one-${postbackClick}`, token: advertiser.postbackSecret })}`,
      );
      expect(await postback.json()).toMatchObject({ status: "recorded" });

      const form = await (await fetch(`${base}/f/${link.code}?click_id=${formClick}`)).text();
      const submitted = await fetch(`${base}/f/${link.code}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          click_id: hidden(form, "click_id"),
          form_token: hidden(form, "form_token"),
          name: "Ada Lovelace",
          email: "ada@example.com",
        }),
      });
      expect(submitted.status).toBe(200);

      // Attributed through Redis: both conversions credit the publisher and link with the clicks'
      // sub ids, while no click writer ran and PostgreSQL holds none of the clicks.
      const conversions = await db.conversion.findMany({
        where: { offerId: offer.id },
        orderBy: { convertedAt: "asc" },
      });
      expect(
        conversions.map((c) => [c.clickId, c.source, c.status, c.publisherId, c.linkId, c.subs]),
      ).toEqual([
        [postbackClick, "POSTBACK", "APPROVED", publisher.id, link.id, { sub1: "by-postback" }],
        [formClick, "LEAD_FORM", "APPROVED", publisher.id, link.id, { sub1: "by-form" }],
      ]);
      expect(conversions.every((c) => c.clickAt !== null)).toBe(true);
      expect(await db.click.count({ where: { id: { in: clickIds } } })).toBe(0);

      // Every key this traffic left carries the prefix: the stream, the recent-click pointer hashes,
      // the unique keys (named by the IP hash), the cap counter.
      const streamed = await streamClicks(redis);
      const ipHash = streamed[0]?.click.ipHash ?? "";
      expect(ipHash).not.toBe("");
      expect(await streamLength(plain, streamKey(redisPrefix))).toBe(2);
      for (const { click: c } of streamed) {
        expect(await plain.hget(recentClicksKey(redisPrefix, c.createdAt), c.id)).not.toBeNull();
        expect(await plain.exists(recentClicksKey("", c.createdAt))).toBe(0);
      }
      const keys = await keysContaining(plain, ipHash);
      expect(keys.filter((key) => !key.startsWith(redisPrefix))).toEqual([]);
      expect(keys.filter((key) => key.includes("clicks:unique:")).length).toBeGreaterThan(0);
      const cap = {
        offerId: offer.id,
        scope: "OFFER" as const,
        publisherId: null,
        period: "TOTAL" as const,
        periodKey: periodKey("TOTAL", new Date()),
        metric: "CONVERSIONS" as const,
      };
      expect(await plain.get(capCounterKey(redisPrefix, cap))).toBe("2");
      expect(await plain.exists(capCounterKey("", cap))).toBe(0);
      expect(await plain.exists(capCounterKey(`${redisPrefix}${redisPrefix}`, cap))).toBe(0);

      // A postback with a wrong token is counted under the prefix, by the client's address.
      const refused = await fetch(
        `${base}/postback?${new URLSearchParams({ click_id: postbackClick, txid: "wrong-token", token: "not-the-secret" })}`,
      );
      expect(refused.status).toBeGreaterThanOrEqual(400);
      const counted = await keysContaining(plain, `${redisPrefix}postback:auth-failures:`);
      expect(counted.length).toBe(1);
      expect(counted[0]?.startsWith(authFailuresKey(redisPrefix, ""))).toBe(true);
      expect(await plain.get(counted[0] ?? "")).toBe("1");
    } finally {
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
      await clickPath.close();
      clickRedis.disconnect();
      conversionRedis.disconnect();
      plain.disconnect();
    }
  });
});
