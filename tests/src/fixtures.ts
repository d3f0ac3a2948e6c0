// The integration test API. Import `test`, `expect` and `describe` from here instead of "vitest":
//
//   test("...", async ({ db, redis, factories }) => { ... })
//
// Isolation unit = the test file. Each file gets, on first use, its own database cloned from the migrated
// template (dropped WITH (FORCE) after the file) and its own Redis key prefix (keys deleted after the
// file). Tests inside a file share both, so they create their own rows with `factories` (unique values)
// and never assume the tables are empty.
import { createDb } from "@leadrail/db";
import { test as base, inject } from "vitest";
import { bindFactories } from "./factories.ts";
import { openRedisScope } from "./redis-scope.ts";
import { createTestDatabase } from "./test-database.ts";
import type { TestEnvironment } from "./test-env.ts";

export { describe, expect } from "vitest";

function testEnvironment(): TestEnvironment {
  const environment = inject("leadrail");
  if (!environment) {
    throw new Error(
      "tests/src/fixtures.ts needs the integration project's globalSetup (tests/src/global-setup.ts)",
    );
  }
  return environment;
}

export const test = base
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads fixture dependencies from this pattern
  .extend("testDatabase", { scope: "file" }, async ({}, { onCleanup }) => {
    const database = await createTestDatabase(testEnvironment());
    onCleanup(() => database.drop());
    return database;
  })
  /** URL of this file's database, for code under test that makes its own connections. */
  .extend("databaseUrl", { scope: "file" }, ({ testDatabase }) => testDatabase.url)
  .extend("db", { scope: "file" }, async ({ databaseUrl }, { onCleanup }) => {
    const db = createDb(databaseUrl, { max: 5 });
    onCleanup(() => db.$disconnect());
    return db;
  })
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads fixture dependencies from this pattern
  .extend("redisScope", { scope: "file" }, async ({}, { onCleanup }) => {
    const scope = openRedisScope(testEnvironment());
    onCleanup(() => scope.close());
    return scope;
  })
  /** An ioredis client whose every key is stored under `redisPrefix`. */
  .extend("redis", { scope: "file" }, ({ redisScope }) => redisScope.redis)
  .extend("redisPrefix", { scope: "file" }, ({ redisScope }) => redisScope.prefix)
  /** For code under test that opens its own connections (keep its keys under `redisPrefix`). */
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads fixture dependencies from this pattern
  .extend("redisUrl", { scope: "file" }, ({}) => testEnvironment().redisUrl)
  .extend("factories", { scope: "file" }, ({ db }) => bindFactories(db));
