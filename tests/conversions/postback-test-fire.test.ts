// A publisher's "Test fire": testPostbackTemplate queues one delivery of a template with sample values
// through the same outbox, relay, worker and attempt log as real conversion events, and the attempt
// shows on the template (recentDeliveries, test: true).

import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { callerFor, expectOk, startApi } from "../api/harness.ts";
import { mutation } from "../api/operations.ts";
import { describe, eventually, expect, startPublisherPostbacks, test } from "../src/conversion-kit.ts";

async function receiver(answer: number) {
  const received: { method: string; url: string; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      received.push({ method: req.method ?? "", url: req.url ?? "", body });
      res.writeHead(answer).end("ok");
    });
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

const SET = mutation("setPostbackTemplate", "$i: PostbackTemplateInput!", "input: $i", "{ id }");
const TEST_FIRE = mutation("testPostbackTemplate", "$id: ID!", "id: $id", "");
const REMOVE = mutation("removePostbackTemplate", "$id: ID!", "id: $id", "");
const DELIVERIES = `{ postbackTemplates { edges { node { id recentDeliveries {
  id test conversionId status attempt url httpStatus error createdAt } } } } }`;

describe("postback test fire", () => {
  test("reaches the publisher's receiver once with sample values and shows on the template", async ({
    db,
    redis,
    redisPrefix,
    factories,
  }) => {
    const ok = await receiver(200);
    const failing = await receiver(500);
    const api = await startApi({ db, redis, redisPrefix, allowPrivatePostbackTargets: true });
    const postbacks = startPublisherPostbacks(redis, redisPrefix, db);
    try {
      const publisher = await factories.createPublisher({ payoutCurrency: "EUR" });
      const pub = await callerFor(db, "PUBLISHER", publisher);
      // Saved switched off: a template can be tried before it goes live.
      const template = expectOk(
        await api.call(
          SET,
          {
            i: {
              method: "GET",
              active: false,
              urlTemplate: `${ok.base}/pb?c={click_id}&t={conversion_id}&s={status}&p={payout}&cur={currency}&g={goal}&s1={sub1}&o={offer_id}`,
            },
          },
          pub.key,
        ),
        "setPostbackTemplate",
      );

      const outboxId = String(
        expectOk(await api.call(TEST_FIRE, { id: template.id }, pub.key), "testPostbackTemplate"),
      );
      const row = await db.postbackOutbox.findUniqueOrThrow({ where: { id: BigInt(outboxId) } });
      expect(row).toMatchObject({
        publisherId: publisher.id,
        postbackId: Number(template.id),
        conversionId: null,
      });

      await eventually(async () => ok.received.length >= 1);
      expect(ok.received).toEqual([
        {
          method: "GET",
          url: `/pb?c=test&t=test-${outboxId}&s=approved&p=0.00&cur=EUR&g=test&s1=test&o=0`,
          body: "",
        },
      ]);
      const seen = await eventually(async () => {
        const answer = await api.call(DELIVERIES, {}, pub.key);
        const nodes = answer.data?.postbackTemplates.edges.map((e: { node: unknown }) => e.node);
        return nodes?.[0]?.recentDeliveries.length > 0 ? nodes[0] : null;
      });
      expect(seen.recentDeliveries).toEqual([
        expect.objectContaining({
          test: true,
          conversionId: null,
          status: "APPROVED",
          attempt: 1,
          url: `${ok.base}/pb?c=test&t=test-${outboxId}&s=approved&p=0.00&cur=EUR&g=test&s1=test&o=0`,
          httpStatus: 200,
          error: null,
        }),
      ]);
      const audited = await db.auditLog.findFirst({
        where: { action: "postback_template.test_fire", entityId: String(template.id) },
      });
      expect(audited?.actorUserId).toBe(pub.user.id);

      // A failing receiver: one attempt, recorded, and no retry (the worker's default is 5 attempts).
      const bad = expectOk(
        await api.call(SET, { i: { method: "POST_JSON", urlTemplate: `${failing.base}/hook` } }, pub.key),
        "setPostbackTemplate",
      );
      const badOutbox = String(
        expectOk(await api.call(TEST_FIRE, { id: bad.id }, pub.key), "testPostbackTemplate"),
      );
      await eventually(async () => {
        const job = await postbacks.queue.getJob(`ob-${badOutbox}-${bad.id}`);
        return (await job?.getState()) === "failed";
      });
      const attempts = await db.postbackDelivery.findMany({ where: { postbackId: Number(bad.id) } });
      expect(attempts).toMatchObject([{ test: true, httpStatus: 500, attempt: 1 }]);
      expect(failing.received).toHaveLength(1);
      expect(JSON.parse(failing.received[0]?.body ?? "{}")).toMatchObject({
        txid: `test-${badOutbox}`,
        click_id: "test",
        status: "approved",
        payout: "0.00",
        currency: "EUR",
        goal: "test",
      });

      // Test fires are no reason to keep a template: it can still be removed.
      expectOk(await api.call(REMOVE, { id: template.id }, pub.key), "removePostbackTemplate");
      expect(await db.postbackDelivery.count({ where: { postbackId: Number(template.id) } })).toBe(0);
    } finally {
      await postbacks.close();
      await api.close();
      await ok.close();
      await failing.close();
    }
  });

  test("another publisher's template cannot be fired; rows without conversion or template are refused", async ({
    db,
    redis,
    redisPrefix,
    factories,
  }) => {
    const api = await startApi({ db, redis, redisPrefix });
    try {
      const owner = await factories.createPublisher();
      const other = await callerFor(db, "PUBLISHER", await factories.createPublisher());
      const template = await db.publisherPostback.create({
        data: { publisherId: owner.id, urlTemplate: "https://owner.example/pb?c={click_id}" },
      });
      const answer = await api.call(TEST_FIRE, { id: template.id }, other.key);
      expect(answer.data?.testPostbackTemplate).toMatchObject({
        __typename: "DomainError",
        code: "not_found",
      });
      expect(await db.postbackOutbox.count({ where: { postbackId: template.id } })).toBe(0);
      // The database keeps the two kinds of outbox rows apart: a conversion event or a test fire.
      await expect(
        db.postbackOutbox.create({ data: { publisherId: owner.id, status: "APPROVED" } }),
      ).rejects.toThrow(/postback_outbox_event_or_test_check/);
      await expect(
        db.postbackDelivery.create({
          data: { postbackId: template.id, status: "APPROVED", attempt: 1, url: "https://owner.example/" },
        }),
      ).rejects.toThrow(/postback_deliveries_conversion_or_test_check/);
    } finally {
      await api.close();
    }
  });
});
