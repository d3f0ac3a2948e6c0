// The API process: config, clients, HTTP server, graceful shutdown.
import { createServer } from "node:http";
import { createDb } from "@leadrail/db";
import { Redis } from "ioredis";
import { pino } from "pino";
import { loadEnvironment } from "./environment.ts";
import { createApi } from "./server.ts";

function main(): void {
  let env: ReturnType<typeof loadEnvironment>;
  try {
    env = loadEnvironment();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const logger = pino({ level: env.server.logLevel, base: { service: "api" } });
  const db = createDb(env.postgres.url);
  const redis = new Redis(env.redis.url, { keyPrefix: env.redis.keyPrefix });
  // ioredis reconnects by itself; without a listener every failed attempt is an unhandled 'error'.
  redis.on("error", (error) => logger.warn({ err: error }, "redis connection error"));
  const api = createApi({
    db,
    redis,
    redisPrefix: env.redis.keyPrefix,
    trackerPublicUrl: env.server.trackerPublicUrl,
    trustProxyHops: env.server.trustProxyHops,
    allowPrivatePostbackTargets: env.server.allowPrivatePostbackTargets,
    corsOrigins: env.server.corsOrigins,
    logger,
    dashboardDir: env.server.dashboardDir,
    sessionTtlHours: env.server.sessionTtlHours,
    production: env.server.nodeEnv === "production",
  });
  const server = createServer(api.handle);
  server.listen(env.server.port, env.server.host, () => {
    logger.info({ port: env.server.port }, "api listening");
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "api stopping");
    server.close(() => {
      void Promise.allSettled([db.$disconnect(), redis.quit()]).finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    // In-flight requests get a grace period, then we leave anyway.
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main();
