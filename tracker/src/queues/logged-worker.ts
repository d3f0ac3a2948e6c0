// The BullMQ workers of the tracker's delivery queues (publisher postbacks, lead deliveries) start the
// same way: a failed attempt is a warning with its job and attempt (BullMQ retries it, or has given
// up), a worker error (Redis away) is an error in the log rather than an unhandled event on stderr,
// and the queue's owner keeps the worker so that its close() waits for the jobs in flight.
import { type Processor, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";

export interface LoggedWorkerOptions<Data> {
  queueName: string;
  processor: Processor<Data>;
  /** A connection without keyPrefix and with maxRetriesPerRequest: null (BullMQ needs both). */
  connection: Redis;
  /** BullMQ's key prefix (REDIS_KEY_PREFIX + "bull"). */
  prefix: string;
  concurrency: number;
  logger: Logger;
  /** What the log calls a job: "lead delivery" logs "lead delivery attempt failed". */
  what: string;
  /** The owner's workers: the new one joins them, for closeWorkers() at shutdown. */
  running: Worker<Data>[];
}

export function startLoggedWorker<Data>(options: LoggedWorkerOptions<Data>): Worker<Data> {
  const { logger, what } = options;
  const worker = new Worker<Data>(options.queueName, options.processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
  });
  worker.on("failed", (job, error) => {
    logger.warn({ err: error, jobId: job?.id, attempt: job?.attemptsMade }, `${what} attempt failed`);
  });
  worker.on("error", (error) => logger.error({ err: error }, `${what} worker error`));
  options.running.push(worker);
  return worker;
}

/** Closes the workers startLoggedWorker started: each finishes its jobs in flight first. */
export async function closeWorkers<Data>(running: Worker<Data>[]): Promise<void> {
  await Promise.all(running.map((worker) => worker.close()));
}
