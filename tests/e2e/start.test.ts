// `pnpm start` as a new user runs it: migrations, demo seed, dashboard build, tracker and API up,
// logins printed, and Ctrl-C leaves nothing running. The services are the machine's real PostgreSQL
// and Redis; the database is a fresh one named like every test database so leftovers get cleaned.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { Socket } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, inject, test } from "vitest";
import { freePort } from "../src/processes.ts";
import { REDIS_PREFIX, randomToken, testDatabaseName } from "../src/test-env.ts";

const root = join(fileURLToPath(import.meta.url), "../../..");
const env = inject("leadrail");

function portAnswers(port: number): Promise<boolean> {
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

function databaseUrl(name: string): string {
  const url = new URL(env.serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

describe("pnpm start", () => {
  const database = testDatabaseName(env.runTag);
  let child: ChildProcess | undefined;

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    const admin = new pg.Client({ connectionString: env.serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists "${database}" with (force)`);
    await admin.end();
  });

  test("brings up tracker, API and dashboard with demo data, and Ctrl-C stops them all", async () => {
    const [apiPort, trackerPort] = [await freePort(), await freePort()];
    child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl(database),
        REDIS_URL: env.redisUrl,
        REDIS_KEY_PREFIX: `${REDIS_PREFIX}${Date.now().toString(36)}_${env.runTag}_${randomToken(6)}:`,
        API_PORT: String(apiPort),
        TRACKER_PORT: String(trackerPort),
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });

    const deadline = Date.now() + 100_000;
    while (!output.includes("Press Ctrl-C to stop") && child.exitCode === null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(output, output).toContain("Leadrail is running");
    expect(output).toContain("admin@leadrail.test");
    expect(output).toMatch(/lr_demo_publisher_\S+/);

    const api = `http://127.0.0.1:${apiPort}`;
    expect((await fetch(`${api}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${trackerPort}/healthz`)).status).toBe(200);
    const page = await fetch(`${api}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    const login = await fetch(`${api}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation { login(email: "admin@leadrail.test", password: "leadrail-demo") {
          ... on MutationLoginSuccess { data { user { role } } } ... on DomainError { code } } }`,
      }),
    });
    expect(await login.json()).toEqual({ data: { login: { data: { user: { role: "ADMIN" } } } } });

    // The seeded world is there: offers, clicks and conversions in every status.
    const db = new pg.Client({ connectionString: databaseUrl(database) });
    await db.connect();
    const { rows } = await db.query<{ status: string }>("select distinct status::text from conversions");
    const offers = await db.query<{ n: string }>("select count(*)::text as n from offers");
    await db.end();
    expect(rows.map((r) => r.status).sort()).toEqual(["APPROVED", "PENDING", "REJECTED", "REVERSED"]);
    expect(Number(offers.rows[0]?.n)).toBeGreaterThanOrEqual(10);

    child.kill("SIGINT");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
    expect(await portAnswers(apiPort)).toBe(false);
    expect(await portAnswers(trackerPort)).toBe(false);
  }, 120_000);
});
