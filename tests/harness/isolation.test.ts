// The harness itself: what lets test files run in parallel is that each gets its own database and Redis
// key prefix, and that both are gone afterwards. If a fixture quietly shared state, every other suite
// would still pass alone and fail only under load, so it is tested directly.
import { Redis } from "ioredis";
import pg from "pg";
import { inject } from "vitest";
import { describe, expect, test } from "../src/fixtures.ts";
import { openRedisScope } from "../src/redis-scope.ts";
import { createTestDatabase } from "../src/test-database.ts";
import { ownerOfDatabase, ownerOfKey } from "../src/test-env.ts";

async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return ((await client.query("select 1 from pg_database where datname = $1", [name])).rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

describe("Redis isolation", () => {
  test("the fixture client stores every key under this file's prefix", async ({ redis, redisPrefix }) => {
    const raw = new Redis(inject("leadrail").redisUrl);
    try {
      await redis.set("greeting", "hello");

      // Named so the run's teardown (or a later run, if this one is killed) can find the keys.
      expect(ownerOfKey(redisPrefix)?.runTag).toBe(inject("leadrail").runTag);
      expect(await raw.get(`${redisPrefix}greeting`)).toBe("hello");
      expect(await redis.get("greeting")).toBe("hello");
    } finally {
      raw.disconnect();
    }
  });

  test("two scopes do not see each other's keys, and closing one deletes only its keys", async () => {
    const environment = inject("leadrail");
    const a = openRedisScope(environment);
    const b = openRedisScope(environment);
    const raw = new Redis(environment.redisUrl);
    try {
      expect(a.prefix).not.toBe(b.prefix);
      await a.redis.set("shared-name", "from a");
      await b.redis.set("shared-name", "from b");
      await a.redis.hset("hash", "field", "1");

      expect(await a.redis.get("shared-name")).toBe("from a");
      expect(await b.redis.get("shared-name")).toBe("from b");
      expect(await b.redis.exists("hash")).toBe(0);

      await a.close();
      expect(await raw.exists(`${a.prefix}shared-name`, `${a.prefix}hash`)).toBe(0);
      expect(await raw.get(`${b.prefix}shared-name`)).toBe("from b");
      await b.close();
      expect(await raw.exists(`${b.prefix}shared-name`)).toBe(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
      raw.disconnect();
    }
  });
});

describe("database isolation", () => {
  test("the fixture database is this file's own clone of the template", async ({ db, testDatabase }) => {
    const [row] = await db.$queryRaw<{ name: string }[]>`select current_database() as name`;

    expect(row?.name).toBe(testDatabase.name);
    expect(ownerOfDatabase(testDatabase.name)?.runTag).toBe(inject("leadrail").runTag);
    // Migrated: the tables exist.
    expect(await db.advertiser.count()).toBeGreaterThanOrEqual(0);
  });

  test("two test databases share no rows, and dropping one removes it", async () => {
    const environment = inject("leadrail");
    const a = await createTestDatabase(environment);
    const b = await createTestDatabase(environment);
    const clientA = new pg.Client({ connectionString: a.url });
    const clientB = new pg.Client({ connectionString: b.url });
    // drop() terminates this connection; the client reports that as an error event.
    const terminated = new Promise<Error>((resolve) => clientB.on("error", resolve));
    try {
      await clientA.connect();
      await clientB.connect();
      await clientA.query("insert into advertisers (name, postback_secret) values ('only in a', 's')");

      expect((await clientA.query("select name from advertisers")).rows).toEqual([{ name: "only in a" }]);
      expect((await clientB.query("select name from advertisers")).rows).toEqual([]);
    } finally {
      await clientA.end();
      await a.drop();
      // clientB is still connected on purpose: drop() must force it closed.
      await b.drop();
    }
    expect((await terminated).message).toMatch(/terminating connection|Connection terminated/);
    await clientB.end().catch(() => undefined);
    expect(await databaseExists(environment.serverUrl, a.name)).toBe(false);
    expect(await databaseExists(environment.serverUrl, b.name)).toBe(false);
  });
});
