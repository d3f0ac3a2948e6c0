// Test kit for the conversion endpoints: the tracker app running in-process on this file's database
// and Redis prefix, plus helpers to make clicks the way the click path stores them.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Advertiser, Db, Offer, Publisher, TrackingLink } from "@leadrail/db";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { createTrackerApp, type TrackerDeps } from "../../tracker/src/app.ts";
import { STREAM_FIELD } from "../../tracker/src/clicks/click-codec.ts";
import {
  createPublisherPostbacks,
  type PublisherPostbackOptions,
} from "../../tracker/src/postbacks/publisher-postbacks.ts";
import { type ClickRecord, recentClicksKey, streamKey } from "../../tracker/src/tracking/click-record.ts";
import type { Factories } from "./factories.ts";
import { test as base } from "./fixtures.ts";
import { acceptedClickRecord } from "./tracker.ts";

export { describe, expect } from "./fixtures.ts";

export interface RunningTracker {
  url: string;
  close(): Promise<void>;
}

export async function startTracker(deps: Omit<TrackerDeps, "logger"> & { logger?: TrackerDeps["logger"] }) {
  const app = createTrackerApp({ logger: pino({ level: "silent" }), ...deps });
  const server = createServer(app.handle);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  } satisfies RunningTracker;
}

/** The integration `test` plus `tracker`: one in-process tracker per file. */
export const test = base.extend("tracker", { scope: "file" }, async ({ db, redis }, { onCleanup }) => {
  const tracker = await startTracker({ db, redis });
  onCleanup(() => tracker.close());
  return tracker;
});

export interface World {
  advertiser: Advertiser;
  publisher: Publisher;
  offer: Offer;
  link: TrackingLink;
}

/** An advertiser, a publisher and an offer (CPL 15.00 / 20.00 USD unless overridden) with a link. */
export async function createWorld(
  factories: Factories,
  offerOverrides: Parameters<Factories["createOffer"]>[1] = {},
): Promise<World> {
  const advertiser = await factories.createAdvertiser();
  const publisher = await factories.createPublisher();
  const offer = await factories.createOffer(advertiser, offerOverrides);
  const link = await factories.createLink(publisher, offer);
  return { advertiser, publisher, offer, link };
}

/**
 * A click as the click path leaves it before the click writer has stored it: only in Redis, in an
 * entry of the click stream with its pointer in its minute's hash (the fixture client adds the file's
 * prefix, as the tracker's client adds REDIS_KEY_PREFIX). No writer group reads the file's stream
 * unless the test starts one.
 */
export async function createRedisClick(
  redis: Redis,
  link: TrackingLink,
  overrides: Partial<ClickRecord> = {},
): Promise<ClickRecord> {
  const record = acceptedClickRecord(link, overrides);
  const entry = await redis.xadd(streamKey(""), "*", STREAM_FIELD, JSON.stringify(record));
  await redis.hset(recentClicksKey("", record.createdAt), record.id, entry ?? "");
  return record;
}

export interface PostbackAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** GET /postback with these parameters (URL-encoded). */
export async function getPostback(
  tracker: RunningTracker,
  params: Record<string, string>,
): Promise<PostbackAnswer> {
  const res = await fetch(`${tracker.url}/postback?${new URLSearchParams(params)}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function logRows(db: Db, offerId: number) {
  return db.inboundPostback.findMany({ where: { offerId }, orderBy: { id: "asc" } });
}

export function utcDay(at: Date = new Date()): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

export async function dailyStat(db: Db, offer: Offer, publisher: Publisher, at: Date = new Date()) {
  return db.dailyStat.findUnique({
    where: { day_offerId_publisherId: { day: utcDay(at), offerId: offer.id, publisherId: publisher.id } },
  });
}

/**
 * Publisher postbacks on this file's Redis prefix with a worker and the outbox relay in this process,
 * and fast retries (backoffMs 20: attempts at about 0, 20, 60 ms...). Private networks are allowed:
 * the receivers listen on 127.0.0.1 (the SSRF guard's own tests turn it back on).
 */
export function startPublisherPostbacks(
  redis: Redis,
  redisPrefix: string,
  db: Db,
  overrides: Partial<Omit<PublisherPostbackOptions, "keyPrefix" | "db">> & { relay?: boolean } = {},
) {
  // BullMQ refuses a client with keyPrefix and needs maxRetriesPerRequest: null.
  const { relay = true, ...rest } = overrides;
  const connection = rest.connection ?? redis.duplicate({ keyPrefix: "", maxRetriesPerRequest: null });
  const postbacks = createPublisherPostbacks({
    keyPrefix: redisPrefix,
    db,
    logger: pino({ level: "silent" }),
    attempts: 5,
    backoffMs: 20,
    timeoutMs: 1000,
    concurrency: 4,
    allowPrivateNetworks: true,
    relayIntervalMs: 100,
    ...rest,
    connection,
  });
  postbacks.startWorker();
  if (relay) postbacks.startRelay();
  return {
    ...postbacks,
    async close() {
      await postbacks.close();
      connection.disconnect();
    },
  };
}

/** Polls until `check` returns something truthy (or throws after `timeoutMs`). */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
