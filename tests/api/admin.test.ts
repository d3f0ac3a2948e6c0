// Admin: accounts, users and API keys. A created key works at once and stops working when revoked.
import { callerFor, describe, expect, expectOk, outcome, test } from "./harness.ts";
import { mutation } from "./operations.ts";

const ME = `{ me { email role advertiser { id } publisher { id } } }`;

describe("admin", () => {
  test("creates an advertiser with a user and an API key that works until revoked", async ({ api, db }) => {
    const admin = await callerFor(db, "ADMIN");
    const created = expectOk(
      await api.call(
        mutation(
          "createAdvertiser",
          "",
          'name: "Acme Insurance"',
          "{ advertiser { id name status } postbackSecret }",
        ),
        {},
        admin.key,
      ),
      "createAdvertiser",
    );
    expect(created.advertiser).toMatchObject({ name: "Acme Insurance", status: "ACTIVE" });
    expect(
      (await db.advertiser.findUniqueOrThrow({ where: { id: Number(created.advertiser.id) } }))
        .postbackSecret,
    ).toBe(created.postbackSecret);

    const email = `Owner-${Date.now()}@Acme.example`;
    const createUser = mutation(
      "createUser",
      "$role: Role!, $account: ID, $email: String!, $password: String",
      'role: $role, accountId: $account, email: $email, name: "Owner", password: $password',
      "{ id email role advertiser { id } }",
    );
    const user = expectOk(
      await api.call(
        createUser,
        { role: "ADVERTISER", account: created.advertiser.id, email, password: "a long passphrase" },
        admin.key,
      ),
      "createUser",
    );
    expect(user).toMatchObject({
      email: email.toLowerCase(),
      role: "ADVERTISER",
      advertiser: { id: created.advertiser.id },
    });
    const duplicate = outcome(
      await api.call(
        createUser,
        { role: "ADVERTISER", account: created.advertiser.id, email: email.toUpperCase() },
        admin.key,
      ),
      "createUser",
    );
    expect(duplicate).toMatchObject({ ok: false, code: "conflict" });
    // The refusal names the e-mail field, so the dashboard's form shows it there.
    const duplicateFields = await api.call(
      `mutation($email: String!) { createUser(role: FINANCE, email: $email, name: "Twin") {
        __typename ... on DomainError { code fields { path message } } } }`,
      { email: ` ${email.toUpperCase()} ` },
      admin.key,
    );
    expect(duplicateFields.data?.createUser).toEqual({
      __typename: "DomainError",
      code: "conflict",
      fields: [{ path: ["email"], message: "a user with this e-mail exists" }],
    });
    expect(await db.user.count({ where: { email: email.toLowerCase() } })).toBe(1);
    const wrongAccount = outcome(
      await api.call(
        createUser,
        { role: "ADVERTISER", account: 99_999_999, email: "x@acme.example" },
        admin.key,
      ),
      "createUser",
    );
    expect(wrongAccount).toMatchObject({ ok: false, code: "not_found" });
    const stored = await db.user.findUniqueOrThrow({ where: { id: Number(user.id) } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);

    const key = expectOk(
      await api.call(
        mutation(
          "createApiKey",
          "$u: ID!",
          'userId: $u, name: "CRM sync"',
          "{ key apiKey { id name prefix revokedAt user { id } } }",
        ),
        { u: user.id },
        admin.key,
      ),
      "createApiKey",
    );
    expect(key.key).toMatch(/^lr_/);
    expect(key.apiKey).toMatchObject({
      name: "CRM sync",
      prefix: key.key.slice(0, 10),
      revokedAt: null,
      user: { id: user.id },
    });
    expect((await api.call(ME, {}, key.key)).data?.me).toEqual({
      email: email.toLowerCase(),
      role: "ADVERTISER",
      advertiser: { id: created.advertiser.id },
      publisher: null,
    });
    // The key is not stored, only its hash.
    expect(JSON.stringify(await db.apiKey.findMany({ where: { userId: Number(user.id) } }))).not.toContain(
      key.key,
    );

    const revoke = mutation("revokeApiKey", "$id: ID!", "id: $id", "{ id revokedAt }");
    expect(
      expectOk(await api.call(revoke, { id: key.apiKey.id }, admin.key), "revokeApiKey").revokedAt,
    ).not.toBeNull();
    expect((await api.call(ME, {}, key.key)).data?.me).toBeNull();
    expect(outcome(await api.call(revoke, { id: key.apiKey.id }, admin.key), "revokeApiKey")).toMatchObject({
      code: "conflict",
    });

    const trail = await db.auditLog.findMany({
      where: { actorUserId: admin.user.id },
      orderBy: { id: "asc" },
    });
    expect(trail.map((row) => row.action)).toEqual([
      "advertiser.create",
      "user.create",
      "api_key.create",
      "api_key.revoke",
    ]);
    // The key's prefix is recorded (to tell keys apart), never the key, the password or its hash.
    const recorded = JSON.stringify(trail.map((row) => [row.before, row.after]));
    expect(recorded).not.toContain(key.key);
    expect(recorded).not.toMatch(/argon2|a long passphrase/);
  });

  test("users manage their own keys only", async ({ api, db, factories }) => {
    const publisher = await factories.createPublisher();
    const pub = await callerFor(db, "PUBLISHER", publisher);
    const own = expectOk(
      await api.call(
        mutation("createApiKey", "$u: ID!", 'userId: $u, name: "mine"', "{ key apiKey { id } }"),
        { u: pub.user.id },
        pub.key,
      ),
      "createApiKey",
    );
    const keys = await api.call(`{ apiKeys { edges { node { id name user { id } } } } }`, {}, pub.key);
    expect(keys.data?.apiKeys.edges.map((e: { node: { user: { id: string } } }) => e.node.user.id)).toEqual([
      String(pub.user.id),
      String(pub.user.id),
    ]);
    expectOk(
      await api.call(
        mutation("revokeApiKey", "$id: ID!", "id: $id", "{ id }"),
        { id: own.apiKey.id },
        pub.key,
      ),
      "revokeApiKey",
    );
  });

  test("lists accounts and users as relay connections with cursors; finance reads accounts", async ({
    api,
    db,
    factories,
  }) => {
    const admin = await callerFor(db, "ADMIN");
    const finance = await callerFor(db, "FINANCE");
    const tag = `Paged-${Date.now()}`;
    for (let i = 0; i < 5; i += 1) await factories.createPublisher({ name: `${tag}-${i}` });
    const page = `query($after: String) { publishers(first: 2, after: $after, filter: { search: "${tag}" }) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { name minimumPayout { formatted } } } } }`;
    const names: string[] = [];
    let after: string | null = null;
    for (;;) {
      const answer = await api.call(page, { after }, finance.key);
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.publishers.totalCount).toBe(5);
      for (const edge of answer.data?.publishers.edges ?? []) names.push(edge.node.name);
      if (!answer.data?.publishers.pageInfo.hasNextPage) break;
      after = answer.data.publishers.pageInfo.endCursor;
    }
    expect(names).toEqual([0, 1, 2, 3, 4].map((i) => `${tag}-${i}`));
    const createPublisher = mutation("createPublisher", "", 'name: "Nope"', "{ id }");
    expect(outcome(await api.call(createPublisher, {}, finance.key), "createPublisher")).toMatchObject({
      code: "forbidden",
    });
    const created = expectOk(
      await api.call(
        mutation(
          "createPublisher",
          "",
          'name: "Media Buyers Ltd", payoutCurrency: "EUR", minimumPayout: "5000"',
          "{ id payoutCurrency minimumPayout { formatted } }",
        ),
        {},
        admin.key,
      ),
      "createPublisher",
    );
    expect(created).toMatchObject({ payoutCurrency: "EUR", minimumPayout: { formatted: "€50.00" } });
    const users = await api.call(
      `query($p: ID) { users(filter: { publisherId: $p }) { edges { node { email } } } }`,
      { p: created.id },
      admin.key,
    );
    expect(users.data?.users.edges).toEqual([]);
  });
});
