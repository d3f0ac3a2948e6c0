// The tracker's configuration: the only module that reads process.env (through `loadEnvironment`).
//
// One zod model per concern, each parsed on its own, so a bad deployment sees every problem in one go
// instead of fixing them one restart at a time.
import { z } from "zod";

// An exported-but-empty variable (`FOO=` in a compose file) means "use the default", not "invalid".
const emptyAsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema);

const required = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? "is required" : `must be ${what}`;

const ServerModel = z.object({
  TRACKER_PORT: emptyAsUnset(z.coerce.number().int().min(1).max(65535).default(4100)),
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
});

export interface Environment {
  server: {
    port: number;
    host: string;
    logLevel: z.infer<typeof ServerModel>["LOG_LEVEL"];
    nodeEnv: z.infer<typeof ServerModel>["NODE_ENV"];
  };
  redis: { url: string; keyPrefix: string };
  postgres: { url: string };
  conversions: { leadFormSecret: string | null };
  postbacks: { worker: boolean; attempts: number; backoffMs: number; timeoutMs: number; concurrency: number };
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
  const conversions = ConversionsModel.safeParse(source);

  const problems = [server, redis, postgres, conversions].flatMap((result) =>
    result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
  );
  // A random per-process key would make every other instance refuse the forms this one rendered.
  if (server.success && server.data.NODE_ENV === "production" && conversions.success) {
    if (!conversions.data.LEAD_FORM_SECRET) problems.push("LEAD_FORM_SECRET: is required in production");
  }
  if (!server.success || !redis.success || !postgres.success || !conversions.success || problems.length > 0) {
    throw new EnvironmentError(problems);
  }

  return {
    server: {
      port: server.data.TRACKER_PORT,
      host: server.data.HOST,
      logLevel: server.data.LOG_LEVEL,
      nodeEnv: server.data.NODE_ENV,
    },
    redis: { url: redis.data.REDIS_URL, keyPrefix: redis.data.REDIS_KEY_PREFIX },
    postgres: { url: postgres.data.DATABASE_URL },
    conversions: { leadFormSecret: conversions.data.LEAD_FORM_SECRET ?? null },
    postbacks: {
      worker: conversions.data.POSTBACK_WORKER,
      attempts: conversions.data.POSTBACK_ATTEMPTS,
      backoffMs: conversions.data.POSTBACK_BACKOFF_MS,
      timeoutMs: conversions.data.POSTBACK_TIMEOUT_MS,
      concurrency: conversions.data.POSTBACK_CONCURRENCY,
    },
  };
}
