// Redis connections of the tracker and the click writer.
//
// The tracker's one key-prefix convention: no connection has an ioredis `keyPrefix`. Every key and
// channel is a full name built from REDIS_KEY_PREFIX by the function that names it (`streamKey(prefix)`,
// `recentClicksKey(prefix, …)`, `capReservations({ prefix })`, `transactionLockKey(prefix, …)`,
// `configChannel(prefix)`...), on the click path and the conversion routes alike. Why explicit rather
// than ioredis `keyPrefix`:
//   - pub/sub channels are never prefixed by ioredis, and BullMQ refuses a `keyPrefix` client, so those
//     need the explicit prefix anyway; one mechanism instead of two;
//   - a name is then the same whichever client reads it (the click writer, a conversion route, a test's
//     plain client, redis-cli), so a key written by one half is found by the other without either
//     knowing how the other's client was configured — the bug a mix invites is a prefix applied twice
//     or not at all;
//   - keys a Lua script computes itself, SCAN patterns and their results are not touched by `keyPrefix`.
// (The API keeps its own `keyPrefix` client; it is a separate process with its own context.)
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

/**
 * An ordinary connection (offline queue on): pub/sub, the writer's reads and acknowledgements, the
 * conversion routes (postbacks, pixel, lead form), which wait out a reconnect rather than fail.
 */
export function createConnection(url: string, logger: Logger, name: string): Redis {
  const redis = new Redis(url, { connectionName: `leadrail-${name.replace(/\s+/g, "-")}` });
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
