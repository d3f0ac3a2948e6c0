// Admins change a user's role: an account is required for advertiser and publisher users and refused
// for the others; nobody changes their own role; the user's sessions end and API keys are revoked so
// the new role takes effect at once; every change is audited; only admins may do it.
import { hashPassword } from "@leadrail/db";
import { callerFor, describe, expect, expectOk, outcome, test } from "./harness.ts";
import { mutation } from "./operations.ts";

const ME = `{ me { email role } }`;
const setUserRole = mutation(
  "setUserRole",
  "$id: ID!, $role: Role!, $accountId: ID",
  "id: $id, role: $role, accountId: $accountId",
  "{ id role advertiser { id } publisher { id } }",
);
const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) {
  __typename ... on DomainError { code message } ... on MutationLoginSuccess { data { token } } } }`;

describe("admin: a user's role", () => {
  test("a publisher user becomes an advertiser user: sessions end, keys revoked, audited", async ({
    api,
    db,
    factories,
  }) => {
    const admin = await callerFor(db, "ADMIN");
    const publisher = await factories.createPublisher();
    const advertiser = await factories.createAdvertiser();
    const member = await callerFor(db, "PUBLISHER", publisher);
    await db.user.update({
      where: { id: member.user.id },
      data: { passwordHash: await hashPassword("a long passphrase") },
    });
    const login = () => api.call(LOGIN, { email: member.user.email, password: "a long passphrase" });
    const session = outcome(await login(), "login");
    const token = session.ok ? session.data.token : "";
    expect((await api.call(ME, {}, token)).data?.me).toEqual({ email: member.user.email, role: "PUBLISHER" });

    expect(
      expectOk(
        await api.call(
          setUserRole,
          { id: member.user.id, role: "ADVERTISER", accountId: advertiser.id },
          admin.key,
        ),
        "setUserRole",
      ),
    ).toEqual({
      id: String(member.user.id),
      role: "ADVERTISER",
      advertiser: { id: String(advertiser.id) },
      publisher: null,
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: member.user.id } })).toMatchObject({
      role: "ADVERTISER",
      advertiserId: advertiser.id,
      publisherId: null,
    });
    // The old session and key were granted to a publisher: both stop.
    expect(await db.session.count({ where: { userId: member.user.id } })).toBe(0);
    expect((await api.call(ME, {}, token)).data?.me).toBeNull();
    expect((await api.call(ME, {}, member.key)).data?.me).toBeNull();
    expect(
      (await db.apiKey.findFirstOrThrow({ where: { userId: member.user.id } })).revokedAt,
    ).not.toBeNull();
    // Signing in again gives the new role.
    const again = outcome(await login(), "login");
    expect((await api.call(ME, {}, again.ok ? again.data.token : "")).data?.me).toEqual({
      email: member.user.email,
      role: "ADVERTISER",
    });

    const entry = await db.auditLog.findFirstOrThrow({
      where: { action: "user.role_change", entityId: String(member.user.id) },
    });
    expect(entry).toMatchObject({
      actorUserId: admin.user.id,
      before: { role: "PUBLISHER", advertiserId: null, publisherId: publisher.id },
      after: {
        role: "ADVERTISER",
        advertiserId: advertiser.id,
        publisherId: null,
        sessionsEnded: 1,
        apiKeysRevoked: 1,
      },
    });

    // To finance: no account any more.
    expect(
      expectOk(
        await api.call(setUserRole, { id: member.user.id, role: "FINANCE" }, admin.key),
        "setUserRole",
      ),
    ).toMatchObject({ role: "FINANCE", advertiser: null, publisher: null });
  });

  test("refusals change nothing", async ({ api, db, factories }) => {
    const admin = await callerFor(db, "ADMIN");
    const finance = await callerFor(db, "FINANCE");
    const publisher = await factories.createPublisher();
    const member = await callerFor(db, "PUBLISHER", publisher);
    const otherAdmin = await callerFor(db, "ADMIN");
    const cases: [string, Record<string, unknown>, string, string][] = [
      [
        "publisher without an account",
        { id: member.user.id, role: "ADVERTISER" },
        admin.key,
        "invalid_input",
      ],
      [
        "finance with an account",
        { id: member.user.id, role: "FINANCE", accountId: publisher.id },
        admin.key,
        "invalid_input",
      ],
      [
        "an advertiser that does not exist",
        { id: member.user.id, role: "ADVERTISER", accountId: 999999 },
        admin.key,
        "not_found",
      ],
      [
        "the same role and account",
        { id: member.user.id, role: "PUBLISHER", accountId: publisher.id },
        admin.key,
        "conflict",
      ],
      ["own role", { id: admin.user.id, role: "FINANCE" }, admin.key, "conflict"],
      ["a user that does not exist", { id: 999999, role: "FINANCE" }, admin.key, "not_found"],
      ["finance is not admin", { id: member.user.id, role: "ADMIN" }, finance.key, "forbidden"],
      ["a publisher is not admin", { id: otherAdmin.user.id, role: "FINANCE" }, member.key, "forbidden"],
    ];
    for (const [what, variables, key, code] of cases) {
      const answer = outcome(await api.call(setUserRole, variables, key), "setUserRole");
      expect({ what, code: answer.ok ? "ok" : answer.code }).toEqual({ what, code });
    }
    expect(await db.user.findUniqueOrThrow({ where: { id: member.user.id } })).toMatchObject({
      role: "PUBLISHER",
      publisherId: publisher.id,
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.user.id } })).role).toBe("ADMIN");
    expect((await db.user.findUniqueOrThrow({ where: { id: otherAdmin.user.id } })).role).toBe("ADMIN");
    expect(
      await db.auditLog.count({
        where: {
          action: "user.role_change",
          entityId: { in: [member.user.id, admin.user.id, otherAdmin.user.id].map(String) },
        },
      }),
    ).toBe(0);
    // The refused caller's key still works: nothing was revoked.
    expect((await api.call(ME, {}, member.key)).data?.me).toMatchObject({ role: "PUBLISHER" });
  });
});
