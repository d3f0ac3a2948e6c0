// Publisher postbacks through a BullMQ queue. Each conversion change writes a postback_outbox row in
// its own transaction (tracker: conversions/conversion-store.ts, API: leads decisions); the outbox
// relay (outbox-relay.ts) turns each row into one job per firing postback, and a worker (in-process
// from index.ts, or in tests) delivers it with exponential retries, writing a PostbackDelivery row
// for every attempt. Every delivery passes the SSRF guard (target-address.ts) first.
//
// BullMQ refuses ioredis' keyPrefix, so it gets its own connection and REDIS_KEY_PREFIX + "bull" as
// its prefix: with REDIS_KEY_PREFIX=lr: the keys are lr:bull:publisher-postbacks:*.
import type { ConversionStatus } from "@leadrail/db";
import { formatMinor } from "@leadrail/db";
import { type Job, Queue, UnrecoverableError, type Worker } from "bullmq";
import type { ConversionEvents } from "../conversions/record-conversion.ts";
import type { Expiry } from "../maintenance/expire-rows.ts";
import type { DeliveryQueueOptions } from "../queues/delivery-queue-options.ts";
import { closeWorkers, startLoggedWorker } from "../queues/logged-worker.ts";
import { buildDelivery, type ConversionFacts, sampleFacts, send, verdictOf } from "./delivery.ts";
import {
  createOutboxRelay,
  type OutboxEvent,
  type OutboxRelay,
  type OutboxSource,
  postbackOutboxSource,
} from "./outbox-relay.ts";
import { postbacksToFire } from "./selection.ts";
import { targetAddress } from "./target-address.ts";

export const QUEUE_NAME = "publisher-postbacks";

export interface DeliveryJob {
  postbackId: number;
  /** null on a test fire. */
  conversionId: string | null;
  status: ConversionStatus;
  /** A test fire: sample values with this txid, no conversion, a single attempt. */
  testTxid?: string;
}

export interface PublisherPostbackOptions extends DeliveryQueueOptions {
  /** POSTBACK_RELAY_INTERVAL_MS: how often the outbox relay looks for rows it was not told about. */
  relayIntervalMs: number;
  /** A relay batch whose enqueue takes longer (Redis away) is given back; default 5 s. */
  relayDispatchTimeoutMs?: number;
  /** More outboxes for the same relay (lead deliveries: ../delivery/lead-deliveries.ts). */
  outboxSources?: OutboxSource<{ id: bigint }>[];
  /** More old rows for the relay's hourly cleanup (the lead API's idempotency records). */
  expiries?: Expiry[];
}

export interface PublisherPostbacks {
  /** Told after a conversion change commits: wakes the relay (the outbox row is already written). */
  events: ConversionEvents;
  queue: Queue<DeliveryJob>;
  relay: OutboxRelay;
  /** The outbox events' jobs into the queue (what the relay calls). */
  dispatch(events: OutboxEvent[]): Promise<void>;
  /** Starts a worker in this process; closed by close(). */
  startWorker(): Worker<DeliveryJob>;
  /** Starts the outbox relay in this process; stopped by close(). */
  startRelay(): void;
  close(): Promise<void>;
}

export function createPublisherPostbacks(options: PublisherPostbackOptions): PublisherPostbacks {
  const { connection, db, logger } = options;
  const prefix = `${options.keyPrefix}bull`;
  const queue = new Queue<DeliveryJob>(QUEUE_NAME, { connection, prefix });
  // Redis going away is reported here (the relay retries on its own): into the log, not stderr.
  queue.on("error", (error) => logger.warn({ err: error }, "publisher postback queue error"));
  const workers: Worker<DeliveryJob>[] = [];

  async function dispatch(outbox: OutboxEvent[]): Promise<void> {
    const publisherIds = [...new Set(outbox.map((event) => event.publisherId))];
    const rules = await db.publisherPostback.findMany({
      where: { publisherId: { in: publisherIds }, active: true },
      select: { id: true, publisherId: true, offerId: true, statuses: true, active: true },
    });
    const jobOptions = {
      attempts: options.attempts,
      backoff: { type: "exponential", delay: options.backoffMs },
      removeOnComplete: { age: 86_400 },
      removeOnFail: { age: 7 * 86_400 },
    };
    const jobs = outbox.flatMap((event) =>
      // A test fire names its template: one job, one attempt (the publisher is watching for the
      // answer, and a retry minutes later would only confuse the next test).
      event.postbackId !== null
        ? [
            {
              name: "deliver",
              data: {
                postbackId: event.postbackId,
                conversionId: null,
                status: event.status,
                testTxid: `test-${event.id}`,
              },
              opts: { ...jobOptions, jobId: `ob-${event.id}-${event.postbackId}`, attempts: 1 },
            },
          ]
        : eventJobs(event),
    );
    if (jobs.length > 0) await queue.addBulk(jobs);

    function eventJobs(event: OutboxEvent) {
      if (event.conversionId === null || event.offerId === null) return [];
      const conversionId = event.conversionId;
      return postbacksToFire(
        rules.filter((rule) => rule.publisherId === event.publisherId),
        event.offerId,
        event.status,
      ).map((rule) => ({
        name: "deliver",
        data: { postbackId: rule.id, conversionId, status: event.status } as DeliveryJob,
        opts: {
          ...jobOptions,
          // Derived from the outbox row: a batch the relay retries after a failure re-adds the jobs
          // that did reach Redis under the same ids, and BullMQ keeps the first.
          jobId: `ob-${event.id}-${rule.id}`,
        },
      }));
    }
  }

  const relay = createOutboxRelay({
    db,
    logger,
    sources: [postbackOutboxSource(dispatch), ...(options.outboxSources ?? [])],
    intervalMs: options.relayIntervalMs,
    dispatchTimeoutMs: options.relayDispatchTimeoutMs,
    expiries: options.expiries,
  });
  let relayStarted = false;

  const events: ConversionEvents = {
    async conversionChanged() {
      relay.kick();
    },
  };

  async function deliver(job: Job<DeliveryJob>): Promise<void> {
    const { postbackId, conversionId, status, testTxid } = job.data;
    const test = testTxid !== undefined;
    const attempt = job.attemptsMade + 1;
    const [postback, conversion] = await Promise.all([
      db.publisherPostback.findUnique({
        where: { id: postbackId },
        include: { publisher: { select: { payoutCurrency: true } } },
      }),
      conversionId === null
        ? null
        : db.conversion.findUnique({
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
    // Deleted since the job was queued, or switched off (a test fire may try a template before it
    // is switched on): nothing to deliver, nothing to record.
    if (!postback || (!postback.active && !test)) return;
    let facts: ConversionFacts;
    if (test) {
      facts = sampleFacts(testTxid, postback.offerId, postback.publisher.payoutCurrency, new Date());
    } else {
      if (!conversion || conversionId === null) return;
      facts = {
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
      };
    }

    const built = buildDelivery(postback, facts);
    const record = (fields: {
      url: string;
      httpStatus: number | null;
      error: string | null;
      durationMs: number | null;
    }) =>
      db.postbackDelivery.create({
        data: { postbackId, conversionId, test, status: facts.status, attempt, ...fields },
      });

    if (!built.ok) {
      await record({ url: built.url.slice(0, 2000), httpStatus: null, error: built.error, durationMs: null });
      throw new UnrecoverableError(built.error);
    }
    const target = await targetAddress(new URL(built.request.url).hostname, options.allowPrivateNetworks);
    if (target.kind !== "ok") {
      const error = target.kind === "blocked" ? `blocked: ${target.reason}` : target.reason;
      await record({ url: built.request.url, httpStatus: null, error, durationMs: null });
      // An address that is not allowed stays so: no retry. DNS trouble may pass: retried.
      if (target.kind === "blocked") throw new UnrecoverableError(error);
      throw new Error(error);
    }
    const sent = await send(built.request, options.timeoutMs, target.pinned);
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
    relay,
    dispatch,
    startRelay() {
      relayStarted = true;
      relay.start();
    },
    startWorker() {
      return startLoggedWorker({
        queueName: QUEUE_NAME,
        processor: deliver,
        connection,
        prefix,
        concurrency: options.concurrency,
        logger,
        what: "publisher postback",
        running: workers,
      });
    },
    async close() {
      if (relayStarted) await relay.stop();
      await closeWorkers(workers);
      await queue.close();
    },
  };
}
