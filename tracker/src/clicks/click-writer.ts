// The click writer: moves click events from the Redis stream into PostgreSQL.
//
// A consumer group on `streamKey(prefix)`; several writer processes share the work under distinct
// consumer names. An entry holds the clicks of one of the tracker's Redis round trips (one or more
// `click` fields). For each batch of entries (XREADGROUP COUNT/BLOCK):
//   1. store their clicks and roll them up in one statement (store-clicks.ts), idempotent on
//      (id, created_at);
//   2. only after the commit, XACK and XDEL the entries and delete the clicks' recent-click pointers
//      (XDEL keeps the stream's memory bounded: the tracker never trims it, so unconsumed clicks are
//      never dropped; once a click is stored, attribution reads it from PostgreSQL).
// A crash between 1 and 2 leaves the entries pending: the same consumer reads its own pending entries
// first when it restarts, and any writer reclaims entries idle longer than `claimIdleMs` (XAUTOCLAIM)
// from consumers that never came back. Storing them again inserts nothing and adds nothing.
//
// PostgreSQL down: the batch is retried with backoff, never acknowledged, never dropped; the stream
// grows in Redis and drains when the database returns. `stop()` lets the current batch finish (or,
// if the database is down, leaves it pending for the next writer) and returns.
import type { Db } from "@leadrail/db";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { VelocityFlagger } from "../quality/velocity.ts";
import { type ClickRecord, recentClicksKey, streamKey } from "../tracking/click-record.ts";
import { decodeEntry } from "./click-codec.ts";
import { ensureClickPartitions, storeClicks } from "./store-clicks.ts";
import type { WriterMetrics } from "./writer-metrics.ts";

export const WRITER_GROUP = "click-writer";

export function deadLetterKey(prefix: string): string {
  return `${prefix}clicks:dead`;
}

export interface ClickWriterOptions {
  /** Its own connection: XREADGROUP BLOCK holds it. No ioredis keyPrefix (keys are full names). */
  redis: Redis;
  db: Db;
  keyPrefix: string;
  consumer: string;
  /**
   * Clicks per statement, roughly: entries are read in counts that, at the clicks per entry seen so
   * far, add up to about this many (entries hold 1 to 256 clicks; see click-recorder.ts).
   */
  batchSize: number;
  blockMs: number;
  /**
   * After a read that did not fill its count, wait this long before reading again, so that batches
   * grow under moderate load: each batch costs a statement, a round trip and an XACK whatever its
   * size. Attribution does not wait for it (it reads the stream's copy); only reports do. Default 0.
   */
  lingerMs?: number;
  claimIdleMs: number;
  /** How often to look for entries abandoned by dead consumers; default min(claimIdleMs, 10 s). */
  claimIntervalMs?: number;
  partitionIntervalMs?: number;
  backoff?: { initialMs: number; maxMs: number };
  logger: Logger;
  metrics?: WriterMetrics;
  /** Flags click-velocity bursts before the insert (../quality/velocity.ts); none when absent. */
  velocity?: VelocityFlagger;
  /** Test seam: runs after a batch is committed and before it is acknowledged. */
  afterStore?: (clicks: readonly ClickRecord[]) => void | Promise<void>;
}

export interface ClickWriter {
  /** Loops until stop(). Rejects only on a bug or an afterStore failure (a simulated crash). */
  run(): Promise<void>;
  stop(): Promise<void>;
  /** One round: reclaim if due, read, store, acknowledge. Returns the number of entries handled. */
  step(): Promise<number>;
}

type Entry = [id: string, fields: string[] | null];

class Stopped extends Error {}

/** An `afterStore` hook threw: run() ends with it, as a process would on a crash at that point. */
export class AfterStoreFailed extends Error {
  constructor(readonly cause: unknown) {
    super("afterStore hook failed");
    this.name = "AfterStoreFailed";
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createClickWriter(options: ClickWriterOptions): ClickWriter {
  const { redis, db, consumer, batchSize, blockMs, claimIdleMs, logger, metrics } = options;
  const stream = streamKey(options.keyPrefix);
  const deadLetters = deadLetterKey(options.keyPrefix);
  const claimIntervalMs = options.claimIntervalMs ?? Math.min(claimIdleMs, 10_000);
  const partitionIntervalMs = options.partitionIntervalMs ?? 24 * 3600 * 1000;
  const backoff = options.backoff ?? { initialMs: 100, maxMs: 5000 };
  const lingerMs = options.lingerMs ?? 0;

  let stopping = false;
  let groupReady = false;
  let readingOwnPending = true;
  let ownPendingFrom = "0";
  let nextClaimAt = 0;
  let nextPartitionsAt = 0;
  let running: Promise<void> | undefined;
  // Clicks per entry, a moving average: a handful when the tracker is idle, tens under load.
  let clicksPerEntry = 1;
  const entriesPerRead = () => Math.max(1, Math.min(batchSize, Math.round(batchSize / clicksPerEntry)));

  const ensureGroup = async () => {
    if (groupReady) return;
    try {
      await redis.xgroup("CREATE", stream, WRITER_GROUP, "0", "MKSTREAM");
    } catch (error) {
      if (!String((error as Error).message).includes("BUSYGROUP")) throw error;
    }
    groupReady = true;
  };

  const ensurePartitionsIfDue = async () => {
    if (Date.now() < nextPartitionsAt) return;
    try {
      await ensureClickPartitions(db);
      nextPartitionsAt = Date.now() + partitionIntervalMs;
    } catch (error) {
      // Not fatal: clicks outside the created months land in the DEFAULT partition. Retry soon.
      logger.warn({ err: error }, "could not ensure click partitions");
      nextPartitionsAt = Date.now() + 60_000;
    }
  };

  const storeUntilDone = async (clicks: ClickRecord[]): Promise<number> => {
    let delay = backoff.initialMs;
    for (;;) {
      try {
        return await storeClicks(db, clicks);
      } catch (error) {
        metrics?.storeFailures.inc();
        logger.warn(
          { err: error, batch: clicks.length, retryInMs: delay },
          "storing clicks failed, retrying",
        );
        if (stopping) throw new Stopped();
        await sleep(delay);
        if (stopping) throw new Stopped();
        delay = Math.min(delay * 2, backoff.maxMs);
      }
    }
  };

  const flagVelocity = async (batch: ClickRecord[]): Promise<ClickRecord[]> => {
    if (!options.velocity) return batch;
    try {
      return await options.velocity(batch);
    } catch (error) {
      logger.warn({ err: error, batch: batch.length }, "velocity counting failed; batch stored unflagged");
      return batch;
    }
  };

  const acknowledge = async (ids: string[], stored: readonly ClickRecord[]) => {
    if (ids.length === 0) return;
    const pointers = new Map<string, string[]>();
    for (const click of stored) {
      if (click.status !== "ACCEPTED") continue;
      const hash = recentClicksKey(options.keyPrefix, click.createdAt);
      const inHash = pointers.get(hash);
      if (inHash) inHash.push(click.id);
      else pointers.set(hash, [click.id]);
    }
    try {
      const transaction = redis
        .multi()
        .xack(stream, WRITER_GROUP, ...ids)
        .xdel(stream, ...ids);
      for (const [hash, clickIds] of pointers) transaction.hdel(hash, ...clickIds);
      await transaction.exec();
    } catch (error) {
      // The rows are committed; unacknowledged entries are redelivered and stored as no-ops.
      logger.warn({ err: error, entries: ids.length }, "acknowledging stored clicks failed");
    }
  };

  const handle = async (entries: Entry[]): Promise<number> => {
    if (entries.length === 0) return 0;
    const clicks = new Map<string, ClickRecord>();
    const invalid: [string, string[]][] = [];
    const ids: string[] = [];
    for (const [id, fields] of entries) {
      ids.push(id);
      // A pending entry deleted from the stream comes back without fields: nothing left to store.
      if (fields === null) continue;
      const decoded = decodeEntry(fields);
      for (const click of decoded.clicks) clicks.set(click.id, click);
      if (decoded.invalid.length > 0) invalid.push([id, decoded.invalid]);
    }
    const read = entries.filter(([, fields]) => fields !== null).length;
    if (read > 0) clicksPerEntry = (clicksPerEntry + clicks.size / read) / 2;
    if (invalid.length > 0) {
      // Kept, not dropped: an operator can inspect and replay them. The entry's valid clicks are stored.
      const pipeline = redis.pipeline();
      for (const [id, fields] of invalid) pipeline.xadd(deadLetters, "*", "entry", id, ...fields);
      const results = await pipeline.exec();
      if (results?.some(([error]) => error)) throw new Error("could not dead-letter invalid entries");
      metrics?.deadLettered.inc(invalid.length);
      logger.error({ entries: invalid.length }, "invalid click entries moved to the dead-letter stream");
    }
    const batch = await flagVelocity([...clicks.values()]);
    const inserted = await storeUntilDone(batch);
    metrics?.batchSize.observe(batch.length);
    metrics?.inserted.inc(inserted);
    metrics?.duplicates.inc(batch.length - inserted);
    try {
      await options.afterStore?.(batch);
    } catch (error) {
      throw new AfterStoreFailed(error);
    }
    await acknowledge(ids, batch);
    return entries.length;
  };

  const reclaim = async (): Promise<number> => {
    let handled = 0;
    let cursor = "0-0";
    do {
      const [next, entries] = (await redis.xautoclaim(
        stream,
        WRITER_GROUP,
        consumer,
        claimIdleMs,
        cursor,
        "COUNT",
        entriesPerRead(),
      )) as [string, Entry[]];
      if (entries.length > 0) logger.info({ entries: entries.length }, "reclaimed abandoned click entries");
      handled += await handle(entries);
      cursor = next;
    } while (cursor !== "0-0" && !stopping);
    return handled;
  };

  type ReadReply = [string, Entry[]][] | null;

  const step = async (): Promise<number> => {
    await ensureGroup();
    await ensurePartitionsIfDue();
    if (Date.now() >= nextClaimAt) {
      nextClaimAt = Date.now() + claimIntervalMs;
      const reclaimed = await reclaim();
      if (reclaimed > 0) return reclaimed;
    }
    if (readingOwnPending) {
      // After a restart under the same name: what this consumer had read but not acknowledged.
      const reply = (await redis.xreadgroup(
        "GROUP",
        WRITER_GROUP,
        consumer,
        "COUNT",
        entriesPerRead(),
        "STREAMS",
        stream,
        ownPendingFrom,
      )) as ReadReply;
      const entries = reply?.[0]?.[1] ?? [];
      if (entries.length > 0) {
        ownPendingFrom = entries[entries.length - 1]?.[0] ?? ownPendingFrom;
        return handle(entries);
      }
      readingOwnPending = false;
    }
    const count = entriesPerRead();
    const reply = (await redis.xreadgroup(
      "GROUP",
      WRITER_GROUP,
      consumer,
      "COUNT",
      count,
      "BLOCK",
      blockMs,
      "STREAMS",
      stream,
      ">",
    )) as ReadReply;
    const entries = reply?.[0]?.[1] ?? [];
    const handled = await handle(entries);
    if (lingerMs > 0 && entries.length > 0 && entries.length < count && !stopping) await sleep(lingerMs);
    return handled;
  };

  const loop = async () => {
    let delay = backoff.initialMs;
    while (!stopping) {
      try {
        await step();
        delay = backoff.initialMs;
      } catch (error) {
        if (error instanceof Stopped) return;
        if (error instanceof AfterStoreFailed) throw error;
        // Redis unavailable (reads fail): wait and try again; nothing was acknowledged.
        logger.warn({ err: error, retryInMs: delay }, "click writer round failed");
        await sleep(delay);
        delay = Math.min(delay * 2, backoff.maxMs);
      }
    }
  };

  return {
    step,
    run() {
      running ??= loop();
      return running;
    },
    async stop() {
      stopping = true;
      await running?.catch(() => undefined);
    },
  };
}
