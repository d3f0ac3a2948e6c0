// Runs once per `vitest` invocation, before any integration test file:
// 1. uses the PostgreSQL and Redis that answer at TEST_DATABASE_URL / REDIS_URL (default: this
//    machine's), else brings its own as `pnpm start` does (scripts/services/: an embedded PostgreSQL in
//    .data/test, a redis-server on a free port), and finds or installs Chromium for the browser tests;
// 2. removes test databases and Redis keys left by runs that crashed hours ago;
// 3. builds the migrated template database, named by a hash of the migrations, or reuses it;
// 4. hands the names to the test files (`provide`), which clone the template once per file.
// At the end it drops whatever this run's files left behind (a worker that crashed mid-file).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { migrate, migrationsDir } from "@leadrail/db/migrate";
import { Redis } from "ioredis";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { ensureChromium } from "../../scripts/services/chromium.ts";
import { providePostgres } from "../../scripts/services/postgres.ts";
import { provideRedis } from "../../scripts/services/redis.ts";
import { deleteKeys } from "./redis-scope.ts";
import {
  DEFAULT_REDIS_URL,
  DEFAULT_TEST_DATABASE_URL,
  describeServer,
  newRunTag,
  type Owner,
  ownerOfDatabase,
  ownerOfKey,
  quoteIdent,
  REDIS_PREFIX,
  TEMPLATE_PREFIX,
  TEST_DATABASE_PREFIX,
  type TestEnvironment,
  withDatabase,
} from "./test-env.ts";

/**
 * A test database or Redis prefix older than this was left by a killed run: a file keeps its database
 * only while it runs, and no file runs for hours. (A run that ends normally removes its own leftovers.)
 */
const STALE_FILE_MS = 3 * 60 * 60 * 1000;
/** Templates of other migration sets (old branches, other checkouts) are kept this long after last use. */
const STALE_TEMPLATE_MS = 24 * 60 * 60 * 1000;
/** Advisory lock ids live per database: this one is taken in `postgres`, around template work. */
const TEMPLATE_LOCK_ID = 727073690001;
const TEMPLATE_COMMENT = "leadrail test template, last used ";

/** Hash of every migration (directory name and SQL): a new or edited migration gets a new template. */
export function migrationsHash(): string {
  const hash = createHash("sha256");
  const dirs = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const dir of dirs) {
    hash.update(`${dir}\n`);
    hash.update(readFileSync(join(migrationsDir, dir, "migration.sql")));
    hash.update("\n");
  }
  return hash.digest("hex");
}

async function connectPostgres(serverUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new Error(
      `PostgreSQL is not reachable at ${describeServer(serverUrl)} — start it or set TEST_DATABASE_URL ` +
        `(${(error as Error).message})`,
    );
  }
}

async function connectRedis(redisUrl: string): Promise<Redis> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The socket error (ECONNREFUSED...) says more than the "Connection is closed." that connect() rejects with.
  let socketError: Error | undefined;
  redis.on("error", (error: Error) => {
    socketError ??= error;
  });
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new Error(
      `Redis is not reachable at ${describeServer(redisUrl)} — start it or set REDIS_URL ` +
        `(${(socketError ?? (error as Error)).message})`,
    );
  }
}

/** A LIKE pattern matching names that start with `prefix` (`_` and `%` are wildcards in LIKE). */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\_%]/g, "\\$&")}%`;
}

function isStale(owner: Owner | null, now: number): boolean {
  return owner !== null && now - owner.createdAt.getTime() > STALE_FILE_MS;
}

async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  await client.query(`ALTER DATABASE ${quoteIdent(name)} WITH IS_TEMPLATE false`).catch(() => undefined);
  await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

async function dropStaleDatabases(
  client: pg.Client,
  currentTemplate: string,
  now: number,
): Promise<string[]> {
  const { rows } = await client.query<{ datname: string; comment: string | null }>(
    `select datname, shobj_description(oid, 'pg_database') as comment from pg_database
     where datname like $1 or datname like $2`,
    [likePrefix(TEST_DATABASE_PREFIX), likePrefix(TEMPLATE_PREFIX)],
  );
  const dropped: string[] = [];
  for (const { datname, comment } of rows) {
    let stale = false;
    if (datname.startsWith(TEST_DATABASE_PREFIX)) {
      stale = isStale(ownerOfDatabase(datname), now);
    } else if (datname !== currentTemplate) {
      const lastUsed = comment?.startsWith(TEMPLATE_COMMENT)
        ? Date.parse(comment.slice(TEMPLATE_COMMENT.length))
        : Number.NaN;
      stale = Number.isNaN(lastUsed) || now - lastUsed > STALE_TEMPLATE_MS;
    }
    if (stale) {
      await dropDatabase(client, datname);
      dropped.push(datname);
    }
  }
  return dropped;
}

/** Deletes the keys of every file prefix whose owner (creation time, run tag) `match` selects. */
async function dropRedisLeftovers(redis: Redis, match: (owner: Owner) => boolean): Promise<void> {
  const prefixes = new Set<string>();
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${REDIS_PREFIX}*`, "COUNT", 1000);
    cursor = next;
    for (const key of keys) {
      const owner = ownerOfKey(key);
      // lrtest:<time>:<tag>:<random>: is the file's prefix.
      if (owner && match(owner)) prefixes.add(key.split(":").slice(0, 4).join(":"));
    }
  } while (cursor !== "0");
  for (const prefix of prefixes) await deleteKeys(redis, `${prefix}:*`);
}

/**
 * Builds the template under an advisory lock, so parallel `vitest` runs (two terminals, CI shards on
 * one server) wait for the first builder instead of racing. A template counts as built only once it
 * is marked IS_TEMPLATE; anything else under that name is a half-built leftover and is rebuilt.
 */
async function ensureTemplate(
  client: pg.Client,
  serverUrl: string,
  name: string,
): Promise<"built" | "reused"> {
  const found = await client.query<{ datistemplate: boolean }>(
    "select datistemplate from pg_database where datname = $1",
    [name],
  );
  if (found.rows[0]?.datistemplate) return "reused";
  if (found.rows[0]) await dropDatabase(client, name);
  await migrate(withDatabase(serverUrl, name));
  // No connections allowed: CREATE DATABASE ... TEMPLATE fails while anyone is connected to the source.
  await client.query(`ALTER DATABASE ${quoteIdent(name)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  return "built";
}

const rootDir = join(fileURLToPath(import.meta.url), "../../..");
const say = (line: string) => console.log(`[tests] ${line}`);

/**
 * The PostgreSQL and Redis the run uses: the configured ones when they answer, else our own (see
 * scripts/services/, shared with `pnpm start`), stopped by `stop`.
 */
async function provideServices(configured: { serverUrl: string; redisUrl: string }) {
  const dataDir = join(rootDir, ".data/test");
  const postgres = await providePostgres({
    databaseUrl: configured.serverUrl,
    rootDir,
    dataDir,
    log: say,
    port: 54339,
    serverLog: false,
  });
  const redis = await provideRedis({
    redisUrl: configured.redisUrl,
    rootDir,
    dataDir,
    persist: false,
    log: say,
    port: 63799,
  }).catch(async (error: unknown) => {
    await postgres.stop();
    throw error;
  });
  for (const service of [postgres, redis]) {
    if (service.origin !== "external") say(`using ${describeServer(service.url)} (${service.origin})`);
  }
  return {
    serverUrl: withDatabase(postgres.url, "postgres"),
    redisUrl: redis.url,
    stop: async () => {
      await redis.stop();
      await postgres.stop();
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Only the server part (credentials, host, port) of TEST_DATABASE_URL counts: database names are ours.
  const services = await provideServices({
    serverUrl: withDatabase(process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL, "postgres"),
    redisUrl: process.env.REDIS_URL ?? DEFAULT_REDIS_URL,
  });
  // Once per machine at most: later runs find it. Without one, only the browser tests fail, saying why.
  ensureChromium(say);
  try {
    return await prepare(project, services);
  } catch (error) {
    await services.stop();
    throw error;
  }
}

async function prepare(
  project: TestProject,
  services: { serverUrl: string; redisUrl: string; stop(): Promise<void> },
): Promise<() => Promise<void>> {
  const { serverUrl, redisUrl } = services;
  const templateDatabase = `${TEMPLATE_PREFIX}${migrationsHash().slice(0, 8)}`;
  const runTag = newRunTag();
  const now = Date.now();

  const client = await connectPostgres(serverUrl);
  const redis = await connectRedis(redisUrl).catch(async (error: unknown) => {
    await client.end();
    throw error;
  });
  try {
    const started = performance.now();
    await client.query("select pg_advisory_lock($1)", [TEMPLATE_LOCK_ID]);
    try {
      const dropped = await dropStaleDatabases(client, templateDatabase, now);
      if (dropped.length > 0) console.log(`[tests] dropped leftovers of killed runs: ${dropped.join(", ")}`);
      const outcome = await ensureTemplate(client, serverUrl, templateDatabase);
      await client.query(
        `COMMENT ON DATABASE ${quoteIdent(templateDatabase)} IS '${TEMPLATE_COMMENT}${new Date(now).toISOString()}'`,
      );
      if (outcome === "built") {
        console.log(
          `[tests] built template ${templateDatabase} in ${Math.round(performance.now() - started)} ms`,
        );
      }
    } finally {
      await client.query("select pg_advisory_unlock($1)", [TEMPLATE_LOCK_ID]);
    }
    await dropRedisLeftovers(redis, (owner) => isStale(owner, now));
  } finally {
    await client.end();
    redis.disconnect();
  }

  const environment: TestEnvironment = { serverUrl, templateDatabase, redisUrl, runTag };
  project.provide("leadrail", environment);

  return async () => {
    // Files drop their own database and keys; this catches the ones whose worker died mid-file.
    const pgClient = await connectPostgres(serverUrl);
    try {
      const { rows } = await pgClient.query<{ datname: string }>(
        "select datname from pg_database where datname like $1",
        [likePrefix(TEST_DATABASE_PREFIX)],
      );
      for (const { datname } of rows) {
        if (ownerOfDatabase(datname)?.runTag === runTag) await dropDatabase(pgClient, datname);
      }
    } finally {
      await pgClient.end();
    }
    const cleaner = await connectRedis(redisUrl);
    try {
      await dropRedisLeftovers(cleaner, (owner) => owner.runTag === runTag);
    } finally {
      cleaner.disconnect();
      await services.stop();
    }
  };
}
