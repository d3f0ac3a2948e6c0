// API configuration, parsed once at start-up. Nothing else reads process.env.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const here = dirname(fileURLToPath(import.meta.url));

const serverModel = z.object({
  API_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default("0.0.0.0"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DASHBOARD_DIR: z.string().default(join(here, "../../dashboard/dist")),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 7),
  // Base of the tracking URLs handed to publishers: the tracker as the internet reaches it.
  TRACKER_PUBLIC_URL: z
    .string()
    .url()
    .refine((url) => /^https?:\/\//.test(url), "must be an http(s) URL")
    .default("http://localhost:4100"),
  // How many reverse proxies stand in front of the API (the same setting as the tracker's): the
  // client address (login rate limit) is then read from X-Forwarded-For, counting from the right,
  // because entries further left are whatever the client chose to send. 0 trusts nobody.
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  // The tracker's setting of the same name: publishers' postback templates may name private, loopback
  // or link-local addresses (a deployment whose publishers' servers share its private network).
  POSTBACK_ALLOW_PRIVATE_NETWORKS: z
    .enum(["true", "false", "1", "0", ""])
    .default("false")
    .transform((value) => value === "true" || value === "1"),
});
/** One origin as a browser sends it: scheme, host and port, nothing after. */
const origin = z
  .string()
  .url()
  .refine((value) => /^https?:\/\//.test(value) && new URL(value).origin === value, {
    message:
      "each origin must be scheme://host[:port] with no path or trailing slash, e.g. https://app.example.com",
  });

const corsModel = z.object({
  // Browser origins other than the API's own that may call /graphql (comma-separated). None by default:
  // the dashboard is same-origin (the API serves it; `vite` dev proxies /graphql), and an API that
  // answers every Origin lets any web page script it with a token it obtains.
  CORS_ORIGINS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ""),
    )
    .pipe(z.array(origin)),
});
const postgresModel = z.object({
  DATABASE_URL: z.string().url().default("postgresql://postgres@127.0.0.1:5432/leadrail"),
});
const redisModel = z.object({
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  REDIS_KEY_PREFIX: z.string().default(""),
});

export interface ApiEnvironment {
  server: {
    port: number;
    host: string;
    nodeEnv: "development" | "production" | "test";
    logLevel: string;
    dashboardDir: string;
    sessionTtlHours: number;
    trackerPublicUrl: string;
    trustProxyHops: number;
    allowPrivatePostbackTargets: boolean;
    /** CORS_ORIGINS: the only origins CORS answers for (none: same-origin only). */
    corsOrigins: string[];
  };
  postgres: { url: string };
  redis: { url: string; keyPrefix: string };
}

/** Parses every concern and reports all problems at once; throws with the combined message. */
export function loadEnvironment(source: Record<string, string | undefined> = process.env): ApiEnvironment {
  const results = [
    serverModel.safeParse(source),
    corsModel.safeParse(source),
    postgresModel.safeParse(source),
    redisModel.safeParse(source),
  ];
  const problems = results.flatMap((r) =>
    r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
  );
  if (problems.length > 0) throw new Error(`invalid configuration:\n  ${problems.join("\n  ")}`);
  const server = serverModel.parse(source);
  const cors = corsModel.parse(source);
  const postgres = postgresModel.parse(source);
  const redis = redisModel.parse(source);
  return {
    server: {
      port: server.API_PORT,
      host: server.HOST,
      nodeEnv: server.NODE_ENV,
      logLevel: server.LOG_LEVEL,
      dashboardDir: server.DASHBOARD_DIR,
      sessionTtlHours: server.SESSION_TTL_HOURS,
      trackerPublicUrl: server.TRACKER_PUBLIC_URL,
      trustProxyHops: server.TRUST_PROXY,
      allowPrivatePostbackTargets: server.POSTBACK_ALLOW_PRIVATE_NETWORKS,
      corsOrigins: cors.CORS_ORIGINS,
    },
    postgres: { url: postgres.DATABASE_URL },
    redis: { url: redis.REDIS_URL, keyPrefix: redis.REDIS_KEY_PREFIX },
  };
}
