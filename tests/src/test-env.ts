// What the global setup hands to every test file (vitest `provide` / `inject`), and the naming rules
// both sides share. Test database names and Redis key prefixes carry their creation time and the run's
// tag: the run's teardown removes what its files left, and a later run removes leftovers of runs that
// were killed, by name alone.

export interface TestEnvironment {
  /** Server URL (credentials, host, port) with the maintenance database `postgres`. */
  serverUrl: string;
  /** Migrated template database every test database is cloned from. */
  templateDatabase: string;
  redisUrl: string;
  /** Random tag of this `vitest` run, part of every test database name and Redis prefix it makes. */
  runTag: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    leadrail: TestEnvironment;
  }
}

export const TEST_DATABASE_PREFIX = "leadrail_t_";
export const TEMPLATE_PREFIX = "leadrail_tpl_";
export const REDIS_PREFIX = "lrtest:";

export const DEFAULT_TEST_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/leadrail_test_template";
export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

export function randomToken(length: number): string {
  let token = "";
  while (token.length < length) token += Math.random().toString(36).slice(2);
  return token.slice(0, length);
}

export function newRunTag(): string {
  return randomToken(6);
}

/** Who made a test database or Redis prefix, and when: enough to find leftovers by name alone. */
export interface Owner {
  createdAt: Date;
  runTag: string;
}

function parseOwner(time36: string | undefined, runTag: string | undefined): Owner | null {
  if (!time36 || !runTag || !/^[0-9a-z]+$/.test(time36) || !/^[0-9a-z]+$/.test(runTag)) return null;
  return { createdAt: new Date(Number.parseInt(time36, 36)), runTag };
}

/** `leadrail_t_<created, base36 ms>_<run tag>_<random>`: well within PostgreSQL's 63-byte names. */
export function testDatabaseName(runTag: string, now = Date.now()): string {
  return `${TEST_DATABASE_PREFIX}${now.toString(36)}_${runTag}_${randomToken(6)}`;
}

export function ownerOfDatabase(name: string): Owner | null {
  if (!name.startsWith(TEST_DATABASE_PREFIX)) return null;
  const parts = name.slice(TEST_DATABASE_PREFIX.length).split("_");
  return parts.length === 3 ? parseOwner(parts[0], parts[1]) : null;
}

/** `lrtest:<created, base36 ms>:<run tag>:<random>:` */
export function redisFilePrefix(runTag: string, now = Date.now()): string {
  return `${REDIS_PREFIX}${now.toString(36)}:${runTag}:${randomToken(6)}:`;
}

export function ownerOfKey(key: string): Owner | null {
  if (!key.startsWith(REDIS_PREFIX)) return null;
  const [time36, runTag] = key.slice(REDIS_PREFIX.length).split(":");
  return parseOwner(time36, runTag);
}

/** The same URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** host:port of a URL without credentials, for messages. */
export function describeServer(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}:${u.port || (u.protocol.startsWith("redis") ? "6379" : "5432")}`;
}

/** Identifier quoting for the few statements that cannot take parameters (CREATE/DROP DATABASE). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
