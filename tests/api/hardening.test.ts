// Production hardening: no introspection or GraphiQL in production, internal errors masked, login
// attempts rate-limited per e-mail and address (in Redis).
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
