// Production hardening: no introspection or GraphiQL in production, internal errors masked, login
// attempts rate-limited per e-mail and address (in Redis).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Db, hashPassword } from "@leadrail/db";
import { callerFor, describe, expect, outcome, startApi, test } from "./harness.ts";

const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    __typename
    ... on DomainError { code message }
    ... on MutationLoginSuccess { data { token user { email } } }
  }
}`;

describe("production settings", () => {
  test("introspection and GraphiQL are off in production, on in development", async ({
    api,
    db,
    redis,
    redisPrefix,
  }) => {
    const production = await startApi({ db, redis, redisPrefix, production: true });
    try {
      const introspection = `{ __schema { queryType { name } } }`;
      expect((await api.call(introspection)).data?.__schema.queryType.name).toBe("Query");
      const refused = await production.call(introspection);
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.[0]?.message).toMatch(/introspection/i);
      // Nor schema hints through "did you mean" suggestions.
      const typo = await production.call(`{ marketplac { totalCount } }`);
      expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);

      const html = { headers: { accept: "text/html" } };
      expect(await (await fetch(api.url, html)).text()).toMatch(/graphiql/i);
      expect(await (await fetch(production.url, html)).text()).not.toMatch(/graphiql/i);
    } finally {
      await production.close();
    }
  });

  test("internal errors are masked; domain errors of queries say their code", async ({
    db,
    redis,
    redisPrefix,
  }) => {
    // A database that fails with an internal detail in its message.
    const failing = db.$extends({
      query: {
        offer: {
          findMany() {
            throw new Error("connection to 10.0.0.7 refused: password for user leadrail_admin");
          },
        },
      },
    }) as unknown as Db;
    const api = await startApi({ db: failing, redis, redisPrefix, production: true });
    try {
      const admin = await callerFor(db, "ADMIN");
      const answer = await api.call(`{ offers { edges { node { id } } } }`, {}, admin.key);
      expect(answer.errors?.[0]?.message).toBe("Unexpected error.");
      expect(JSON.stringify(answer)).not.toMatch(/10\.0\.0\.7|leadrail_admin|password/);
      const forbidden = await api.call(
        `{ leads { edges { node { id } } } }`,
        {},
        (await callerFor(db, "FINANCE")).key,
      );
      expect(forbidden.errors?.[0]).toMatchObject({
        message: "not allowed for this account",
        extensions: { code: "forbidden" },
      });
    } finally {
      await api.close();
    }
  });
});

/** A query `levels` × 2 deep through Offer.myApplication → OfferApplication.offer → ... */
function deepQuery(levels: number): string {
  let inner = "id";
  for (let i = 0; i < levels; i += 1) inner = `myApplication { offer { ${inner} } }`;
  return `{ marketplace { edges { node { ${inner} } } } }`;
}

const WIDE_OFFERS = `offers(first: 100) { edges { node {
  id name vertical description status visibility currency payoutModel countries devices holdDays
  returnWindowDays attributionWindowHours consentText landingUrl fallbackUrl
  advertiser { id name } caps { scope period metric limit } } } }`;

/** A report over 400 days (the most one may ask for) grouped by sub id, which only raw clicks answer. */
const RAW_YEAR = `report(from: "2025-01-01", to: "2026-02-04", timeZone: "UTC", groupBy: [SUB1]) { source rows { clicks } }`;

describe("query limits", () => {
  test("in production every limit refusal names the limit, its value and what to change", async ({
    db,
    redis,
    redisPrefix,
  }) => {
    const production = await startApi({ db, redis, redisPrefix, production: true });
    try {
      const admin = await callerFor(db, "ADMIN");
      const cases: [string, string, RegExp][] = [
        [
          "depth",
          deepQuery(6),
          /^Query depth limit of 10 exceeded, found \d+: ask for less deeply nested data/,
        ],
        [
          "aliases",
          `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: marketplace { totalCount }`).join(" ")} }`,
          /^Aliases limit of 15 exceeded, found 16: send fewer aliased fields/,
        ],
        [
          "cost",
          `{ ${Array.from({ length: 4 }, (_, i) => `o${i}: ${WIDE_OFFERS}`).join(" ")} }`,
          /^Query Cost limit of 30000 exceeded, found \d+(\.\d+)?: ask for fewer fields or smaller pages/,
        ],
        [
          "tokens",
          `{ ${"__typename ".repeat(2100)}}`,
          /^Token limit of 2000 exceeded: send a shorter document/,
        ],
      ];
      for (const [limit, query, says] of cases) {
        const answer = await production.call(query, {}, admin.key);
        expect(answer.data ?? null, limit).toBeNull();
        expect(answer.errors?.[0]?.message, limit).toMatch(says);
        expect(answer.errors?.[0]?.extensions?.code, limit).toBe("query_limit");
      }
      // Internal errors stay masked: see "internal errors are masked" above.
    } finally {
      await production.close();
    }
  });

  test("date-range scans cost per day: fifteen yearly raw-click reports are refused before they run, one is not", async ({
    db,
    redis,
    redisPrefix,
  }) => {
    const production = await startApi({ db, redis, redisPrefix, production: true });
    try {
      const admin = await callerFor(db, "ADMIN");
      const fifteen = `{ ${Array.from({ length: 15 }, (_, i) => `r${i}: ${RAW_YEAR}`).join(" ")} }`;
      const refused = await production.call(fifteen, {}, admin.key);
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.[0]?.message).toMatch(
        /^Query data cost limit of 5000 exceeded, found 60000 \(r0 4000, r1 4000, .*r14 4000; .*\): ask for shorter ranges or fewer reports/,
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe("query_limit");

      // The cost reads the arguments through variables too.
      const twoByVariables = await production.call(
        `query($from: String!, $to: String!) {
          a: report(from: $from, to: $to, timeZone: "UTC", groupBy: [SUB2]) { source }
          b: report(from: $from, to: $to, timeZone: "UTC", groupBy: [SUB3]) { source } }`,
        { from: "2025-01-01", to: "2026-02-04" },
        admin.key,
      );
      expect(twoByVariables.errors?.[0]?.message).toMatch(/data cost limit of 5000 exceeded, found 8000/);

      // One is fine, and so are rollup reports over the same range beside it.
      const one = await production.call(
        `{ raw: ${RAW_YEAR} daily: report(from: "2025-01-01", to: "2026-02-04", timeZone: "UTC", groupBy: [DAY]) { source } }`,
        {},
        admin.key,
      );
      expect(one.errors).toBeUndefined();
      expect(one.data?.raw.source).toBe("RAW");
    } finally {
      await production.close();
    }
  });

  test("every operation of the dashboard fits the limits", async ({ db, redis, redisPrefix }) => {
    const production = await startApi({ db, redis, redisPrefix, production: true });
    try {
      const admin = await callerFor(db, "ADMIN");
      const root = new URL("../../dashboard/src/", import.meta.url).pathname;
      const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => /\.tsx?$/.test(f));
      const documents = files.flatMap((file) =>
        [...readFileSync(join(root, file), "utf8").matchAll(/graphql\(\s*`([\s\S]*?)`/g)].map(
          (match) => [file, match[1] ?? ""] as const,
        ),
      );
      expect(documents.length).toBeGreaterThan(20);
      for (const [file, document] of documents) {
        // Without variables an operation may be refused for those, never for a limit.
        const answer = await production.call(document, {}, admin.key);
        const limited = answer.errors?.find((error) => error.extensions?.code === "query_limit");
        expect(limited, `${file}: ${document.slice(0, 80)}`).toBeUndefined();
      }
    } finally {
      await production.close();
    }
  });
});

describe("CORS", () => {
  const ask = (url: string, origin: string, method = "POST") =>
    fetch(url, {
      method,
      headers: {
        origin,
        "content-type": "application/json",
        ...(method === "OPTIONS"
          ? { "access-control-request-method": "POST", "access-control-request-headers": "authorization" }
          : {}),
      },
      body: method === "POST" ? JSON.stringify({ query: "{ __typename }" }) : undefined,
    });

  test("no origin is answered by default, whatever it sends", async ({ api }) => {
    for (const method of ["POST", "OPTIONS"]) {
      const response = await ask(api.url, "https://evil.example", method);
      expect(response.headers.get("access-control-allow-origin"), method).toBeNull();
      expect(response.headers.get("access-control-allow-credentials"), method).toBeNull();
    }
  });

  test("only the configured origins get CORS headers, without credentials", async ({
    db,
    redis,
    redisPrefix,
  }) => {
    const configured = await startApi({
      db,
      redis,
      redisPrefix,
      corsOrigins: ["https://app.example", "http://localhost:5173"],
    });
    try {
      const allowed = await ask(configured.url, "https://app.example");
      expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.example");
      expect(allowed.headers.get("access-control-allow-credentials")).toBeNull();
      expect(allowed.headers.get("vary")).toMatch(/Origin/);
      const preflight = await ask(configured.url, "http://localhost:5173", "OPTIONS");
      expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
      expect(preflight.headers.get("access-control-allow-headers")).toMatch(/authorization/);

      const other = await ask(configured.url, "https://evil.example");
      expect(other.headers.get("access-control-allow-origin")).toBeNull();
      const lookalike = await ask(configured.url, "https://app.example.evil.example");
      expect(lookalike.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await configured.close();
    }
  });
});

describe("login rate limit", () => {
  async function userWithPassword(db: Db, email: string) {
    return db.user.create({
      data: {
        email,
        name: "Finance",
        role: "FINANCE",
        passwordHash: await hashPassword("correct horse battery"),
      },
    });
  }

  test("10 failures per e-mail and address in 15 minutes, then rate_limited even with the right password", async ({
    api,
    db,
  }) => {
    const email = `limited-${Date.now()}@example.com`;
    const other = `other-${Date.now()}@example.com`;
    await userWithPassword(db, email);
    await userWithPassword(db, other);

    for (let i = 0; i < 10; i += 1) {
      const wrong = outcome(await api.call(LOGIN, { email, password: `wrong-${i}` }), "login");
      expect(wrong).toMatchObject({ ok: false, code: "unauthenticated" });
    }
    const blocked = outcome(await api.call(LOGIN, { email, password: "correct horse battery" }), "login");
    expect(blocked).toMatchObject({ ok: false, code: "rate_limited" });
    // The same e-mail in another case counts as the same e-mail.
    const upper = outcome(await api.call(LOGIN, { email: email.toUpperCase(), password: "x" }), "login");
    expect(upper).toMatchObject({ ok: false, code: "rate_limited" });
    expect(await db.session.count({ where: { user: { email } } })).toBe(0);

    // Another account from the same address is not affected.
    const fine = outcome(await api.call(LOGIN, { email: other, password: "correct horse battery" }), "login");
    expect(fine).toMatchObject({ ok: true, data: { user: { email: other } } });
  });

  test("a successful login clears the failures", async ({ api, db }) => {
    const email = `clears-${Date.now()}@example.com`;
    await userWithPassword(db, email);
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < 9; i += 1) {
        expect(outcome(await api.call(LOGIN, { email, password: "nope" }), "login")).toMatchObject({
          code: "unauthenticated",
        });
      }
      expect(
        outcome(await api.call(LOGIN, { email, password: "correct horse battery" }), "login"),
      ).toMatchObject({ ok: true });
    }
  });
});
