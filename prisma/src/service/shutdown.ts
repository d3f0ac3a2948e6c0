// How every Leadrail process stops (modeled on Hive's `registerShutdown({ logger, onShutdown })`):
// SIGTERM or SIGINT runs the process's own shutdown once (close the server, drain, disconnect); it
// ending exits 0, it failing exits 1, and a shutdown still running at the deadline exits 1 with a log
// line saying so. Exiting is this module's job alone, so no process keeps a timer of its own that
// could exit "successfully" in the middle of a drain.
import type { Server } from "node:http";

/** The two pino methods used here; any pino logger fits. */
export interface ShutdownLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * Every process stays under the 5 s that `pnpm start` (scripts/processes.ts) and most supervisors'
 * defaults wait between SIGTERM and SIGKILL: a process killed mid-shutdown says nothing about why.
 */
export const SHUTDOWN_DEADLINE_MS = 4500;

export interface ShutdownOptions {
  logger: ShutdownLogger;
  onShutdown: (signal: NodeJS.Signals) => Promise<void>;
  /** Default SHUTDOWN_DEADLINE_MS. */
  deadlineMs?: number;
  /** Said in the deadline's log line: what is left undone (e.g. "the batch stays pending"). */
  deadlineNote?: string;
  /** Runs at the deadline, just before the exit: e.g. SIGKILL the children still draining. */
  onDeadline?: () => void;
}

export function registerShutdown(options: ShutdownOptions): void {
  const { logger, onShutdown, deadlineMs = SHUTDOWN_DEADLINE_MS } = options;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // A second Ctrl-C while draining must not cut the drain short: the deadline does that.
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    // unref: a shutdown that finishes early exits at once, without waiting for this timer.
    setTimeout(() => {
      logger.error(
        { deadlineMs, ...(options.deadlineNote ? { note: options.deadlineNote } : {}) },
        "shutdown deadline passed, exiting anyway",
      );
      options.onDeadline?.();
      process.exit(1);
    }, deadlineMs).unref();
    // A shutdown that throws still ends the process (a supervisor would otherwise wait for its kill
    // timeout).
    onShutdown(signal).then(
      () => {
        logger.info({}, "stopped");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

/**
 * In-flight requests get this long after the signal before their sockets are cut: well inside the
 * deadline, so that the rest of a shutdown (queues, Redis, PostgreSQL) has time too.
 */
export const DRAIN_MS = 3000;

/**
 * Stops accepting connections and resolves once every request in flight has been answered: keep-alive
 * connections close as they go idle, and whatever is still open after `drainMs` (a slow client, a
 * long-lived stream) is cut.
 */
export function closeHttpServer(server: Server, drainMs = DRAIN_MS): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const cut = setTimeout(() => server.closeAllConnections(), drainMs);
  cut.unref();
  return closed.finally(() => clearTimeout(cut));
}
