// The API's /readyz checks every dependency it uses: PostgreSQL and Redis (sessions, login rate
// limits and config events live there), each with a timeout, and names the one that failed.
import { once } from "node:events";
import { createServer } from "node:net";
import { Redis } from "ioredis";
import { describe, expect, startApi, test } from "./harness.ts";

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const readyz = (api: { url: string }) => fetch(api.url.replace(/\/graphql$/, "/readyz"));

describe("API readiness", () => {
  test("answers 200 with every check ok", async ({ api }) => {
    const res = await readyz(api);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ok", checks: { postgres: "ok", redis: "ok" } });
  });

  test("answers 503 naming redis when Redis does not answer", async ({ db, redisPrefix }) => {
    // Built as api/src/index.ts builds its client, pointed at a port where nothing listens.
    const deadRedis = new Redis(`redis://127.0.0.1:${await closedPort()}`, { keyPrefix: redisPrefix });
    deadRedis.on("error", () => {});
    const api = await startApi({ db, redis: deadRedis, redisPrefix });
    try {
      const res = await readyz(api);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        status: "unavailable",
        checks: { postgres: "ok", redis: "failed" },
      });
    } finally {
      await api.close();
      deadRedis.disconnect();
    }
  });
});
