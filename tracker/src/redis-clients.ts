// Redis connections of the tracker and the click writer.
//
// No ioredis `keyPrefix`: keys are full names built by tracking/click-record.ts from REDIS_KEY_PREFIX
// (`streamKey(prefix)`...), so every reader of the contract computes the same names whatever client
// options it uses. Pub/sub channels are never prefixed by ioredis anyway.
import { Redis } from "ioredis";
import type { Logger } from "pino";

/**
 * For click writes: a command fails at once while disconnected instead of waiting in ioredis's
 * offline queue, and is not re-sent after a reconnect. The click path must know *now* whether a click
 * was recorded (it answers 503 otherwise), and a write replayed minutes later would be a click that
 * was never redirected.
 */
export function createClickWriteConnection(url: string, logger: Logger, name = "click writes"): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 1,
    connectionName: "leadrail-tracker",
  });
  // ioredis reconnects by itself; without a listener every failed attempt is an unhandled 'error'.
  redis.on("error", (error) => logger.warn({ err: error, connection: name }, "redis connection error"));
  return redis;
}

/** An ordinary connection (offline queue on): pub/sub, the writer's reads and acknowledgements. */
export function createConnection(url: string, logger: Logger, name: string): Redis {
  const redis = new Redis(url, { connectionName: `leadrail-${name.replace(/\s+/g, "-")}` });
  redis.on("error", (error) => logger.warn({ err: error, connection: name }, "redis connection error"));
  return redis;
}

/**
 * For conversions (postbacks, pixel, lead form): an ordinary connection whose ioredis `keyPrefix` is
 * REDIS_KEY_PREFIX, because that code names keys without the prefix (`recentClicksKey("", createdAt)`, cap
 * counters, locks) and lets the client add it. Same key names in Redis as the click path's.
 */
export function createPrefixedConnection(
  url: string,
  keyPrefix: string,
  logger: Logger,
  name: string,
): Redis {
  const redis = new Redis(url, { keyPrefix, connectionName: `leadrail-${name.replace(/\s+/g, "-")}` });
  redis.on("error", (error) => logger.warn({ err: error, connection: name }, "redis connection error"));
  return redis;
}

/** Resolves when connected, or after `ms` (the caller starts anyway; /readyz reports the state). */
export async function waitUntilReady(redis: Redis, ms: number): Promise<boolean> {
  if (redis.status === "ready") return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off("ready", onReady);
      resolve(false);
    }, ms);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once("ready", onReady);
  });
}
