import type { Db, Role } from "@leadrail/db";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Loaders } from "./loaders.ts";

/** Who is calling: resolved once per request from the Authorization header. */
export interface Viewer {
  userId: number;
  role: Role;
  advertiserId: number | null;
  publisherId: number | null;
  /** How they authenticated: API keys are for scripts, sessions for the dashboard. */
  via: "api_key" | "session";
  /** The dashboard session, so logout can end exactly this one. */
  sessionId: number | null;
}

export interface Context {
  db: Db;
  viewer: Viewer | null;
  sessionTtlHours: number;
  /** Keys get the deployment's REDIS_KEY_PREFIX from the client's `keyPrefix`... */
  redis: Redis;
  /** ...but pub/sub channel names do not, so publishers prefix them with this. */
  redisPrefix: string;
  /** Base of the tracking URLs handed to publishers, e.g. https://t.example.com (no trailing slash). */
  trackerPublicUrl: string;
  /** The caller's address (login rate limit); X-Forwarded-For only when the proxy is trusted. */
  clientIp: string;
  /** Postback templates may name private or loopback IP addresses (POSTBACK_ALLOW_PRIVATE_NETWORKS). */
  allowPrivatePostbackTargets: boolean;
  logger: Logger;
  /** Per-request batching loaders (one grouped query per list, not one per row). */
  loaders: Loaders;
}
