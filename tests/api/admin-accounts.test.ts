// Admins suspend and reactivate advertiser and publisher accounts and disable users: a suspended
// account's users stop acting at once (API keys, sessions, sign-in) and act again once reactivated;
// only admins may do it, a suspension needs a reason, and every change is audited.
import { hashPassword } from "@leadrail/db";
import { callerFor, describe, expect, expectOk, outcome, test } from "./harness.ts";
import { mutation } from "./operations.ts";

const ME = `{ me { email } }`;
const setPublisherStatus = mutation(
  "setPublisherStatus",
  "$id: ID!, $status: AccountStatus!, $reason: String",
  "id: $id, status: $status, reason: $reason",
  "{ id status }",
);
const setAdvertiserStatus = mutation(
  "setAdvertiserStatus",
  "$id: ID!, $status: AccountStatus!, $reason: String",
  "id: $id, status: $status, reason: $reason",
  "{ id status }",
);
const setUserDisabled = mutation(
  "setUserDisabled",
  "$id: ID!, $disabled: Boolean!, $reason: String",
  "id: $id, disabled: $disabled, reason: $reason",
  "{ id disabledAt }",
);
const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) {
  __typename ... on DomainError { code message } ... on MutationLoginSuccess { data { token } } } }`;

describe("admin: account status and users", () => {
  test("a suspended publisher's users stop acting until it is reactivated", async ({
    api,
    db,
    factories,
  }) => {
    const admin = await callerFor(db, "ADMIN");
    const publisher = await factories.createPublisher();
    const member = await callerFor(db, "PUBLISHER", publisher);
    await db.user.update({
      where: { id: member.user.id },
      data: { passwordHash: await hashPassword("a long passphrase") },
    });
    const login = () => api.call(LOGIN, { email: member.user.email, password: "a long passphrase" });
    const session = outcome(await login(), "login");
    expect(session.ok).toBe(true);
    const token = session.ok ? session.data.token : "";
    expect((await api.call(ME, {}, member.key)).data?.me).toEqual({ email: member.user.email });

    // A reason is required to suspend; nothing changes without one.
    expect(
      outcome(
        await api.call(setPublisherStatus, { id: publisher.id, status: "SUSPENDED" }, admin.key),
        "setPublisherStatus",
      ),
    ).toMatchObject({ ok: false, code: "invalid_input" });
    expect((await db.publisher.findUniqueOrThrow({ where: { id: publisher.id } })).status).toBe("ACTIVE");

    expect(
      expectOk(
        await api.call(
          setPublisherStatus,
          { id: publisher.id, status: "SUSPENDED", reason: "chargebacks" },
          admin.key,
        ),
        "setPublisherStatus",
      ),
    ).toEqual({ id: String(publisher.id), status: "SUSPENDED" });
    expect((await db.publisher.findUniqueOrThrow({ where: { id: publisher.id } })).status).toBe("SUSPENDED");
    expect((await api.call(ME, {}, member.key)).data?.me).toBeNull();
    expect((await api.call(ME, {}, token)).data?.me).toBeNull();
    expect(outcome(await login(), "login")).toMatchObject({ ok: false, code: "forbidden" });
    expect(
      outcome(
        await api.call(
          setPublisherStatus,
          { id: publisher.id, status: "SUSPENDED", reason: "again" },
          admin.key,
        ),
        "setPublisherStatus",
      ),
    ).toMatchObject({ ok: false, code: "conflict" });

    expectOk(
      await api.call(setPublisherStatus, { id: publisher.id, status: "ACTIVE" }, admin.key),
      "setPublisherStatus",
    );
    expect((await api.call(ME, {}, member.key)).data?.me).toEqual({ email: member.user.email });
    expect((await api.call(ME, {}, token)).data?.me).toEqual({ email: member.user.email });

    const trail = await db.auditLog.findMany({
      where: { entityType: "Publisher", entityId: String(publisher.id) },
      orderBy: { id: "asc" },
    });
    expect(
      trail.map((row) => [row.action, row.actorUserId, (row.after as { reason?: string }).reason]),
    ).toEqual([
      ["publisher.suspend", admin.user.id, "chargebacks"],
      ["publisher.reactivate", admin.user.id, null],
    ]);
  });

  test("a suspended advertiser's key stops working; only admins may suspend", async ({
    api,
    db,
    factories,
  }) => {
    const admin = await callerFor(db, "ADMIN");
    const advertiser = await factories.createAdvertiser();
    const member = await callerFor(db, "ADVERTISER", advertiser);
    for (const role of ["FINANCE", "ADVERTISER", "PUBLISHER"] as const) {
      const account =
        role === "ADVERTISER" ? advertiser : role === "PUBLISHER" ? await factories.createPublisher() : null;
      const outsider = await callerFor(db, role, account);
      for (const [query, field] of [
        [setAdvertiserStatus, "setAdvertiserStatus"],
        [setUserDisabled, "setUserDisabled"],
      ] as const) {
        const variables =
          field === "setUserDisabled"
            ? { id: member.user.id, disabled: true, reason: "x" }
            : { id: advertiser.id, status: "SUSPENDED", reason: "x" };
        expect(
          outcome(await api.call(query, variables, outsider.key), field),
          `${role} ${field}`,
        ).toMatchObject({
          ok: false,
          code: "forbidden",
        });
      }
    }
    expect(
      outcome(
        await api.call(setAdvertiserStatus, { id: advertiser.id, status: "SUSPENDED", reason: "x" }),
        "setAdvertiserStatus",
      ),
    ).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
    expect((await db.advertiser.findUniqueOrThrow({ where: { id: advertiser.id } })).status).toBe("ACTIVE");
    expect((await db.user.findUniqueOrThrow({ where: { id: member.user.id } })).disabledAt).toBeNull();

    expectOk(
      await api.call(
        setAdvertiserStatus,
        { id: advertiser.id, status: "SUSPENDED", reason: "unpaid invoices" },
        admin.key,
      ),
      "setAdvertiserStatus",
    );
    expect((await api.call(ME, {}, member.key)).data?.me).toBeNull();
    expect(
      outcome(
        await api.call(setAdvertiserStatus, { id: 99_999_999, status: "ACTIVE" }, admin.key),
        "setAdvertiserStatus",
      ),
    ).toMatchObject({ ok: false, code: "not_found" });
  });

  test("a disabled user's keys and sessions stop; an admin cannot disable themselves", async ({
    api,
    db,
    factories,
  }) => {
    const admin = await callerFor(db, "ADMIN");
    const member = await callerFor(db, "PUBLISHER", await factories.createPublisher());
    await db.session.create({
      data: {
        userId: member.user.id,
        tokenHash: `hash-${member.user.id}`,
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    const disabled = expectOk(
      await api.call(
        setUserDisabled,
        { id: member.user.id, disabled: true, reason: "left the company" },
        admin.key,
      ),
      "setUserDisabled",
    );
    expect(disabled.disabledAt).not.toBeNull();
    expect((await api.call(ME, {}, member.key)).data?.me).toBeNull();
    expect(await db.session.count({ where: { userId: member.user.id } })).toBe(0);
    expect(
      outcome(
        await api.call(setUserDisabled, { id: admin.user.id, disabled: true }, admin.key),
        "setUserDisabled",
      ),
    ).toMatchObject({ ok: false, code: "conflict" });
    expect((await api.call(ME, {}, admin.key)).data?.me).not.toBeNull();

    expectOk(
      await api.call(setUserDisabled, { id: member.user.id, disabled: false }, admin.key),
      "setUserDisabled",
    );
    expect((await api.call(ME, {}, member.key)).data?.me).toEqual({ email: member.user.email });
    expect(
      (
        await db.auditLog.findMany({
          where: { entityType: "User", entityId: String(member.user.id) },
          orderBy: { id: "asc" },
        })
      ).map((row) => row.action),
    ).toEqual(["user.disable", "user.enable"]);
  });
});
