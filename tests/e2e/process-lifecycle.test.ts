// Every process starts and stops the same way (@leadrail/db/service): a bad configuration is refused
// with one line naming every problem and exit code 1; SIGTERM drains, disconnects and exits 0.
import { once } from "node:events";
import { describe, expect, test } from "../src/fixtures.ts";
import { freePort, spawnService, waitFor } from "../src/processes.ts";

// Empty means unset (as `FOO=` in a compose file): whatever the test runner's own environment holds.
const noServices = { DATABASE_URL: "", REDIS_URL: "" };

describe("a bad configuration", () => {
  const entries: { name: string; entry: string; env: Record<string, string>; line: string }[] = [
    {
      name: "tracker",
      entry: "tracker/src/index.ts",
      env: { TRACKER_PORT: "70000" },
      line:
        "tracker: invalid configuration: TRACKER_PORT must be at most 65535; " +
        "DATABASE_URL is required; REDIS_URL is required",
    },
    {
      name: "click-writer",
      entry: "tracker/src/click-writer-main.ts",
      env: { WRITER_BATCH_SIZE: "0" },
      line:
        "click-writer: invalid configuration: DATABASE_URL is required; REDIS_URL is required; " +
        "WRITER_BATCH_SIZE must be at least 1",
    },
    {
      name: "api",
      entry: "api/src/index.ts",
      env: { API_PORT: "70000" },
      line:
        "api: invalid configuration: API_PORT must be at most 65535; " +
        "DATABASE_URL is required; REDIS_URL is required",
    },
  ];

  for (const { name, entry, env, line } of entries) {
    test(`stops the ${name} with one line and exit code 1`, async () => {
      const service = spawnService(entry, { ...noServices, ...env });
      let stderr = "";
      service.child.stderr?.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const { code } = await service.exited;
      expect(code, service.output()).toBe(1);
      expect(stderr).toBe(`${line}\n`);
      // Nothing else: no stack trace, no log lines.
      expect(service.output()).toBe(`${line}\n`);
    });
  }
});

describe("SIGTERM", () => {
  test("the API closes its server, disconnects PostgreSQL and Redis, and exits 0", async ({
    databaseUrl,
    redisUrl,
    redisPrefix,
  }) => {
    const port = await freePort();
    const api = spawnService("api/src/index.ts", {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: redisPrefix,
      API_PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
    });
    try {
      await waitFor(
        "the API to be ready",
        async () => {
          try {
            return (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200;
          } catch {
            return false;
          }
        },
        60_000,
      );
      const exited = api.kill("SIGTERM");
      const { code, signal } = await exited;
      expect({ code, signal }, api.output()).toEqual({ code: 0, signal: null });
      const messages = api
        .output()
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => (JSON.parse(line) as { msg: string }).msg);
      expect(messages).toEqual(expect.arrayContaining(["shutting down", "stopped"]));
      expect(messages).not.toContain("shutdown deadline passed, exiting anyway");
    } finally {
      if (api.child.exitCode === null) {
        api.child.kill("SIGKILL");
        await once(api.child, "exit");
      }
    }
  });
});
