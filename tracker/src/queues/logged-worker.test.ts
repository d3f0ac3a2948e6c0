// The one way the tracker starts its delivery queues' workers (tracker/src/queues/logged-worker.ts):
// what a failed attempt logs, the concurrency it is given, and that closeWorkers() stops them.
// Against a real Redis (REDIS_URL, else the local one), under a key prefix of its own.
import { randomUUID } from "node:crypto";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { pino } from "pino";
import { expect, test, vi } from "vitest";
import { closeWorkers, startLoggedWorker } from "./logged-worker.ts";

test("a failed attempt is logged as the queue's, the job is retried, and closeWorkers stops the worker", async () => {
  const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", {
    maxRetriesPerRequest: null,
  });
  const prefix = `test:logged-worker:${randomUUID()}:bull`;
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const queue = new Queue("logged-worker-test", { connection, prefix });
  const running: Parameters<typeof closeWorkers>[0] = [];
  const seen: number[] = [];
  try {
    const worker = startLoggedWorker({
      queueName: "logged-worker-test",
      processor: async (job) => {
        seen.push(job.attemptsMade + 1);
        if (job.attemptsMade === 0) throw new Error("the CRM said no");
      },
      connection,
      prefix,
      concurrency: 3,
      logger,
      what: "test delivery",
      running,
    });
    expect(running).toEqual([worker]);
    expect(worker.opts.concurrency).toBe(3);

    const job = await queue.add("deliver", {}, { jobId: "j-1", attempts: 2, backoff: 1 });
    await vi.waitFor(async () => expect(await queue.getJobState(job.id ?? "")).toBe("completed"), {
      timeout: 10_000,
      interval: 50,
    });
    expect(seen).toEqual([1, 2]);
    const failed = lines.filter((line) => line.msg === "test delivery attempt failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      level: 40,
      jobId: "j-1",
      attempt: 1,
      err: { message: "the CRM said no" },
    });

    await closeWorkers(running);
    expect(worker.isRunning()).toBe(false);
    expect(worker.closing).not.toBeUndefined();
  } finally {
    await closeWorkers(running);
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    await connection.quit();
  }
});
