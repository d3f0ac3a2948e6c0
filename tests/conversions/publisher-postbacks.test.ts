// Publisher postbacks: fired through BullMQ after the conversion is committed, retried with
// exponential backoff, one PostbackDelivery row per attempt.

import { createHmac } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createRedisClick,
  createWorld,
  describe,
  eventually,
  expect,
  getPostback,
  test as kitTest,
  startPublisherPostbacks,
  startTracker,
} from "../src/conversion-kit.ts";

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A publisher's endpoint: answers each request with the next status in `script` (then 200). */
async function publisherEndpoint(script: number[] = []) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const status = script.shift() ?? 200;
      if (status >= 300 && status < 400) res.setHeader("location", "http://169.254.169.254/latest/meta-data");
      res.writeHead(status).end("ok");
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const test = kitTest.extend("wired", { scope: "file" }, async ({ db, redis, redisPrefix }, { onCleanup }) => {
  const postbacks = startPublisherPostbacks(redis, redisPrefix, db);
  const tracker = await startTracker({ db, redis, conversionEvents: postbacks.events });
  onCleanup(async () => {
    await tracker.close();
    await postbacks.close();
  });
  return { tracker, postbacks };
});

describe("publisher postbacks", () => {
  test("fails twice then 200: three delivery rows, macros URL-encoded", async ({
    db,
    redis,
    factories,
    wired,
  }) => {
    const endpoint = await publisherEndpoint([500, 503]);
    try {
      const { advertiser, publisher, offer, link } = await createWorld(factories);
      const postback = await db.publisherPostback.create({
        data: {
          publisherId: publisher.id,
          urlTemplate: `${endpoint.base}/pb?cid={click_id}&s1={sub1}&src={source}&p={payout}&c={currency}&st={status}&t={txid}&o={offer_id}&g={goal}`,
        },
      });
      const click = await createRedisClick(redis, link, { subs: { sub1: "a b&c=d/é" }, source: "push ads" });
      const answer = await getPostback(wired.tracker, {
        click_id: click.id,
        txid: "ADV-ORDER",
        token: advertiser.postbackSecret,
      });
      const conversionId = String(answer.body.conversion_id);

      const deliveries = await eventually(async () => {
        const rows = await db.postbackDelivery.findMany({
          where: { postbackId: postback.id },
          orderBy: { attempt: "asc" },
        });
        return rows.length === 3 ? rows : null;
      });

      expect(deliveries.map((d) => [d.attempt, d.httpStatus, d.status])).toEqual([
        [1, 500, "APPROVED"],
        [2, 503, "APPROVED"],
        [3, 200, "APPROVED"],
      ]);
      expect(deliveries.every((d) => d.conversionId === conversionId && d.durationMs !== null)).toBe(true);
      const expectedUrl =
        `${endpoint.base}/pb?cid=${click.id}&s1=a%20b%26c%3Dd%2F%C3%A9&src=push%20ads&p=15.00&c=USD` +
        `&st=approved&t=${conversionId}&o=${offer.id}&g=default`;
      expect(deliveries.map((d) => d.url)).toEqual([expectedUrl, expectedUrl, expectedUrl]);
      expect(endpoint.received.map((r) => `${endpoint.base}${r.url}`)).toEqual([
        expectedUrl,
        expectedUrl,
        expectedUrl,
      ]);
      // The advertiser's order id never reaches the publisher.
      expect(expectedUrl).not.toContain("ADV-ORDER");
      // Nothing more arrives after success.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await db.postbackDelivery.count({ where: { postbackId: postback.id } })).toBe(3);
    } finally {
      await endpoint.close();
    }
  });

  test("POST_JSON is signed with the postback's secret", async ({ db, redis, factories, wired }) => {
    const endpoint = await publisherEndpoint();
    try {
      const { advertiser, publisher, offer, link } = await createWorld(factories);
      await db.publisherPostback.create({
        data: {
          publisherId: publisher.id,
          offerId: offer.id,
          method: "POST_JSON",
          urlTemplate: `${endpoint.base}/hook`,
          secret: "pub-secret",
        },
      });
      const click = await createRedisClick(redis, link, { subs: { sub3: "z" } });
      await getPostback(wired.tracker, { click_id: click.id, token: advertiser.postbackSecret });
      const request = await eventually(async () => endpoint.received[0]);
      expect(request.method).toBe("POST");
      expect(request.headers["content-type"]).toBe("application/json");
      expect(request.headers["x-leadrail-signature"]).toBe(
        `sha256=${createHmac("sha256", "pub-secret").update(request.body).digest("hex")}`,
      );
      expect(JSON.parse(request.body)).toMatchObject({
        click_id: click.id,
        offer_id: offer.id,
        status: "approved",
        payout: "15.00",
        currency: "USD",
        subs: { sub3: "z" },
      });
    } finally {
      await endpoint.close();
    }
  });

  test("a status change fires again; the status filter and offer-specific postbacks apply", async ({
    db,
    factories,
    wired,
  }) => {
    const endpoint = await publisherEndpoint();
    try {
      const { advertiser, publisher, offer, link } = await createWorld(factories, {
        confirmationMode: "MANUAL",
      });
      const other = await factories.createOffer(advertiser);
      // Global (replaced for `offer` by the offer's own), offer-specific for all statuses, and one
      // only for reversals.
      const global = await db.publisherPostback.create({
        data: { publisherId: publisher.id, urlTemplate: `${endpoint.base}/global?s={status}` },
      });
      const all = await db.publisherPostback.create({
        data: {
          publisherId: publisher.id,
          offerId: offer.id,
          urlTemplate: `${endpoint.base}/all?s={status}`,
        },
      });
      const reversals = await db.publisherPostback.create({
        data: {
          publisherId: publisher.id,
          offerId: offer.id,
          urlTemplate: `${endpoint.base}/rev?s={status}`,
          statuses: ["REVERSED"],
        },
      });
      await db.publisherPostback.create({
        data: { publisherId: publisher.id, offerId: other.id, urlTemplate: `${endpoint.base}/other` },
      });
      const click = await factories.createClick(link);
      const token = advertiser.postbackSecret;
      await getPostback(wired.tracker, { click_id: click.id, txid: "S-1", token });
      await eventually(async () => endpoint.received.length >= 1);
      await getPostback(wired.tracker, {
        offer_id: String(offer.id),
        txid: "S-1",
        status: "approved",
        token,
      });
      await eventually(async () => endpoint.received.length >= 2);
      await getPostback(wired.tracker, {
        offer_id: String(offer.id),
        txid: "S-1",
        status: "reversed",
        token,
      });
      await eventually(async () => endpoint.received.length >= 4);
      await new Promise((resolve) => setTimeout(resolve, 200));

      expect(endpoint.received.map((r) => r.url).sort()).toEqual(
        ["/all?s=approved", "/all?s=pending", "/all?s=reversed", "/rev?s=reversed"].sort(),
      );
      expect(await db.postbackDelivery.count({ where: { postbackId: global.id } })).toBe(0);
      expect(await db.postbackDelivery.count({ where: { postbackId: all.id } })).toBe(3);
      expect(await db.postbackDelivery.count({ where: { postbackId: reversals.id } })).toBe(1);
    } finally {
      await endpoint.close();
    }
  });

  test("a redirect is not followed and not retried; a 404 is not retried", async ({
    db,
    redis,
    factories,
    wired,
  }) => {
    const endpoint = await publisherEndpoint([302, 404]);
    try {
      const { advertiser, publisher, link } = await createWorld(factories);
      const first = await db.publisherPostback.create({
        data: { publisherId: publisher.id, urlTemplate: `${endpoint.base}/a` },
      });
      const click = await createRedisClick(redis, link);
      await getPostback(wired.tracker, { click_id: click.id, token: advertiser.postbackSecret });
      const [row] = await eventually(async () => {
        const rows = await db.postbackDelivery.findMany({ where: { postbackId: first.id } });
        return rows.length > 0 ? rows : null;
      });
      expect(row).toMatchObject({
        attempt: 1,
        httpStatus: 302,
        error: expect.stringContaining("redirect not followed"),
      });

      await db.publisherPostback.update({ where: { id: first.id }, data: { active: false } });
      const second = await db.publisherPostback.create({
        data: { publisherId: publisher.id, urlTemplate: `${endpoint.base}/b` },
      });
      const click2 = await createRedisClick(redis, link);
      await getPostback(wired.tracker, { click_id: click2.id, token: advertiser.postbackSecret });
      await eventually(
        async () => (await db.postbackDelivery.count({ where: { postbackId: second.id } })) > 0,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await db.postbackDelivery.findMany({ where: { postbackId: second.id } })).toMatchObject([
        { attempt: 1, httpStatus: 404 },
      ]);
      // Only the metadata-address redirect's first request ever reached the endpoint: not followed.
      expect(endpoint.received.map((r) => r.url)).toEqual(["/a", "/b"]);
    } finally {
      await endpoint.close();
    }
  });

  test("an unreachable endpoint is retried 5 times in all, each attempt recorded", async ({
    db,
    redis,
    factories,
    wired,
  }) => {
    const { advertiser, publisher, link } = await createWorld(factories);
    // A port nothing listens on.
    const closed = await publisherEndpoint();
    await closed.close();
    const postback = await db.publisherPostback.create({
      data: { publisherId: publisher.id, urlTemplate: `${closed.base}/x` },
    });
    const click = await createRedisClick(redis, link);
    await getPostback(wired.tracker, { click_id: click.id, token: advertiser.postbackSecret });
    const rows = await eventually(async () => {
      const found = await db.postbackDelivery.findMany({
        where: { postbackId: postback.id },
        orderBy: { attempt: "asc" },
      });
      return found.length === 5 ? found : null;
    });
    expect(rows.map((r) => [r.attempt, r.httpStatus])).toEqual([
      [1, null],
      [2, null],
      [3, null],
      [4, null],
      [5, null],
    ]);
    expect(rows.every((r) => r.error !== null)).toBe(true);
  });
});
