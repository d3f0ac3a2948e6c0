// The tracker as a node:cluster primary (TRACKER_WORKERS > 1). The primary forks the workers (each
// runs the whole tracker, server.ts, on the shared port; Node hands connections to them in turn),
// replaces a worker that dies, forwards SIGTERM/SIGINT and waits for every worker to drain, and merges
// the workers' metrics for /metrics. It loads none of the app (no Prisma, ioredis or Express): there
// is little in it that can fail, and it is the one process whose failure takes every worker down.
import cluster, { type Worker } from "node:cluster";
import { randomBytes } from "node:crypto";
import { registerShutdown, SHUTDOWN_DEADLINE_MS as WORKER_DEADLINE_MS } from "@leadrail/db/service/shutdown";
import { pino } from "pino";
import { Counter, Gauge, Registry } from "prom-client";
import type { Environment } from "../environment.ts";
import { createMetricsAggregator } from "./metrics.ts";
import { createRestartBackoff } from "./restart-backoff.ts";

// Each worker gives up at its own deadline (server.ts); the primary waits a little longer for them to
// say so, and still exits within the 5 s that `pnpm start` and most supervisors wait before SIGKILL.
const SHUTDOWN_DEADLINE_MS = WORKER_DEADLINE_MS + 300;
// Below the workers' own wait (server.ts), so a worker hears why instead of timing out on its own.
export const METRICS_COLLECT_TIMEOUT_MS = 2000;

/**
 * Environment every worker gets on top of the primary's: settings that would otherwise differ per
 * process and must not. Computed once, so replacement workers get the same values.
 */
export function sharedWorkerEnv(env: Environment): Record<string, string> {
  // Unset, each process would draw its own random key, and a lead form rendered by one worker
  // would be refused by the worker that receives its POST. (IP_HASH_SECRET's fallback is a
  // constant, and click ids and transaction-lock tokens are meant to differ.)
  if (env.conversions.leadFormSecret) return {};
  return { LEAD_FORM_SECRET: randomBytes(32).toString("hex") };
}

export function runPrimary(env: Environment): void {
  const logger = pino({ level: env.server.logLevel, base: { service: "tracker", role: "primary" } });
  const workerEnv = sharedWorkerEnv(env);
  if (workerEnv.LEAD_FORM_SECRET) {
    logger.warn(
      "LEAD_FORM_SECRET is not set: lead forms only work on this tracker (its workers share a key)",
    );
  }

  const alive = new Set<Worker>();
  const listening = new Set<Worker>();
  const registry = new Registry();
  new Gauge({
    name: "leadrail_tracker_workers",
    help: "Tracker worker processes accepting connections",
    registers: [registry],
    collect() {
      this.set(listening.size);
    },
  });
  const restarts = new Counter({
    name: "leadrail_tracker_worker_restarts_total",
    help: "Tracker workers that exited unexpectedly and were replaced",
    registers: [registry],
  });
  const metrics = createMetricsAggregator({
    listening: () => listening,
    registry,
    timeoutMs: METRICS_COLLECT_TIMEOUT_MS,
    logger,
  });
  const backoff = createRestartBackoff();

  let stopping: NodeJS.Signals | null = null;
  let cleanStop = true;
  let allGone: () => void = () => {};
  const gone = new Promise<void>((resolve) => {
    allGone = resolve;
  });
  const resolveWhenAllGone = () => {
    if (stopping !== null && alive.size === 0) allGone();
  };

  const fork = () => {
    const worker = cluster.fork(workerEnv);
    alive.add(worker);
    worker.on("listening", () => listening.add(worker));
    worker.on("message", (message: unknown) => metrics.onMessage(worker, message));
    worker.on("exit", (code, signal) => {
      alive.delete(worker);
      listening.delete(worker);
      metrics.onExit(worker);
      const pid = worker.process.pid;
      if (stopping !== null) {
        // A worker still starting when the signal came may die of it before installing its handler.
        if (code !== 0 && signal !== stopping) {
          cleanStop = false;
          logger.error({ pid, code, signal }, "worker did not stop cleanly");
        }
        resolveWhenAllGone();
        return;
      }
      const delayMs = backoff.next(Date.now());
      restarts.inc();
      logger.error({ pid, code, signal, restartInMs: delayMs }, "worker exited unexpectedly: replacing it");
      setTimeout(() => {
        if (stopping === null) fork();
      }, delayMs);
    });
  };

  registerShutdown({
    logger,
    deadlineMs: SHUTDOWN_DEADLINE_MS,
    deadlineNote: "killing the workers left",
    onDeadline: () => {
      for (const worker of alive) worker.process.kill("SIGKILL");
    },
    onShutdown: async (signal) => {
      stopping = signal;
      logger.info({ workers: alive.size }, "stopping the workers");
      // Each worker drains in its own signal handler, as a single tracker does (server.ts): in-flight
      // clicks reach Redis and their visitors get their answers. Not worker.kill(): it disconnects
      // first, which closes the worker's server outside that path.
      for (const worker of alive) worker.process.kill(signal);
      resolveWhenAllGone();
      await gone;
      if (!cleanStop) throw new Error("a worker did not stop cleanly");
    },
  });

  logger.info({ workers: env.server.workers, port: env.server.port }, "starting tracker workers");
  for (let i = 0; i < env.server.workers; i += 1) fork();
}
