// The API process: config, clients, HTTP server, graceful shutdown.
import { createServer } from "node:http";
import { createDb } from "@leadrail/db";
import { environmentOrExit } from "@leadrail/db/service/environment";
import { closeHttpServer, registerShutdown } from "@leadrail/db/service/shutdown";
import { Redis } from "ioredis";
import { pino } from "pino";
import { loadEnvironment } from "./environment.ts";
import { createApi } from "./server.ts";

function main(): void {
  const env = environmentOrExit("api", () => loadEnvironment());
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

  registerShutdown({
    logger,
    onShutdown: async () => {
      // Requests in flight get their answers (a mutation half-sent would leave its caller guessing).
      await closeHttpServer(server);
      await Promise.all([
        db.$disconnect(),
        redis.quit().then(
          () => undefined,
          () => redis.disconnect(),
        ),
      ]);
    },
  });
}

main();
