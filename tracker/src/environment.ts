// The tracker's configuration: the only module that reads process.env (through `loadEnvironment`).
//
// One zod model per concern, parsed the way every Leadrail process parses its own
// (@leadrail/db/service/environment): every problem reported in one go. The click writer
// (src/click-writer-main.ts) reads the same environment: it shares the Redis and PostgreSQL settings
// and has a section of its own.
import { availableParallelism, hostname } from "node:os";
import {
  type EnvironmentSource,
  emptyAsUnset,
  parseEnvironment,
  portField,
  postgresModel,
  redisModel,
  sharedServerFields,
} from "@leadrail/db/service/environment";
import { z } from "zod";

const positiveInt = (fallback: number) => emptyAsUnset(z.coerce.number().int().positive().default(fallback));

const WORKERS = "must be a whole number from 1 to 64, or auto";
const ServerModel = z.object({
  TRACKER_PORT: portField(4100),
  // HTTP worker processes (node:cluster). 1 is one plain process with no cluster primary; `auto` is one
  // per CPU the process may use. The cap only catches typos: every worker has its own pools.
  TRACKER_WORKERS: emptyAsUnset(
    z
      .union([z.literal("auto"), z.coerce.number().int().min(1, WORKERS).max(64, WORKERS)], {
        error: WORKERS,
      })
      .default(1)
      .transform((value) => (value === "auto" ? availableParallelism() : value)),
  ),
  HOST: sharedServerFields.HOST,
  LOG_LEVEL: sharedServerFields.LOG_LEVEL,
  NODE_ENV: sharedServerFields.NODE_ENV,
});

/** Only for development and tests: production must set its own (checked below). */
export const DEV_IP_HASH_SECRET = "leadrail-dev-ip-hash-secret";

const ClicksModel = z.object({
  TRUST_PROXY: sharedServerFields.TRUST_PROXY,
  // A header a trusted CDN sets to the visitor's country (Cloudflare: CF-IPCountry). Unset: only the
  // offline IP database is used.
  TRUSTED_COUNTRY_HEADER: emptyAsUnset(
    z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, "must be a header name")
      .transform((name) => name.toLowerCase())
      .optional(),
  ),
  IP_HASH_SECRET: emptyAsUnset(
    z.string().min(16, "must be at least 16 characters").default(DEV_IP_HASH_SECRET),
  ),
  CONFIG_CACHE_TTL_SECONDS: positiveInt(60),
  NEGATIVE_CACHE_TTL_SECONDS: positiveInt(10),
  UA_CACHE_SIZE: positiveInt(10_000),
  // How long a click waits for Redis to confirm its writes before the visitor gets a 503.
  CLICK_WRITE_TIMEOUT_MS: positiveInt(2000),
  // Clicks waiting for Redis beyond this many are answered 503 at once: memory stays bounded.
  CLICK_MAX_PENDING: positiveInt(20_000),
  CLICK_MAX_IN_FLIGHT: positiveInt(1),
});

// Conversions: the hosted lead form's token key, and publisher postback delivery.
const boolean = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const ConversionsModel = z.object({
  // Signs lead-form tokens; every instance behind one load balancer needs the same value. Required
  // in production (see loadEnvironment); elsewhere a random per-process key is used when unset.
  LEAD_FORM_SECRET: emptyAsUnset(z.string().min(32, "must be at least 32 characters").optional()),
  POSTBACK_WORKER: emptyAsUnset(boolean.default(true)),
  POSTBACK_ATTEMPTS: emptyAsUnset(z.coerce.number().int().min(1).max(20).default(5)),
  POSTBACK_BACKOFF_MS: emptyAsUnset(z.coerce.number().int().min(1).max(3_600_000).default(2000)),
  POSTBACK_TIMEOUT_MS: emptyAsUnset(z.coerce.number().int().min(100).max(60_000).default(5000)),
  POSTBACK_CONCURRENCY: emptyAsUnset(z.coerce.number().int().min(1).max(200).default(10)),
  // Publisher postbacks to private, loopback, link-local, CGNAT... addresses are refused (SSRF) unless
  // this is set: tests with receivers on 127.0.0.1, or a deployment whose publishers are internal.
  POSTBACK_ALLOW_PRIVATE_NETWORKS: emptyAsUnset(boolean.default(false)),
  // The outbox relay is told about the tracker's own conversions at once; the API's decisions (and
  // rows left by a Redis outage) are found by polling this often.
  POSTBACK_RELAY_INTERVAL_MS: emptyAsUnset(z.coerce.number().int().min(10).max(60_000).default(1000)),
  // Postbacks failing authentication, per client address and window: beyond the limit the tracker
  // answers 429 and stops logging them (they would fill the postback log).
  POSTBACK_AUTH_FAILURE_LIMIT: emptyAsUnset(z.coerce.number().int().min(1).max(1_000_000).default(30)),
  POSTBACK_AUTH_FAILURE_WINDOW_SECONDS: emptyAsUnset(z.coerce.number().int().min(1).max(86_400).default(60)),
  // The lead API (POST /v1/leads): how long an API key's owner is cached in Redis (a revoked key or a
  // suspended account keeps working at most this long), and requests per key per minute.
  LEAD_API_KEY_CACHE_SECONDS: emptyAsUnset(z.coerce.number().int().min(1).max(3600).default(30)),
  LEAD_API_RATE_LIMIT_PER_MINUTE: emptyAsUnset(z.coerce.number().int().min(1).max(1_000_000).default(600)),
  // Days a lead API request id is remembered (its idempotency record); after that the same id is a
  // new request. Deleted by the outbox relay's hourly cleanup.
  LEAD_API_REQUEST_RETENTION_DAYS: emptyAsUnset(z.coerce.number().int().min(1).max(3650).default(7)),
});

// Lead delivery to the advertiser's CRM (docs/lead-delivery.md): webhooks share the postbacks' SSRF
// setting (POSTBACK_ALLOW_PRIVATE_NETWORKS) and relay, e-mail goes through SMTP_URL.
const LeadDeliveryModel = z.object({
  LEAD_DELIVERY_WORKER: emptyAsUnset(boolean.default(true)),
  // 10 tries, the first retry after 2 s and each wait doubled: about 17 minutes before giving up, so
  // a CRM down for a few minutes loses nothing (and a failed delivery can be replayed later).
  LEAD_DELIVERY_ATTEMPTS: emptyAsUnset(z.coerce.number().int().min(1).max(30).default(10)),
  LEAD_DELIVERY_BACKOFF_MS: emptyAsUnset(z.coerce.number().int().min(1).max(3_600_000).default(2000)),
  LEAD_DELIVERY_TIMEOUT_MS: emptyAsUnset(z.coerce.number().int().min(100).max(120_000).default(10_000)),
  LEAD_DELIVERY_CONCURRENCY: emptyAsUnset(z.coerce.number().int().min(1).max(200).default(10)),
  // Unset: e-mail destinations fail with "SMTP not configured" (and can be replayed once it is set).
  SMTP_URL: emptyAsUnset(
    z
      .string()
      .refine((value) => /^smtps?:\/\/[^\s/]+/i.test(value), "must be an smtp:// or smtps:// URL")
      .optional(),
  ),
  SMTP_FROM: emptyAsUnset(z.string().min(3).max(200).default("Leadrail <leads@localhost>")),
});

const WriterModel = z.object({
  WRITER_CONSUMER: emptyAsUnset(
    z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/, "must be 1-64 letters, digits or _.:-")
      .optional(),
  ),
  WRITER_BATCH_SIZE: emptyAsUnset(z.coerce.number().int().min(1).max(10_000).default(500)),
  WRITER_BLOCK_MS: emptyAsUnset(z.coerce.number().int().min(10).max(10_000).default(1000)),
  WRITER_CLAIM_IDLE_MS: positiveInt(30_000),
  WRITER_LINGER_MS: emptyAsUnset(z.coerce.number().int().min(0).max(5000).default(100)),
  WRITER_METRICS_PORT: emptyAsUnset(z.coerce.number().int().min(0).max(65535).optional()),
  // Click velocity (quality/velocity.ts): accepted clicks per minute beyond which clicks are flagged.
  VELOCITY_IP_PER_MINUTE: positiveInt(30),
  VELOCITY_LINK_PER_MINUTE: positiveInt(10),
});

export interface Environment {
  server: {
    port: number;
    /** TRACKER_WORKERS, with `auto` resolved. */
    workers: number;
    host: string;
    logLevel: z.infer<typeof ServerModel>["LOG_LEVEL"];
    nodeEnv: z.infer<typeof ServerModel>["NODE_ENV"];
  };
  redis: { url: string; keyPrefix: string };
  postgres: { url: string };
  clicks: {
    trustProxyHops: number;
    trustedCountryHeader: string | null;
    ipHashSecret: string;
    configCacheTtlMs: number;
    negativeCacheTtlMs: number;
    uaCacheSize: number;
    writeTimeoutMs: number;
    maxPending: number;
    maxInFlight: number;
  };
  conversions: {
    leadFormSecret: string | null;
    authFailureLimit: { limit: number; windowSeconds: number };
    leadApi: { keyCacheSeconds: number; rateLimitPerMinute: number };
    /** LEAD_API_REQUEST_RETENTION_DAYS: how long the lead API's idempotency records are kept. */
    leadApiRequestRetentionDays: number;
  };
  postbacks: {
    worker: boolean;
    attempts: number;
    backoffMs: number;
    timeoutMs: number;
    concurrency: number;
    allowPrivateNetworks: boolean;
    relayIntervalMs: number;
  };
  leadDelivery: {
    worker: boolean;
    attempts: number;
    backoffMs: number;
    timeoutMs: number;
    concurrency: number;
    smtpUrl: string | null;
    mailFrom: string;
  };
  writer: {
    consumer: string;
    batchSize: number;
    blockMs: number;
    claimIdleMs: number;
    lingerMs: number;
    metricsPort: number | null;
    velocity: { perIp: number; perLink: number };
  };
}

export function loadEnvironment(source: EnvironmentSource = process.env): Environment {
  const { server, redis, postgres, clicks, writer, conversions, leadDelivery } = parseEnvironment(
    source,
    {
      server: ServerModel,
      postgres: postgresModel,
      redis: redisModel,
      clicks: ClicksModel,
      writer: WriterModel,
      conversions: ConversionsModel,
      leadDelivery: LeadDeliveryModel,
    },
    ({ server, clicks, conversions }) => {
      if (server?.NODE_ENV !== "production") return [];
      const problems: string[] = [];
      // The dev secret is public (it is in this file): in production it would make IP hashes
      // reversible by brute force over the IPv4 space.
      if (clicks?.IP_HASH_SECRET === DEV_IP_HASH_SECRET)
        problems.push("IP_HASH_SECRET must be set in production");
      // A random per-process key would make every other instance refuse the forms this one rendered.
      if (conversions && !conversions.LEAD_FORM_SECRET)
        problems.push("LEAD_FORM_SECRET is required in production");
      return problems;
    },
  );

  return {
    server: {
      port: server.TRACKER_PORT,
      workers: server.TRACKER_WORKERS,
      host: server.HOST,
      logLevel: server.LOG_LEVEL,
      nodeEnv: server.NODE_ENV,
    },
    redis: { url: redis.REDIS_URL, keyPrefix: redis.REDIS_KEY_PREFIX },
    postgres: { url: postgres.DATABASE_URL },
    clicks: {
      trustProxyHops: clicks.TRUST_PROXY,
      trustedCountryHeader: clicks.TRUSTED_COUNTRY_HEADER ?? null,
      ipHashSecret: clicks.IP_HASH_SECRET,
      configCacheTtlMs: clicks.CONFIG_CACHE_TTL_SECONDS * 1000,
      negativeCacheTtlMs: clicks.NEGATIVE_CACHE_TTL_SECONDS * 1000,
      uaCacheSize: clicks.UA_CACHE_SIZE,
      writeTimeoutMs: clicks.CLICK_WRITE_TIMEOUT_MS,
      maxPending: clicks.CLICK_MAX_PENDING,
      maxInFlight: clicks.CLICK_MAX_IN_FLIGHT,
    },
    conversions: {
      leadFormSecret: conversions.LEAD_FORM_SECRET ?? null,
      authFailureLimit: {
        limit: conversions.POSTBACK_AUTH_FAILURE_LIMIT,
        windowSeconds: conversions.POSTBACK_AUTH_FAILURE_WINDOW_SECONDS,
      },
      leadApi: {
        keyCacheSeconds: conversions.LEAD_API_KEY_CACHE_SECONDS,
        rateLimitPerMinute: conversions.LEAD_API_RATE_LIMIT_PER_MINUTE,
      },
      leadApiRequestRetentionDays: conversions.LEAD_API_REQUEST_RETENTION_DAYS,
    },
    postbacks: {
      worker: conversions.POSTBACK_WORKER,
      attempts: conversions.POSTBACK_ATTEMPTS,
      backoffMs: conversions.POSTBACK_BACKOFF_MS,
      timeoutMs: conversions.POSTBACK_TIMEOUT_MS,
      concurrency: conversions.POSTBACK_CONCURRENCY,
      allowPrivateNetworks: conversions.POSTBACK_ALLOW_PRIVATE_NETWORKS,
      relayIntervalMs: conversions.POSTBACK_RELAY_INTERVAL_MS,
    },
    leadDelivery: {
      worker: leadDelivery.LEAD_DELIVERY_WORKER,
      attempts: leadDelivery.LEAD_DELIVERY_ATTEMPTS,
      backoffMs: leadDelivery.LEAD_DELIVERY_BACKOFF_MS,
      timeoutMs: leadDelivery.LEAD_DELIVERY_TIMEOUT_MS,
      concurrency: leadDelivery.LEAD_DELIVERY_CONCURRENCY,
      smtpUrl: leadDelivery.SMTP_URL ?? null,
      mailFrom: leadDelivery.SMTP_FROM,
    },
    writer: {
      // Stable names let a restarted writer pick up its own pending entries at once; the default
      // is unique per process, and entries of a consumer that never comes back are reclaimed.
      consumer: writer.WRITER_CONSUMER ?? `${hostname()}-${process.pid}`,
      batchSize: writer.WRITER_BATCH_SIZE,
      blockMs: writer.WRITER_BLOCK_MS,
      claimIdleMs: writer.WRITER_CLAIM_IDLE_MS,
      lingerMs: writer.WRITER_LINGER_MS,
      metricsPort: writer.WRITER_METRICS_PORT ?? null,
      velocity: {
        perIp: writer.VELOCITY_IP_PER_MINUTE,
        perLink: writer.VELOCITY_LINK_PER_MINUTE,
      },
    },
  };
}
