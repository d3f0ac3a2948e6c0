import { once } from "node:events";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "@leadrail/db";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrackerApp } from "../app.ts";
import { buildWidget } from "./widget-bundle.ts";

// GET /w.js needs neither Redis nor PostgreSQL.
let server: Server;
let base: string;
beforeAll(async () => {
  const app = createTrackerApp({
    redis: {} as Redis,
    db: {} as Db,
    logger: pino({ level: "silent" }),
  });
  server = createServer(app.handle);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** node:http, which (unlike fetch) neither asks for nor undoes gzip on its own. */
function get(
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${base}/w.js`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on("error", reject)
      .end();
  });
}

describe("GET /w.js", () => {
  it("serves the built widget as JavaScript, cacheable, gzipped when accepted, 304 when unchanged", async () => {
    const built = await buildWidget();
    const plain = await get({});
    expect(plain.status).toBe(200);
    expect(plain.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(plain.headers["cache-control"]).toBe("public, max-age=3600");
    expect(plain.headers["x-content-type-options"]).toBe("nosniff");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(built.code)).toBe(true);

    const gzipped = await get({ "accept-encoding": "gzip, br" });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.body.equals(built.gzipped)).toBe(true);
    expect(gzipped.headers.vary).toBe("accept-encoding");

    const etag = String(plain.headers.etag);
    const again = await get({ "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await get({ "if-none-match": '"other"' })).status).toBe(200);
  });
});
