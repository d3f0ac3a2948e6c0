// Publisher postbacks through a BullMQ queue: the tracker enqueues one job per (postback, conversion,
// status) after the conversion is committed, and a worker (in-process from index.ts, or in tests)
// delivers it with exponential retries, writing a PostbackDelivery row for every attempt.
//
// BullMQ refuses ioredis' keyPrefix, so it gets its own connection and REDIS_KEY_PREFIX + "bull" as
// its prefix: with REDIS_KEY_PREFIX=lr: the keys are lr:bull:publisher-postbacks:*.
import type { ConversionStatus, Db } from "@leadrail/db";
import { formatMinor } from "@leadrail/db";
import { type Job, Queue, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { ConversionEvents } from "../conversions/record-conversion.ts";
import { buildDelivery, send, verdictOf } from "./delivery.ts";
import { postbacksToFire } from "./selection.ts";

export const QUEUE_NAME = "publisher-postbacks";

export interface DeliveryJob {
  postbackId: number;
  conversionId: string;
  status: ConversionStatus;
}

export interface PublisherPostbackOptions {
  /** A connection without keyPrefix and with maxRetriesPerRequest: null (BullMQ needs both). */
  connection: Redis;
  /** REDIS_KEY_PREFIX. */
  keyPrefix: string;
  db: Db;
  logger: Logger;
  attempts: number;
  /** First retry after this; then doubled each time (BullMQ "exponential"). */
  backoffMs: number;
  timeoutMs: number;
  concurrency: number;
}

export interface PublisherPostbacks {
  events: ConversionEvents;
  queue: Queue<DeliveryJob>;
  /** Starts a worker in this process; closed by close(). */
  startWorker(): Worker<DeliveryJob>;
  close(): Promise<void>;
}

export function createPublisherPostbacks(options: PublisherPostbackOptions): PublisherPostbacks {
  const { connection, db, logger } = options;
  const prefix = `${options.keyPrefix}bull`;
  const queue = new Queue<DeliveryJob>(QUEUE_NAME, { connection, prefix });
  const workers: Worker<DeliveryJob>[] = [];

  const events: ConversionEvents = {
    async conversionChanged({ conversionId, offerId, publisherId, status }) {
      if (publisherId === null) return;
      const rules = await db.publisherPostback.findMany({
        where: { publisherId, active: true, OR: [{ offerId: null }, { offerId }] },
        select: { id: true, offerId: true, statuses: true, active: true },
      });
      const firing = postbacksToFire(rules, offerId, status);
      if (firing.length === 0) return;
      await queue.addBulk(
        firing.map((rule) => ({
          name: "deliver",
          data: { postbackId: rule.id, conversionId, status },
          opts: {
            // One job per event: enqueueing the same event twice delivers it once.
            jobId: `pb-${rule.id}-${conversionId}-${status}`,
            attempts: options.attempts,
            backoff: { type: "exponential", delay: options.backoffMs },
            removeOnComplete: { age: 86_400 },
            removeOnFail: { age: 7 * 86_400 },
          },
        })),
      );
    },
  };

  async function deliver(job: Job<DeliveryJob>): Promise<void> {
    const { postbackId, conversionId, status } = job.data;
    const attempt = job.attemptsMade + 1;
    const [postback, conversion] = await Promise.all([
      db.publisherPostback.findUnique({ where: { id: postbackId } }),
      db.conversion.findUnique({
        where: { id: conversionId },
        select: {
          id: true,
          clickId: true,
          offerId: true,
          goal: true,
          payout: true,
          currency: true,
          subs: true,
          convertedAt: true,
        },
      }),
    ]);
    // Deleted or switched off since the job was queued: nothing to deliver, nothing to record.
    if (!postback?.active || !conversion) return;

    const built = buildDelivery(postback, {
      conversionId,
      clickId: conversion.clickId,
      offerId: conversion.offerId,
      goal: conversion.goal,
      // The status of the event, not the row's current one: each status change is told in turn.
      status,
      payout: formatMinor(conversion.payout, conversion.currency),
      currency: conversion.currency,
      subs: (conversion.subs ?? {}) as Record<string, string>,
      convertedAt: conversion.convertedAt,
    });
    const record = (fields: {
      url: string;
      httpStatus: number | null;
      error: string | null;
      durationMs: number | null;
    }) => db.postbackDelivery.create({ data: { postbackId, conversionId, status, attempt, ...fields } });

    if (!built.ok) {
      await record({ url: built.url.slice(0, 2000), httpStatus: null, error: built.error, durationMs: null });
      throw new UnrecoverableError(built.error);
    }
    const sent = await send(built.request, options.timeoutMs);
    await record({ url: built.request.url, ...sent });
    const verdict = verdictOf(sent.httpStatus);
    if (verdict === "delivered") return;
    const why = sent.error ?? `HTTP ${sent.httpStatus}`;
    if (verdict === "give_up") throw new UnrecoverableError(why);
    throw new Error(why);
  }

  return {
    events,
    queue,
    startWorker() {
      const worker = new Worker<DeliveryJob>(QUEUE_NAME, deliver, {
        connection,
        prefix,
        concurrency: options.concurrency,
      });
      worker.on("failed", (job, error) => {
        logger.warn(
          { err: error, jobId: job?.id, attempt: job?.attemptsMade },
          "publisher postback attempt failed",
        );
      });
      worker.on("error", (error) => logger.error({ err: error }, "publisher postback worker error"));
      workers.push(worker);
      return worker;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await queue.close();
    },
  };
}
