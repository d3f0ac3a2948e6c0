// The API under test: createApi(...).handle on an ephemeral HTTP port, wired to this file's database
// and Redis prefix, called over real HTTP with API keys minted like production ones.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type Advertiser, type Db, generateApiKey, type Publisher, type Role, type User } from "@leadrail/db";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { createApi } from "../../api/src/server.ts";
import { createUser, type DbClient } from "../src/factories.ts";
import { test as base } from "../src/fixtures.ts";

export { describe, expect } from "../src/fixtures.ts";

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are checked by assertions, not by types
export type Data = Record<string, any>;

export interface GraphQLAnswer {
  status: number;
  data?: Data | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export const TRACKER_URL = "https://t.leadrail.test";

export interface ApiServer {
  url: string;
  /** POSTs one operation; `key` is an API key (or session token), omitted for anonymous calls. */
  call(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<GraphQLAnswer>;
  close(): Promise<void>;
}

export async function startApi(options: {
  db: Db;
  redis: Redis;
  redisPrefix: string;
  production?: boolean;
  /** Lets publishers save postback templates aimed at 127.0.0.1 (the tests' receivers). */
  allowPrivatePostbackTargets?: boolean;
  /** CORS_ORIGINS. */
  corsOrigins?: string[];
}): Promise<ApiServer> {
  const api = createApi({
    db: options.db,
    redis: options.redis,
    redisPrefix: options.redisPrefix,
    logger: pino({ level: "silent" }),
    trackerPublicUrl: TRACKER_URL,
    production: options.production ?? false,
    allowPrivatePostbackTargets: options.allowPrivatePostbackTargets ?? false,
    corsOrigins: options.corsOrigins ?? [],
  });
  const server = createServer(api.handle);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    async call(query, variables = {}, key = null) {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json, application/json",
          ...(key ? { authorization: `Bearer ${key}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLAnswer, "status">;
      return { status: response.status, ...body };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Caller {
  user: User;
  key: string;
}

/** A user of `role` (on `account` for advertisers and publishers) with a fresh API key. */
export async function callerFor(
  db: DbClient,
  role: Role,
  account?: Advertiser | Publisher | null,
): Promise<Caller> {
  const user = await createUser(db, role, account);
  const { key, prefix, keyHash } = generateApiKey();
  await db.apiKey.create({ data: { userId: user.id, name: "test", prefix, keyHash } });
  return { user, key };
}

export const test = base.extend(
  "api",
  { scope: "file" },
  async ({ db, redis, redisPrefix }, { onCleanup }) => {
    const api = await startApi({ db, redis, redisPrefix });
    onCleanup(() => api.close());
    return api;
  },
);

/**
 * The payload of a mutation that answers `Result = DomainError | Success { data }`: `data` on success,
 * the error (`code`, `message`) otherwise. The query must select `__typename`, `... on DomainError {
 * code message }` and the success type's `data`.
 */
export function outcome(
  answer: GraphQLAnswer,
  field: string,
): { ok: true; data: Data } | { ok: false; code: string; message: string } {
  if (answer.errors?.length) {
    return {
      ok: false,
      code: answer.errors[0]?.extensions?.code ?? "graphql_error",
      message: answer.errors[0]?.message ?? "",
    };
  }
  const result = answer.data?.[field] as Data | undefined;
  if (!result) throw new Error(`no ${field} in ${JSON.stringify(answer)}`);
  if (result.__typename === "DomainError") return { ok: false, code: result.code, message: result.message };
  return { ok: true, data: result.data };
}

/** Fails the test with the answer when the mutation did not succeed. */
export function expectOk(answer: GraphQLAnswer, field: string): Data {
  const result = outcome(answer, field);
  if (!result.ok) throw new Error(`${field} failed: ${result.code}: ${result.message}`);
  return result.data;
}

/** Collects messages published on a channel through a second connection (subscribers cannot run commands). */
export async function subscribe(
  redis: Redis,
  channel: string,
): Promise<{ messages: string[]; close(): void }> {
  const subscriber = redis.duplicate({ keyPrefix: "" });
  const messages: string[] = [];
  subscriber.on("message", (ch: string, message: string) => {
    if (ch === channel) messages.push(message);
  });
  await subscriber.subscribe(channel);
  return { messages, close: () => subscriber.disconnect() };
}

/** Waits until `check` passes (Redis messages arrive asynchronously). */
export async function eventually(check: () => void, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
