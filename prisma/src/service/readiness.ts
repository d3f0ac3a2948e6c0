// `/readyz` for every Leadrail process: each dependency the process uses is checked, each under its own
// timeout (a hung connection must not hang the probe, and the load balancer must hear "not ready"
// rather than nothing), and the answer names which one failed. The reason stays in the log: a probe's
// body is public.
import type { Db } from "../index.ts";

/** Resolves when the dependency answers; anything else (rejection, timeout) is "failed". */
export type ReadinessCheck = () => Promise<unknown>;

export interface ReadinessAnswer {
  httpStatus: 200 | 503;
  body: { status: "ok" | "unavailable"; checks: Record<string, "ok" | "failed"> };
}

export interface ReadinessOptions {
  checks: Record<string, ReadinessCheck>;
  /** A dependency that has not answered within this is reported as failed. */
  timeoutMs: number;
  logger: { warn(details: object, message: string): void };
}

export const DEFAULT_READINESS_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createReadiness(options: ReadinessOptions): () => Promise<ReadinessAnswer> {
  return async () => {
    const results = await Promise.all(
      Object.entries(options.checks).map(async ([name, check]) => {
        try {
          // `check()` inside the try: a check that throws synchronously is a failed check too.
          await withTimeout(check(), options.timeoutMs, name);
          return [name, "ok"] as const;
        } catch (error) {
          options.logger.warn({ err: error, dependency: name }, "readiness check failed");
          return [name, "failed"] as const;
        }
      }),
    );
    const ready = results.every(([, state]) => state === "ok");
    return {
      httpStatus: ready ? 200 : 503,
      body: { status: ready ? "ok" : "unavailable", checks: Object.fromEntries(results) },
    };
  };
}

/** PostgreSQL answers a query (not merely a pooled socket being open). */
export const postgresCheck =
  (db: Pick<Db, "$queryRaw">): ReadinessCheck =>
  () =>
    db.$queryRaw`select 1`;

/** Redis answers PING. ioredis queues commands while disconnected: the timeout is what fails it. */
export const redisCheck =
  (redis: { ping(): Promise<unknown> }): ReadinessCheck =>
  () =>
    redis.ping();
