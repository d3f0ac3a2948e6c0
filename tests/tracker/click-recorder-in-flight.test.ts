// CLICK_MAX_IN_FLIGHT: how many group-commit batches may wait on Redis at once. Redis's replies are
// held back by a proxy in this file, so a batch stays in flight for as long as the test wants, and
// the test counts the batches sent meanwhile.
import { once } from "node:events";
import { createConnection, createServer, type Socket } from "node:net";
import { setImmediate as nextTurn } from "node:timers/promises";
import { Redis } from "ioredis";
import { createClickRecorder } from "../../tracker/src/clicks/click-recorder.ts";
import { streamKey } from "../../tracker/src/tracking/click-record.ts";
import { describe, expect, test } from "../src/fixtures.ts";
import { clickRecord, recordClick, streamLength } from "../src/tracker.ts";

/** A TCP proxy to Redis whose replies can be held back and let through. */
async function replyHoldingProxy(target: URL) {
  let holding = false;
  const held: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => undefined);
    }
    client.pipe(upstream);
    upstream.on("data", (chunk: Buffer) => {
      if (holding) held.push(() => client.write(chunk));
      else client.write(chunk);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    port: (server.address() as { port: number }).port,
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      for (const send of held.splice(0)) send();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const nthClick = (n: number) =>
  clickRecord({ id: `01a2${String(n).padStart(4, "0")}-0000-7000-8000-000000000000` });

describe("click recorder: batches in flight", () => {
  for (const maxInFlight of [1, 3]) {
    test(`at most ${maxInFlight} batch(es) wait on Redis; later clicks join the next batch`, async ({
      redisUrl,
      redisPrefix,
    }) => {
      const proxy = await replyHoldingProxy(new URL(redisUrl));
      const viaProxy = new Redis(proxy.port, "127.0.0.1", { maxRetriesPerRequest: 1 });
      const plain = new Redis(redisUrl);
      const keyPrefix = `${redisPrefix}inflight-${maxInFlight}:`;
      const flushes: number[] = [];
      const recorder = createClickRecorder({
        redis: viaProxy,
        keyPrefix,
        writeTimeoutMs: 10_000,
        maxPending: 100,
        maxInFlight,
        onFlush: (size) => flushes.push(size),
      });
      try {
        await viaProxy.ping();
        proxy.hold();
        // Five clicks, each in its own event-loop turn: with no limit each would be its own batch.
        const recorded: Promise<boolean>[] = [];
        for (let n = 0; n < 5; n++) {
          recorded.push(recordClick(recorder, { kind: "rejected", click: nthClick(n) }));
          await nextTurn();
          await nextTurn();
        }
        expect(flushes).toEqual(Array.from({ length: maxInFlight }, () => 1));
        expect(recorder.pending).toBe(5);

        proxy.release();
        // Once replies flow, the waiting clicks leave as one batch.
        await expect(Promise.all(recorded)).resolves.toEqual([false, false, false, false, false]);
        expect(flushes).toEqual([...Array.from({ length: maxInFlight }, () => 1), 5 - maxInFlight]);
        expect(await streamLength(plain, streamKey(keyPrefix))).toBe(5);
      } finally {
        proxy.release();
        await recorder.close();
        viaProxy.disconnect();
        await plain.del(streamKey(keyPrefix));
        plain.disconnect();
        await proxy.close();
      }
    });
  }
});
