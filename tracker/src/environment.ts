// The tracker's configuration: the only module that reads process.env (through `loadEnvironment`).
//
// One zod model per concern, each parsed on its own, so a bad deployment sees every problem in one go
// instead of fixing them one restart at a time. The click writer (src/writer.ts) reads the same
// environment: it shares the Redis and PostgreSQL settings and has a section of its own.
import { availableParallelism, hostname } from "node:os";
import { z } from "zod";

// An exported-but-empty variable (`FOO=` in a compose file) means "use the default", not "invalid".
const emptyAsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema);

const required = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? "is required" : `must be ${what}`;

const positiveInt = (fallback: number) => emptyAsUnset(z.coerce.number().int().positive().default(fallback));

const WORKERS = "must be a whole number from 1 to 64, or auto";
const ServerModel = z.object({
  TRACKER_PORT: emptyAsUnset(z.coerce.number().int().min(1).max(65535).default(4100)),
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
  HOST: emptyAsUnset(z.string().default("0.0.0.0")),
  LOG_LEVEL: emptyAsUnset(
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
  NODE_ENV: emptyAsUnset(z.enum(["development", "test", "production"]).default("development")),
});

// No default URLs: a tracker that silently connects to localhost in production loses clicks.
// `pnpm start` and the tests always pass both.
const RedisModel = z.object({
  REDIS_URL: emptyAsUnset(z.url({ protocol: /^rediss?$/, error: required("a redis:// or rediss:// URL") })),
  REDIS_KEY_PREFIX: z.string().default(""),
});

const PostgresModel = z.object({
  DATABASE_URL: emptyAsUnset(z.url({ protocol: /^postgres(ql)?$/, error: required("a postgresql:// URL") })),
});

/** Only for development and tests: production must set its own (checked below). */
export const DEV_IP_HASH_SECRET = "leadrail-dev-ip-hash-secret";

const ClicksModel = z.object({
  // How many reverse proxies (load balancer, CDN) stand in front of the tracker. 0 trusts nobody:
  // X-Forwarded-For is then ignored, because any visitor can send one.
  TRUST_PROXY: emptyAsUnset(z.coerce.number().int().min(0).max(10).default(0)),
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

/** Every configuration problem found, one line each (`NAME: message`). */
export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid tracker configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "EnvironmentError";
  }
}

type Source = Record<string, string | undefined>;

export function loadEnvironment(source: Source = process.env): Environment {
  const server = ServerModel.safeParse(source);
  const redis = RedisModel.safeParse(source);
  const postgres = PostgresModel.safeParse(source);
  const clicks = ClicksModel.safeParse(source);
  const writer = WriterModel.safeParse(source);
  const conversions = ConversionsModel.safeParse(source);

  const problems = [server, redis, postgres, clicks, writer, conversions].flatMap((result) =>
    result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
  );
  // The dev secret is public (it is in this file): in production it would make IP hashes reversible
  // by brute force over the IPv4 space.
  if (
    server.success &&
    clicks.success &&
    server.data.NODE_ENV === "production" &&
    clicks.data.IP_HASH_SECRET === DEV_IP_HASH_SECRET
  ) {
    problems.push("IP_HASH_SECRET: must be set in production");
  }
  // A random per-process key would make every other instance refuse the forms this one rendered.
  if (server.success && server.data.NODE_ENV === "production" && conversions.success) {
    if (!conversions.data.LEAD_FORM_SECRET) problems.push("LEAD_FORM_SECRET: is required in production");
  }
  if (
    !server.success ||
    !redis.success ||
    !postgres.success ||
    !clicks.success ||
    !writer.success ||
    !conversions.success
  ) {
    throw new EnvironmentError(problems);
  }
  if (problems.length > 0) throw new EnvironmentError(problems);

  return {
    server: {
      port: server.data.TRACKER_PORT,
      workers: server.data.TRACKER_WORKERS,
      host: server.data.HOST,
      logLevel: server.data.LOG_LEVEL,
      nodeEnv: server.data.NODE_ENV,
    },
    redis: { url: redis.data.REDIS_URL, keyPrefix: redis.data.REDIS_KEY_PREFIX },
    postgres: { url: postgres.data.DATABASE_URL },
    clicks: {
      trustProxyHops: clicks.data.TRUST_PROXY,
      trustedCountryHeader: clicks.data.TRUSTED_COUNTRY_HEADER ?? null,
      ipHashSecret: clicks.data.IP_HASH_SECRET,
      configCacheTtlMs: clicks.data.CONFIG_CACHE_TTL_SECONDS * 1000,
      negativeCacheTtlMs: clicks.data.NEGATIVE_CACHE_TTL_SECONDS * 1000,
      uaCacheSize: clicks.data.UA_CACHE_SIZE,
      writeTimeoutMs: clicks.data.CLICK_WRITE_TIMEOUT_MS,
      maxPending: clicks.data.CLICK_MAX_PENDING,
      maxInFlight: clicks.data.CLICK_MAX_IN_FLIGHT,
    },
    conversions: {
      leadFormSecret: conversions.data.LEAD_FORM_SECRET ?? null,
      authFailureLimit: {
        limit: conversions.data.POSTBACK_AUTH_FAILURE_LIMIT,
        windowSeconds: conversions.data.POSTBACK_AUTH_FAILURE_WINDOW_SECONDS,
      },
    },
    postbacks: {
      worker: conversions.data.POSTBACK_WORKER,
      attempts: conversions.data.POSTBACK_ATTEMPTS,
      backoffMs: conversions.data.POSTBACK_BACKOFF_MS,
      timeoutMs: conversions.data.POSTBACK_TIMEOUT_MS,
      concurrency: conversions.data.POSTBACK_CONCURRENCY,
      allowPrivateNetworks: conversions.data.POSTBACK_ALLOW_PRIVATE_NETWORKS,
      relayIntervalMs: conversions.data.POSTBACK_RELAY_INTERVAL_MS,
    },
    writer: {
      // Stable names let a restarted writer pick up its own pending entries at once; the default
      // is unique per process, and entries of a consumer that never comes back are reclaimed.
      consumer: writer.data.WRITER_CONSUMER ?? `${hostname()}-${process.pid}`,
      batchSize: writer.data.WRITER_BATCH_SIZE,
      blockMs: writer.data.WRITER_BLOCK_MS,
      claimIdleMs: writer.data.WRITER_CLAIM_IDLE_MS,
      lingerMs: writer.data.WRITER_LINGER_MS,
      metricsPort: writer.data.WRITER_METRICS_PORT ?? null,
      velocity: {
        perIp: writer.data.VELOCITY_IP_PER_MINUTE,
        perLink: writer.data.VELOCITY_LINK_PER_MINUTE,
      },
    },
  };
}
