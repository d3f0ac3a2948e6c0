import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "@leadrail/db";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { Registry } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import { createTrackerApp, type TrackerDeps } from "./app.ts";

// Stand-ins for the two clients: /readyz only needs PING and `select 1` to succeed or fail.
function fakeDeps(health: { redis?: boolean; postgres?: boolean } = {}): TrackerDeps {
  const answer = (ok = true) => (ok ? Promise.resolve("ok") : Promise.reject(new Error("secret detail")));
  return {
    redis: { ping: () => answer(health.redis) } as unknown as Redis,
    db: { $queryRaw: () => answer(health.postgres) } as unknown as Db,
    logger: pino({ level: "silent" }),
  };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(deps: TrackerDeps): Promise<string> {
  const server = createServer(createTrackerApp(deps).handle);
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("tracker app", () => {
  it("answers /healthz", async () => {
    const res = await fetch(`${await serve(fakeDeps())}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("reports readiness per dependency", async () => {
    const ok = await fetch(`${await serve(fakeDeps())}/readyz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: "ok", checks: { redis: "ok", postgres: "ok" } });

    const down = await fetch(`${await serve(fakeDeps({ postgres: false }))}/readyz`);
    expect(down.status).toBe(503);
    const body = await down.text();
    expect(JSON.parse(body)).toEqual({ status: "unavailable", checks: { redis: "ok", postgres: "failed" } });
    expect(body).not.toContain("secret detail");
  });

  it("serves metrics from its own registry, so two apps can coexist", async () => {
    const [a, b] = [await serve(fakeDeps()), await serve(fakeDeps())];
    for (const base of [a, b]) {
      const res = await fetch(`${base}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("process_cpu_user_seconds_total");
    }
  });

  it("answers unknown routes with JSON 404", async () => {
    const res = await fetch(`${await serve(fakeDeps())}/nope?x=1`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "not_found" });
  });

  it("hides internal errors behind a generic 500", async () => {
    const registry = new Registry();
    registry.metrics = () => Promise.reject(new Error("password=hunter2"));
    const res = await fetch(`${await serve({ ...fakeDeps(), registry })}/metrics`);
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ error: "internal_error" });
    expect(body).not.toContain("hunter2");
  });
});
