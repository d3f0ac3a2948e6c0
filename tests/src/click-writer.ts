// Helpers for click-writer tests: an in-process writer on the file's stream, and readers for what it
// stored.
import type { Db } from "@leadrail/db";
import type { Redis } from "ioredis";
import { pino } from "pino";
import {
  type ClickWriter,
  type ClickWriterOptions,
  createClickWriter,
  WRITER_GROUP,
} from "../../tracker/src/clicks/click-writer.ts";
import { createConnection } from "../../tracker/src/redis-clients.ts";
import { streamKey } from "../../tracker/src/tracking/click-record.ts";

export interface WriterContext {
  db: Db;
  redisUrl: string;
  redisPrefix: string;
}

export function createTestWriter(
  ctx: WriterContext,
  overrides: Partial<ClickWriterOptions> = {},
): { writer: ClickWriter; redis: Redis; close(): Promise<void> } {
  const logger = pino({ level: "silent" });
  const redis = createConnection(ctx.redisUrl, logger, "test writer");
  const writer = createClickWriter({
    redis,
    db: ctx.db,
    logger,
    keyPrefix: ctx.redisPrefix,
    consumer: "test-writer",
    batchSize: 100,
    blockMs: 50,
    claimIdleMs: 60_000,
    ...overrides,
  });
  return {
    writer,
    redis,
    async close() {
      await writer.stop();
      redis.disconnect();
    },
  };
}

/** Runs writer rounds until one handles nothing (the stream is drained for this consumer). */
export async function drain(writer: ClickWriter): Promise<number> {
  let total = 0;
  for (let round = 0; round < 1000; round += 1) {
    const handled = await writer.step();
    total += handled;
    if (handled === 0) return total;
  }
  throw new Error("the stream did not drain in 1000 rounds");
}

/** Entries delivered to the writer group and not acknowledged (via the fixture's prefixed client). */
export async function pendingCount(redis: Redis): Promise<number> {
  const summary = (await redis.xpending(streamKey(""), WRITER_GROUP)) as [number, ...unknown[]];
  return Number(summary[0]);
}

export interface DailyClicks {
  clicks: bigint;
  uniqueClicks: bigint;
  botClicks: bigint;
  rejectedClicks: bigint;
}

export async function dailyClicks(db: Db, offerId: number, publisherId: number): Promise<DailyClicks | null> {
  const row = await db.dailyStat.findFirst({
    where: { offerId, publisherId },
    select: { clicks: true, uniqueClicks: true, botClicks: true, rejectedClicks: true },
  });
  return row;
}
