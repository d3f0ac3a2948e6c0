// The transactional outbox of publisher postbacks: an outbox row commits with each conversion change
// (tracker postbacks and the API's lead decisions alike), and the relay moves it into BullMQ. A Redis
// outage between the commit and the enqueue delays the postback instead of losing it, and two relays
// never queue one row twice.

import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { pino } from "pino";
import {
  createOutboxRelay,
  type OutboxEvent,
  postbackOutboxSource,
} from "../../tracker/src/postbacks/outbox-relay.ts";
import { callerFor, startApi } from "../api/harness.ts";
import { mutation } from "../api/operations.ts";
import {
  createRedisClick,
  createWorld,
  describe,
  eventually,
  expect,
  getPostback,
  startPublisherPostbacks,
  test,
} from "../src/conversion-kit.ts";
import { startTcpProxy } from "../src/processes.ts";

async function receiver() {
  const received: string[] = [];
  const server = createServer((req, res) => {
    received.push(req.url ?? "");
    res.writeHead(200).end("ok");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const LEAD = "{ id status }";
const CONFIRM = mutation("confirmLeads", "$ids: [ID!]!", "ids: $ids", LEAD);
const REJECT = mutation("rejectLeads", "$ids: [ID!]!, $reason: String!", "ids: $ids, reason: $reason", LEAD);
const RETURN = mutation("returnLead", "$id: ID!, $reason: String!", "id: $id, reason: $reason", LEAD);

describe("publisher postback outbox", () => {
  test("the API's confirm, reject and return fire the publisher's postback", async ({
    db,
    redis,
    redisPrefix,
    factories,
  }) => {
    const endpoint = await receiver();
    const api = await startApi({ db, redis, redisPrefix });
    const postbacks = startPublisherPostbacks(redis, redisPrefix, db);
    try {
      const { advertiser, publisher, offer } = await createWorld(factories, {
        confirmationMode: "MANUAL",
        returnWindowDays: 7,
      });
      await db.publisherPostback.create({
        data: { publisherId: publisher.id, urlTemplate: `${endpoint.base}/pb?t={txid}&s={status}` },
      });
      const pending = (status: "PENDING" | "APPROVED") =>
        factories.createConversion(offer, publisher, { status, approvedAt: new Date() });
      const [toConfirm, toReject, toReturn] = [
        await pending("PENDING"),
        await pending("PENDING"),
        await pending("APPROVED"),
      ];
      const adv = await callerFor(db, "ADVERTISER", advertiser);

      const answers = [
        await api.call(CONFIRM, { ids: [toConfirm.id] }, adv.key),
        await api.call(REJECT, { ids: [toReject.id], reason: "fake phone" }, adv.key),
        await api.call(RETURN, { id: toReturn.id, reason: "customer cancelled" }, adv.key),
      ];
      expect(answers.map((a) => a.errors)).toEqual([undefined, undefined, undefined]);

      await eventually(async () => endpoint.received.length >= 3);
      expect(endpoint.received.sort()).toEqual(
        [
          `/pb?t=${toConfirm.id}&s=approved`,
          `/pb?t=${toReject.id}&s=rejected`,
          `/pb?t=${toReturn.id}&s=reversed`,
        ].sort(),
      );
      const outbox = await db.postbackOutbox.findMany({
        where: { conversionId: { in: [toConfirm.id, toReject.id, toReturn.id] } },
      });
      expect(outbox.map((row) => row.status).sort()).toEqual(["APPROVED", "REJECTED", "REVERSED"]);
      expect(outbox.every((row) => row.dispatchedAt !== null)).toBe(true);
    } finally {
      await postbacks.close();
      await api.close();
      await endpoint.close();
    }
  });

  test("a refused decision writes no outbox row", async ({ db, redis, redisPrefix, factories }) => {
    const api = await startApi({ db, redis, redisPrefix });
    try {
      const { advertiser, publisher, offer } = await createWorld(factories, { confirmationMode: "MANUAL" });
      const approved = await factories.createConversion(offer, publisher, { status: "APPROVED" });
      const adv = await callerFor(db, "ADVERTISER", advertiser);
      const answer = await api.call(REJECT, { ids: [approved.id], reason: "too late" }, adv.key);
      expect(answer.data?.rejectLeads).toMatchObject({ __typename: "DomainError", code: "conflict" });
      expect(await db.postbackOutbox.count({ where: { conversionId: approved.id } })).toBe(0);
    } finally {
      await api.close();
    }
  });

  test("Redis away between the commit and the enqueue: delivered once, after it is back", async ({
    db,
    redis,
    redisPrefix,
    redisUrl,
    factories,
    tracker,
  }) => {
    const endpoint = await receiver();
    const target = new URL(redisUrl);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    // The queue (and its worker) reach Redis only through the proxy; the conversion path does not.
    const connection = new Redis(proxy.port, "127.0.0.1", { maxRetriesPerRequest: null });
    connection.on("error", () => undefined);
    const postbacks = startPublisherPostbacks(redis, redisPrefix, db, {
      connection,
      relayDispatchTimeoutMs: 500,
    });
    try {
      const { advertiser, publisher, link } = await createWorld(factories);
      const postback = await db.publisherPostback.create({
        data: { publisherId: publisher.id, urlTemplate: `${endpoint.base}/late?t={txid}` },
      });
      await proxy.stop();
      const click = await createRedisClick(redis, link);
      const answer = await getPostback(tracker, { click_id: click.id, token: advertiser.postbackSecret });
      expect(answer.body.status).toBe("recorded");
      const conversionId = String(answer.body.conversion_id);

      // Committed with its outbox row; the relay keeps failing to enqueue it and gives it back.
      const [row] = await db.postbackOutbox.findMany({ where: { conversionId } });
      expect(row).toMatchObject({ status: "APPROVED", dispatchedAt: null });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await db.postbackOutbox.findUnique({ where: { id: row?.id } })).toMatchObject({
        dispatchedAt: null,
      });
      expect(endpoint.received).toEqual([]);

      await proxy.start();
      await eventually(async () => endpoint.received.length >= 1, 30_000);
      await eventually(
        async () => (await db.postbackOutbox.findUnique({ where: { id: row?.id } }))?.dispatchedAt,
        30_000,
      );
      // Once, although enqueues sent during the outage may have reached Redis late (same job id).
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(endpoint.received).toEqual([`/late?t=${conversionId}`]);
      expect(await db.postbackDelivery.count({ where: { postbackId: postback.id } })).toBe(1);
    } finally {
      await postbacks.close();
      await proxy.stop();
      await endpoint.close();
    }
  });

  test("two relays never queue one outbox row twice", async ({ db, redis, redisPrefix, factories }) => {
    const endpoint = await receiver();
    // Worker only: the two relays under test are the only ones.
    const postbacks = startPublisherPostbacks(redis, redisPrefix, db, { relay: false });
    try {
      const { publisher, offer } = await createWorld(factories);
      await db.publisherPostback.create({
        data: { publisherId: publisher.id, urlTemplate: `${endpoint.base}/two?t={txid}` },
      });
      const conversions = [];
      for (let i = 0; i < 60; i++) conversions.push(await factories.createConversion(offer, publisher));
      await db.postbackOutbox.createMany({
        data: conversions.map((c) => ({
          conversionId: c.id,
          offerId: offer.id,
          publisherId: publisher.id,
          status: "APPROVED" as const,
        })),
      });

      const dispatched: bigint[][] = [[], []];
      const relays = [0, 1].map((n) =>
        createOutboxRelay({
          db,
          logger: pino({ level: "silent" }),
          intervalMs: 10,
          batchSize: 7,
          sources: [
            postbackOutboxSource(async (events: OutboxEvent[]) => {
              dispatched[n]?.push(...events.map((e) => e.id));
              // Hold the claimed rows a little so that the other relay runs meanwhile.
              await new Promise((resolve) => setTimeout(resolve, 20));
              await postbacks.dispatch(events);
            }),
          ],
        }),
      );
      await Promise.all(
        relays.map(async (relay) => {
          while ((await relay.relayOnce()) > 0) {}
        }),
      );

      const [first = [], second = []] = dispatched;
      const all = [...first, ...second].map(String);
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBe(60);
      // Both took part: the rows were shared, not taken by one relay after the other had finished.
      expect(first.length).toBeGreaterThan(0);
      expect(second.length).toBeGreaterThan(0);

      await eventually(async () => endpoint.received.length >= 60, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(endpoint.received.length).toBe(60);
      expect(new Set(endpoint.received)).toEqual(new Set(conversions.map((c) => `/two?t=${c.id}`)));
    } finally {
      await postbacks.close();
      await endpoint.close();
    }
  });
});
