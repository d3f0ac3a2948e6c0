// Click writer process entry: `node --import tsx src/click-writer-main.ts` (pnpm start runs
// CLICK_WRITERS of them). Configuration from the same environment model as the tracker; the logic is
// clicks/click-writer.ts.
import { once } from "node:events";
import { createServer } from "node:http";
import { createDb } from "@leadrail/db";
import { environmentOrExit } from "@leadrail/db/service/environment";
import { registerShutdown } from "@leadrail/db/service/shutdown";
import { pino } from "pino";
import { createClickWriter, WRITER_GROUP } from "./clicks/click-writer.ts";
import { createWriterMetrics } from "./clicks/writer-metrics.ts";
import { loadEnvironment } from "./environment.ts";
import { createVelocityFlagger } from "./quality/velocity.ts";
import { createConnection } from "./redis-clients.ts";
import { streamKey } from "./tracking/click-record.ts";

async function main(): Promise<void> {
  const env = environmentOrExit("click-writer", () => loadEnvironment());
  const logger = pino({
    level: env.server.logLevel,
    base: { service: "click-writer", consumer: env.writer.consumer },
  });
  const redis = createConnection(env.redis.url, logger, "click writer");
  const metricsRedis = createConnection(env.redis.url, logger, "click writer metrics");
  // Batches are written one at a time: two connections cover the batch and the partition check.
  const db = createDb(env.postgres.url, { max: 2 });
  const metrics = createWriterMetrics({
    redis: metricsRedis,
    stream: streamKey(env.redis.keyPrefix),
    group: WRITER_GROUP,
  });
  const writer = createClickWriter({
    redis,
    db,
    logger,
    metrics,
    keyPrefix: env.redis.keyPrefix,
    consumer: env.writer.consumer,
    batchSize: env.writer.batchSize,
    blockMs: env.writer.blockMs,
    claimIdleMs: env.writer.claimIdleMs,
    lingerMs: env.writer.lingerMs,
    velocity: createVelocityFlagger({
      redis,
      keyPrefix: env.redis.keyPrefix,
      limits: env.writer.velocity,
    }),
  });

  const metricsServer =
    env.writer.metricsPort === null
      ? null
      : createServer((req, res) => {
          if (req.method !== "GET" || req.url !== "/metrics") {
            res.writeHead(404).end();
            return;
          }
          metrics.registry.metrics().then(
            (body) => res.writeHead(200, { "content-type": metrics.registry.contentType }).end(body),
            (error: unknown) => {
              logger.error({ err: error }, "metrics failed");
              res.writeHead(500).end();
            },
          );
        });
  if (metricsServer) {
    metricsServer.listen(env.writer.metricsPort ?? 0, env.server.host);
    await once(metricsServer, "listening");
  }

  const shutdown = async () => {
    logger.info("stopping after the current batch");
    await writer.stop();
    metricsServer?.close();
    redis.disconnect();
    await metricsRedis.quit().catch(() => metricsRedis.disconnect());
    await db.$disconnect();
  };
  // The current batch gets until the deadline to commit; past it the process exits and the batch
  // stays pending in Redis, to be stored by this consumer's next run or reclaimed by another writer.
  registerShutdown({ logger, onShutdown: shutdown, deadlineNote: "the batch stays pending" });

  logger.info({ stream: streamKey(env.redis.keyPrefix), group: WRITER_GROUP }, "click writer started");
  await writer.run();
}

main().catch((error: unknown) => {
  console.error("click writer failed:", error);
  process.exit(1);
});
