// API configuration, parsed once at start-up. Nothing else reads process.env. One zod model per
// concern, parsed the way every Leadrail process parses its own (@leadrail/db/service/environment).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type EnvironmentSource,
  parseEnvironment,
  portField,
  postgresModel,
  redisModel,
  sharedServerFields,
} from "@leadrail/db/service/environment";
import { z } from "zod";

const here = dirname(fileURLToPath(import.meta.url));

const serverModel = z.object({
  API_PORT: portField(4000, 0),
  HOST: sharedServerFields.HOST,
  NODE_ENV: sharedServerFields.NODE_ENV,
  LOG_LEVEL: sharedServerFields.LOG_LEVEL,
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
  // The tracker's setting: here the client address is the login rate limit's key.
  TRUST_PROXY: sharedServerFields.TRUST_PROXY,
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

/** Parses every concern and reports all problems at once (throws an EnvironmentError). */
export function loadEnvironment(source: EnvironmentSource = process.env): ApiEnvironment {
  const { server, cors, postgres, redis } = parseEnvironment(source, {
    server: serverModel,
    cors: corsModel,
    postgres: postgresModel,
    redis: redisModel,
  });
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
