// Runs the tracker in-process for a test file: the real app (fast path + Express) on an ephemeral
// port, wired to the file's database and Redis key prefix, with settings parsed by the tracker's own
// environment model. Also small readers for what the click path wrote to Redis.

import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { type Db, mintId, type TrackingLink } from "@leadrail/db";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { Registry } from "prom-client";
import { createTrackerApp, type TrackerApp } from "../../tracker/src/app.ts";
import { decodeEntry } from "../../tracker/src/clicks/click-codec.ts";
import { type ClickPath, createClickPath } from "../../tracker/src/clicks/click-path.ts";
import type { ClickRecorder, PendingClick } from "../../tracker/src/clicks/click-recorder.ts";
import { sharedIpCountryDatabase } from "../../tracker/src/clicks/visitor/ip-country.ts";
import type { ConversionEvents } from "../../tracker/src/conversions/record-conversion.ts";
import { type Environment, loadEnvironment } from "../../tracker/src/environment.ts";
import {
  createClickWriteConnection,
  createConnection,
  waitUntilReady,
} from "../../tracker/src/redis-clients.ts";
import { type ClickRecord, streamKey } from "../../tracker/src/tracking/click-record.ts";

export interface RunningTracker {
  url: string;
  app: TrackerApp;
  clickPath: ClickPath;
  /** The unprefixed connection the click path writes with (keys are full names). */
  redis: Redis;
  /** The connection subscribed to config invalidations: `once(subscriber, "message")`. */
  subscriber: Redis;
  close(): Promise<void>;
}

export interface TrackerContext {
  db: Db;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
}

/** The tracker's click settings as its environment model parses them from `env`. */
export function clickSettings(ctx: TrackerContext, env: Record<string, string> = {}): Environment["clicks"] {
  return loadEnvironment({ REDIS_URL: ctx.redisUrl, DATABASE_URL: ctx.databaseUrl, ...env }).clicks;
}

export async function startTracker(
  ctx: TrackerContext,
  options: {
    env?: Record<string, string>;
    redis?: Redis;
    /** For files that drive clicks and conversions: the fixture's prefixed client. */
    conversionRedis?: Redis;
    /** Publisher postbacks, for files that follow a click to its publisher's postback. */
    conversionEvents?: ConversionEvents;
  } = {},
): Promise<RunningTracker> {
  const logger = pino({ level: "silent" });
  const redis = options.redis ?? createClickWriteConnection(ctx.redisUrl, logger);
  if (!options.redis) await waitUntilReady(redis, 5000);
  const subscriber = createConnection(ctx.redisUrl, logger, "test subscriber");
  const registry = new Registry();
  const settings = clickSettings(ctx, options.env);
  const clickPath = await createClickPath({
    redis,
    subscriber,
    db: ctx.db,
    logger,
    registry,
    keyPrefix: ctx.redisPrefix,
    settings,
    geo: sharedIpCountryDatabase(),
  });
  const app = createTrackerApp({
    redis,
    db: ctx.db,
    logger,
    registry,
    clicks: clickPath.deps,
    // The capture routes' per-address limit reads the same client address as the click path.
    trustProxyHops: settings.trustProxyHops,
    ...(options.conversionRedis ? { conversionRedis: options.conversionRedis } : {}),
    ...(options.conversionEvents ? { conversionEvents: options.conversionEvents } : {}),
  });
  const server: Server = createServer(app.handle);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    app,
    clickPath,
    redis,
    subscriber,
    async close() {
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
      await clickPath.close();
      redis.disconnect();
    },
  };
}

/**
 * The `tracker` fixture of files that drive clicks and conversions through one in-process tracker
 * behind one proxy (TRUST_PROXY=1: a test picks each visitor's address with X-Forwarded-For), with the
 * file's prefixed client for the conversion routes. Use as `test.extend("tracker", { scope: "file" },
 * proxiedTracker)`.
 */
export async function proxiedTracker(
  { db, databaseUrl, redisUrl, redisPrefix, redis }: TrackerContext & { redis: Redis },
  { onCleanup }: { onCleanup: (cleanup: () => Promise<void>) => void },
): Promise<RunningTracker> {
  const tracker = await startTracker(
    { db, databaseUrl, redisUrl, redisPrefix },
    { env: { TRUST_PROXY: "1" }, conversionRedis: redis },
  );
  onCleanup(() => tracker.close());
  return tracker;
}

export interface StreamClick {
  entryId: string;
  click: ClickRecord;
}

/**
 * Every click in the file's stream, oldest first, with the entry holding it (an entry holds the
 * clicks of one of the recorder's round trips), through the fixture's prefixed client.
 */
export async function streamClicks(redis: Redis): Promise<StreamClick[]> {
  const entries = await redis.xrange(streamKey(""), "-", "+");
  return entries.flatMap(([entryId, fields]) => {
    const { clicks, invalid } = decodeEntry(fields);
    if (invalid.length > 0) throw new Error(`stream entry ${entryId} holds values that are not clicks`);
    return clicks.map((click) => ({ entryId, click }));
  });
}

/** A click record with every field at its emptiest (an unknown link's rejected click), then `overrides`. */
export function clickRecord(overrides: Partial<ClickRecord> & Pick<ClickRecord, "id">): ClickRecord {
  return {
    createdAt: Date.now(),
    status: "REJECTED",
    rejectReason: "unknown_link",
    linkId: null,
    offerId: null,
    publisherId: null,
    subs: {},
    source: null,
    country: null,
    deviceType: null,
    os: null,
    browser: null,
    referrer: null,
    ipHash: null,
    isUnique: false,
    isBot: false,
    fraudReason: null,
    ...overrides,
  };
}

/** An accepted click of `link` at `createdAt` (now by default), with a fresh id, then `overrides`. */
export function acceptedClickRecord(
  link: Pick<TrackingLink, "id" | "offerId" | "publisherId">,
  overrides: Partial<ClickRecord> = {},
): ClickRecord {
  const createdAt = overrides.createdAt ?? Date.now();
  return clickRecord({
    id: mintId(new Date(createdAt)),
    createdAt,
    status: "ACCEPTED",
    rejectReason: null,
    linkId: link.id,
    offerId: link.offerId,
    publisherId: link.publisherId,
    isUnique: true,
    ...overrides,
  });
}

/** The recorder's callback as a promise: resolves with the unique verdict, rejects with its error. */
export function recordClick(recorder: ClickRecorder, entry: PendingClick): Promise<boolean> {
  return new Promise((resolve, reject) =>
    recorder.record(entry, (error, isUnique) => (error ? reject(error) : resolve(isUnique))),
  );
}

/**
 * Clicks (not entries) in a stream, the file's by default (through the fixture's prefixed client): an
 * entry holds one field per click.
 */
export async function streamLength(redis: Redis, stream = streamKey("")): Promise<number> {
  const entries = await redis.xrange(stream, "-", "+");
  return entries.reduce((sum, [, fields]) => sum + fields.length / 2, 0);
}

/** GET without following redirects. */
export function click(base: string, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${path}`, { redirect: "manual", headers });
}

/**
 * Sends bytes exactly as given (fetch and http.request normalize or refuse malformed targets) and
 * returns the status code of the answer.
 */
export async function rawStatus(base: string, requestLine: string, headers: string[] = []): Promise<number> {
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname);
  await once(socket, "connect");
  socket.write(`${[requestLine, `Host: ${hostname}`, ...headers, "Connection: close"].join("\r\n")}\r\n\r\n`);
  let answer = "";
  socket.setEncoding("latin1");
  for await (const chunk of socket) answer += chunk;
  const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
  if (status === undefined) throw new Error(`no HTTP answer: ${JSON.stringify(answer.slice(0, 80))}`);
  return Number(status);
}
