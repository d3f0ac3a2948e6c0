// The tracker itself: configuration, clients, HTTP server, graceful shutdown. index.ts runs it in
// its own process, or in each worker when TRACKER_WORKERS > 1 (cluster/primary.ts forks them).
import { once } from "node:events";
import { createServer } from "node:http";
import { createDb } from "@leadrail/db";
import { closeHttpServer, registerShutdown } from "@leadrail/db/service/shutdown";
import { Redis } from "ioredis";
import { pino } from "pino";
import { collectDefaultMetrics, Registry } from "prom-client";
import { createTrackerApp } from "./app.ts";
import { createClickPath } from "./clicks/click-path.ts";
import { joinClusterMetrics } from "./cluster/metrics.ts";
import type { Environment } from "./environment.ts";
import { answerExpiry } from "./lead-api/idempotency.ts";
import { createLeadDeliveries } from "./lead-delivery/lead-deliveries.ts";
import { createMailer } from "./lead-delivery/mailer.ts";
import { createPublisherPostbacks } from "./postbacks/publisher-postbacks.ts";
import { createClickWriteConnection, createConnection, waitUntilReady } from "./redis-clients.ts";

// A scrape waits this long for the primary's merged metrics (it gives up on the workers sooner).
const CLUSTER_METRICS_TIMEOUT_MS = 3000;

export interface ServerOptions {
  /** A worker of cluster/primary.ts: /metrics answers with the whole tracker's metrics. */
  clusterWorker: boolean;
}

export async function main(env: Environment, options: ServerOptions): Promise<void> {
  // Workers say which one is talking: a replaced worker's last lines are worth finding.
  const base = options.clusterWorker ? { service: "tracker", pid: process.pid } : { service: "tracker" };
  const logger = pino({ level: env.server.logLevel, base });

  const redis = createClickWriteConnection(env.redis.url, logger);
  const subscriber = createConnection(env.redis.url, logger, "config subscriber");
  const db = createDb(env.postgres.url);
  if (!(await waitUntilReady(redis, 5000)))
    logger.warn("redis not reachable yet: clicks answer 503 until it is");

  // BullMQ needs its own connection: no ioredis keyPrefix (it prefixes keys itself) and no retry limit.
  const queueRedis = new Redis(env.redis.url, { maxRetriesPerRequest: null });
  queueRedis.on("error", (error) => logger.warn({ err: error }, "queue redis connection error"));
  // Leads to the advertisers' CRMs: their own queue and worker, relayed by the postbacks' relay.
  const leadDeliveries = createLeadDeliveries({
    connection: queueRedis,
    keyPrefix: env.redis.keyPrefix,
    db,
    logger,
    ...env.leadDelivery,
    allowPrivateNetworks: env.postbacks.allowPrivateNetworks,
    mailer: env.leadDelivery.smtpUrl
      ? createMailer(env.leadDelivery.smtpUrl, env.leadDelivery.timeoutMs)
      : null,
    // A CRM refusal rejects the lead: the publisher's postback for it goes out at once.
    onConversionChanged: () => publisherPostbacks.relay.kick(),
  });
  const publisherPostbacks = createPublisherPostbacks({
    connection: queueRedis,
    keyPrefix: env.redis.keyPrefix,
    db,
    logger,
    ...env.postbacks,
    outboxSources: [leadDeliveries.outboxSource],
    // The relay's hourly cleanup also forgets the lead API's old request ids.
    expiries: [answerExpiry(env.conversions.leadApiRequestRetentionDays)],
  });
  if (env.postbacks.worker) publisherPostbacks.startWorker();
  if (env.leadDelivery.worker) leadDeliveries.startWorker();
  if (!env.leadDelivery.smtpUrl)
    logger.info("SMTP_URL is not set: e-mail lead destinations fail with 'SMTP not configured'");
  // Every tracker process relays the outbox: SKIP LOCKED lets them share it.
  publisherPostbacks.startRelay();
  if (!env.conversions.leadFormSecret)
    logger.warn("LEAD_FORM_SECRET is not set: lead forms only work on this instance");

  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // Before listening: the primary asks a worker for its metrics once it listens.
  const clusterMetrics = options.clusterWorker
    ? joinClusterMetrics(registry, { timeoutMs: CLUSTER_METRICS_TIMEOUT_MS })
    : null;
  const clickPath = await createClickPath({
    redis,
    subscriber,
    db,
    logger,
    registry,
    keyPrefix: env.redis.keyPrefix,
    settings: env.clicks,
  });
  const conversionRedis = createConnection(env.redis.url, logger, "conversions");
  const app = createTrackerApp({
    redis,
    conversionRedis,
    keyPrefix: env.redis.keyPrefix,
    db,
    logger,
    registry,
    ...(clusterMetrics ? { readMetrics: clusterMetrics.read } : {}),
    clicks: clickPath.deps,
    conversionEvents: publisherPostbacks.events,
    leadFormSecret: env.conversions.leadFormSecret ?? undefined,
    authFailureLimit: env.conversions.authFailureLimit,
    leadApi: env.conversions.leadApi,
    trustProxyHops: env.clicks.trustProxyHops,
    // The duplicate-lead keys reuse the IP-hash key (domain-separated, see quality/contact-key.ts):
    // one more secret to rotate would buy nothing, both only need to be stable and private.
    contactHashSecret: env.clicks.ipHashSecret,
  });
  const server = createServer(app.handle);

  const shutdown = async () => {
    // Requests in flight finish (their clicks reach Redis and their visitors get their answer).
    await closeHttpServer(server);
    await publisherPostbacks
      .close()
      .catch((error: unknown) => logger.warn({ err: error }, "queue close failed"));
    await leadDeliveries
      .close()
      .catch((error: unknown) => logger.warn({ err: error }, "lead delivery queue close failed"));
    await queueRedis.quit().catch(() => queueRedis.disconnect());
    await clickPath.close();
    await conversionRedis.quit().catch(() => conversionRedis.disconnect());
    await redis.quit().catch(() => redis.disconnect());
    await db.$disconnect();
  };
  registerShutdown({ logger, onShutdown: shutdown });

  server.listen(env.server.port, env.server.host);
  await once(server, "listening");
  logger.info({ host: env.server.host, port: env.server.port }, "tracker listening");
}
