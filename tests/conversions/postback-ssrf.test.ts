// The SSRF guard on publisher postbacks: by default a template that reaches a loopback, private,
// link-local (metadata) address, directly or through a name, is refused at delivery: one attempt row
// saying why, no retry, no request. POSTBACK_ALLOW_PRIVATE_NETWORKS lets them through. Each test
// starts its own worker and relay (one at a time: they share this file's outbox).

import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { send } from "../../tracker/src/postbacks/delivery.ts";
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

async function receiver() {
  const received: { url: string; host: string | undefined }[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    received.push({ url: req.url ?? "", host: req.headers.host });
    res.writeHead(200).end("ok");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    port: (server.address() as AddressInfo).port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("publisher postbacks: SSRF guard", () => {
  test("default mode refuses loopback, private, metadata, [::1] and localhost targets, once each", async ({
    db,
    redis,
    redisPrefix,
    factories,
    tracker,
  }) => {
    const endpoint = await receiver();
    const postbacks = startPublisherPostbacks(redis, redisPrefix, db, { allowPrivateNetworks: false });
    try {
      const { advertiser, publisher, link } = await createWorld(factories);
      const targets = {
        loopback: `http://127.0.0.1:${endpoint.port}/a?c={click_id}`,
        private: `http://10.0.0.1:${endpoint.port}/b`,
        metadata: "http://169.254.169.254/latest/meta-data/iam/",
        ipv6Loopback: `http://[::1]:${endpoint.port}/d`,
        localhost: `http://localhost:${endpoint.port}/e`,
      };
      const ids: Record<string, number> = {};
      for (const [name, urlTemplate] of Object.entries(targets)) {
        ids[name] = (
          await db.publisherPostback.create({ data: { publisherId: publisher.id, urlTemplate } })
        ).id;
      }
      const click = await createRedisClick(redis, link);
      const answer = await getPostback(tracker, { click_id: click.id, token: advertiser.postbackSecret });
      expect(answer.body.status).toBe("recorded");

      const rows = await eventually(async () => {
        const found = await db.postbackDelivery.findMany({
          where: { postbackId: { in: Object.values(ids) } },
        });
        return found.length >= 5 ? found : null;
      });
      const errorOf = (name: string) => rows.find((row) => row.postbackId === ids[name])?.error;
      expect(errorOf("loopback")).toBe("blocked: 127.0.0.1 is a loopback address");
      expect(errorOf("private")).toBe("blocked: 10.0.0.1 is a private address");
      expect(errorOf("metadata")).toBe("blocked: 169.254.169.254 is a link-local address");
      expect(errorOf("ipv6Loopback")).toBe("blocked: ::1 is a loopback address");
      expect(errorOf("localhost")).toMatch(
        /^blocked: localhost resolves to (127\.0\.0\.1|::1), a loopback address$/,
      );
      expect(rows.every((row) => row.attempt === 1 && row.httpStatus === null)).toBe(true);

      // Not retried (a retry would come after about 20 ms here), and nothing reached the receiver.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await db.postbackDelivery.count({ where: { postbackId: { in: Object.values(ids) } } })).toBe(5);
      expect(endpoint.received).toEqual([]);
    } finally {
      await postbacks.close();
      await endpoint.close();
    }
  });

  test("POSTBACK_ALLOW_PRIVATE_NETWORKS delivers to 127.0.0.1", async ({
    db,
    redis,
    redisPrefix,
    factories,
    tracker,
  }) => {
    const endpoint = await receiver();
    const postbacks = startPublisherPostbacks(redis, redisPrefix, db, { allowPrivateNetworks: true });
    try {
      const { advertiser, publisher, link } = await createWorld(factories);
      const postback = await db.publisherPostback.create({
        data: { publisherId: publisher.id, urlTemplate: `http://127.0.0.1:${endpoint.port}/ok?c={click_id}` },
      });
      const click = await createRedisClick(redis, link);
      await getPostback(tracker, { click_id: click.id, token: advertiser.postbackSecret });
      const [row] = await eventually(async () => {
        const found = await db.postbackDelivery.findMany({ where: { postbackId: postback.id } });
        return found.length > 0 ? found : null;
      });
      expect(row).toMatchObject({ attempt: 1, httpStatus: 200, error: null });
      expect(endpoint.received.map((r) => r.url)).toEqual([`/ok?c=${click.id}`]);
    } finally {
      await postbacks.close();
      await endpoint.close();
    }
  });

  test("the connection goes to the pinned address: the URL's host is never resolved again", async () => {
    const endpoint = await receiver();
    try {
      // `.invalid` never resolves (RFC 6761): reaching the receiver proves no second lookup happened.
      const url = `http://pinned.invalid:${endpoint.port}/p`;
      const sent = await send({ url, method: "GET", headers: {}, body: null }, 5000, {
        address: "127.0.0.1",
        family: 4,
      });
      expect(sent).toMatchObject({ httpStatus: 200, error: null });
      expect(endpoint.received).toEqual([{ url: "/p", host: `pinned.invalid:${endpoint.port}` }]);
    } finally {
      await endpoint.close();
    }
  });
});
