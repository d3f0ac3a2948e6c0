// The statement life cycle through the API: the two-person rule, approve → pay with its payment and
// audit trail, void releasing lines, clawbacks of reversed paid conversions, and bad requests that
// must change nothing.
import type { Db } from "@leadrail/db";
import { mapDbErrors } from "../../api/src/db-errors.ts";
import type { Factories } from "../src/factories.ts";
import {
  type ApiServer,
  ago,
  approved,
  type Caller,
  caller,
  DAY,
  describe,
  expect,
  expectInvariants,
  type Json,
  reverse,
  test,
} from "./helpers.ts";
import { documentsOf, payouts } from "./operations.ts";

const HOUR = 3_600_000;

interface Setup {
  maker: Caller;
  checker: Caller;
}

async function financeTeam(db: Db, factories: Factories): Promise<Setup> {
  return { maker: await caller(db, factories, "FINANCE"), checker: await caller(db, factories, "FINANCE") };
}

/** A fresh publisher with `count` payable conversions of 15.00, and its generated DRAFT statement. */
async function draftStatement(factories: Factories, api: ApiServer, maker: Caller, count = 2) {
  const publisher = await factories.createPublisher();
  await factories.createPayoutDetails(publisher);
  const offer = await factories.createOffer(await factories.createAdvertiser());
  const conversions = [];
  for (let i = 0; i < count; i++)
    conversions.push(await approved(factories, offer, publisher, { convertedAt: ago(DAY) }));
  const [statement] = documentsOf(await payouts.generate(api, maker, ago(HOUR)), [publisher.id], "publisher");
  expect(statement, "a statement for the fresh publisher").toBeDefined();
  return { publisher, offer, conversions, statement: statement as Json };
}

/** Everything a refused request must leave alone. */
async function moneyState(db: Db) {
  return {
    statements: await db.payoutStatement.findMany({ orderBy: { id: "asc" } }),
    lines: await db.payoutStatementLine.findMany({ orderBy: { id: "asc" } }),
    payments: await db.payment.count(),
    audit: await db.auditLog.count(),
  };
}

describe("approve: the two-person rule", () => {
  test("whoever generated a statement cannot approve it; another finance user can", async ({
    db,
    factories,
    api,
  }) => {
    const { maker, checker } = await financeTeam(db, factories);
    const { statement } = await draftStatement(factories, api, maker);

    const before = await moneyState(db);
    const refused = await payouts.approve(api, maker, statement.id);
    expect(refused).toMatchObject({ __typename: "DomainError", code: "forbidden" });
    expect(refused.message).toMatch(/two-person rule/);
    expect(await moneyState(db)).toEqual(before);

    const done = await payouts.approve(api, checker, statement.id);
    expect(done.data).toMatchObject({ status: "APPROVED", approvedById: String(checker.user.id) });
    expect(done.data.approvedAt).not.toBeNull();
    await expectInvariants(db);
  });

  test("an admin may approve what finance generated", async ({ db, factories, api }) => {
    const { maker } = await financeTeam(db, factories);
    const admin = await caller(db, factories, "ADMIN");
    const { statement } = await draftStatement(factories, api, maker);
    expect((await payouts.approve(api, admin, statement.id)).data.status).toBe("APPROVED");
  });

  test("two concurrent approvals: one wins, the other is a conflict", async ({ db, factories, api }) => {
    const { maker, checker } = await financeTeam(db, factories);
    const other = await caller(db, factories, "FINANCE");
    const { statement } = await draftStatement(factories, api, maker);
    const results = await Promise.all([
      payouts.approve(api, checker, statement.id),
      payouts.approve(api, other, statement.id),
    ]);
    expect(results.map((r) => r.code ?? r.data.status).sort()).toEqual(["APPROVED", "conflict"]);
    expect(await db.auditLog.count({ where: { action: "statement.approved", entityId: statement.id } })).toBe(
      1,
    );
  });
});

describe("approve: only what is still approved", () => {
  test("a draft paying a conversion reversed since it was generated cannot be approved", async ({
    db,
    factories,
    api,
  }) => {
    const { maker, checker } = await financeTeam(db, factories);
    const { publisher, conversions, statement } = await draftStatement(factories, api, maker, 3);
    const [lost, ...kept] = conversions;
    await reverse(db, lost as NonNullable<typeof lost>);

    const before = await moneyState(db);
    const refused = await payouts.approve(api, checker, statement.id);
    expect(refused).toMatchObject({ code: "conflict" });
    expect(refused.message).toContain(`no longer approved (${lost?.id})`);
    expect(await moneyState(db)).toEqual(before);

    await payouts.void(api, checker, statement.id, "a lead was reversed");
    const [again] = documentsOf(await payouts.generate(api, maker, ago(HOUR)), [publisher.id], "publisher");
    expect(again.lines.edges.map((e: Json) => e.node.conversionId).sort()).toEqual(
      kept.map((c) => c.id).sort(),
    );
    expect((await payouts.approve(api, checker, again.id)).data.status).toBe("APPROVED");
    await expectInvariants(db);
  });
});

describe("approve → pay", () => {
  test("paying records one Payment of the total, and every step is audited with before and after", async ({
    db,
    factories,
    api,
  }) => {
    const { maker, checker } = await financeTeam(db, factories);
    const { statement } = await draftStatement(factories, api, maker, 3);
    await payouts.approve(api, checker, statement.id);
    const paidAt = ago(10 * 60_000);

    const paid = await payouts.pay(api, maker, statement.id, "  WIRE-2026-001  ", paidAt);
    expect(paid.data).toMatchObject({ status: "PAID", total: "4500", paidAt: paidAt.toISOString() });
    expect(paid.data.payments).toEqual([
      {
        id: expect.any(String),
        amount: "4500",
        amountDecimal: "45.00",
        currency: "USD",
        reference: "WIRE-2026-001",
        paidAt: paidAt.toISOString(),
        recordedById: String(maker.user.id),
      },
    ]);

    const payment = await db.payment.findFirstOrThrow({ where: { statementId: Number(statement.id) } });
    expect(payment).toMatchObject({
      amount: 4500n,
      currency: "USD",
      reference: "WIRE-2026-001",
      invoiceId: null,
    });

    const trail = await db.auditLog.findMany({
      where: { entityType: "PayoutStatement", entityId: statement.id },
      orderBy: { id: "asc" },
    });
    expect(trail.map((row) => [row.action, row.actorUserId])).toEqual([
      ["statement.generated", maker.user.id],
      ["statement.approved", checker.user.id],
      ["statement.paid", maker.user.id],
    ]);
    expect(trail[1]?.before).toMatchObject({ status: "DRAFT", total: "4500", approvedById: null });
    expect(trail[1]?.after).toMatchObject({
      status: "APPROVED",
      total: "4500",
      approvedById: checker.user.id,
    });
    expect(trail[2]?.before).toMatchObject({ status: "APPROVED", paidAt: null });
    expect(trail[2]?.after).toMatchObject({
      status: "PAID",
      paidAt: paidAt.toISOString(),
      reference: "WIRE-2026-001",
      paymentId: payment.id,
    });
    const recorded = await db.auditLog.findFirstOrThrow({
      where: { action: "payment.recorded", entityId: String(payment.id) },
    });
    expect(recorded.after).toMatchObject({
      statementId: Number(statement.id),
      amount: "4500",
      currency: "USD",
    });
    await expectInvariants(db);
  });

  test("five concurrent payments of one statement record exactly one", async ({ db, factories, api }) => {
    const { maker, checker } = await financeTeam(db, factories);
    const { statement } = await draftStatement(factories, api, maker);
    await payouts.approve(api, checker, statement.id);
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => payouts.pay(api, maker, statement.id, `WIRE-${i}`, ago(HOUR))),
    );
    expect(results.filter((r) => r.data?.status === "PAID")).toHaveLength(1);
    expect(results.filter((r) => r.code === "conflict")).toHaveLength(4);
    expect(await db.payment.count({ where: { statementId: Number(statement.id) } })).toBe(1);
    await expectInvariants(db);
  });
});

describe("void", () => {
  test("voiding a draft releases its lines: the conversions are on the next statement", async ({
    db,
    factories,
    api,
  }) => {
    const { maker } = await financeTeam(db, factories);
    const { publisher, conversions, statement } = await draftStatement(factories, api, maker);

    const voided = await payouts.void(api, maker, statement.id, "generated with the wrong period");
    expect(voided.data).toMatchObject({ status: "VOID" });
    expect(voided.data.voidedAt).not.toBeNull();
    const lines = await db.payoutStatementLine.findMany({ where: { statementId: Number(statement.id) } });
    expect(lines.map((l) => l.voided)).toEqual([true, true]);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "statement.voided", entityId: statement.id },
    });
    expect(audit.before).toMatchObject({ status: "DRAFT" });
    expect(audit.after).toMatchObject({ status: "VOID", reason: "generated with the wrong period" });

    const [again] = documentsOf(await payouts.generate(api, maker, ago(HOUR)), [publisher.id], "publisher");
    expect(again.id).not.toBe(statement.id);
    expect(again.lines.edges.map((e: Json) => e.node.conversionId).sort()).toEqual(
      conversions.map((c) => c.id).sort(),
    );
    await expectInvariants(db);
  });

  test("an approved statement can be voided too; a paid one cannot", async ({ db, factories, api }) => {
    const { maker, checker } = await financeTeam(db, factories);
    const first = await draftStatement(factories, api, maker);
    await payouts.approve(api, checker, first.statement.id);
    expect((await payouts.void(api, checker, first.statement.id, "bank details changed")).data.status).toBe(
      "VOID",
    );

    const second = await draftStatement(factories, api, maker);
    await payouts.approve(api, checker, second.statement.id);
    await payouts.pay(api, maker, second.statement.id, "WIRE-1", ago(HOUR));
    const refused = await payouts.void(api, checker, second.statement.id, "too late");
    expect(refused).toMatchObject({ code: "conflict" });
    expect(refused.message).toMatch(/is PAID/);
    await expectInvariants(db);
  });
});

describe("clawbacks", () => {
  test("a conversion reversed after it was paid is clawed back once, as a negative line", async ({
    db,
    factories,
    api,
  }) => {
    const { maker, checker } = await financeTeam(db, factories);
    const { publisher, offer, conversions, statement } = await draftStatement(factories, api, maker);
    await payouts.approve(api, checker, statement.id);
    await payouts.pay(api, maker, statement.id, "WIRE-1", ago(HOUR));
    const [lost] = conversions;
    await reverse(db, lost as NonNullable<typeof lost>);
    // Reversed before it was ever paid: no line at all.
    await reverse(db, await approved(factories, offer, publisher, { convertedAt: ago(2 * DAY) }));
    // Clawbacks alone are owed, not a statement: carried forward until the publisher earns again.
    const owed = await payouts.generate(api, maker, new Date());
    expect(documentsOf(owed, [publisher.id], "publisher")).toEqual([]);
    expect(owed.data.carriedForward.find((c: Json) => c.accountId === String(publisher.id))).toMatchObject({
      amount: "-1500",
      reason: "not_positive",
    });

    const earned = await approved(factories, offer, publisher, { convertedAt: ago(HOUR) }, { payout: 4000n });
    const [next] = documentsOf(await payouts.generate(api, maker, new Date()), [publisher.id], "publisher");
    expect(next.total).toBe("2500");
    expect(
      next.lines.edges.map((e: Json) => [
        e.node.kind,
        e.node.conversionId,
        e.node.amount,
        e.node.amountDecimal,
      ]),
    ).toEqual([
      ["PAYOUT", earned.id, "4000", "40.00"],
      ["CLAWBACK", lost?.id, "-1500", "-15.00"],
    ]);

    // At most once: nothing more to claw back, however often it runs.
    expect(documentsOf(await payouts.generate(api, maker, new Date()), [publisher.id], "publisher")).toEqual(
      [],
    );
    expect(await db.payoutStatementLine.count({ where: { conversionId: lost?.id, kind: "CLAWBACK" } })).toBe(
      1,
    );
    await expectInvariants(db);
  });

  test("an approved statement whose payouts were clawed back elsewhere cannot be voided first", async ({
    db,
    factories,
    api,
  }) => {
    const { maker, checker } = await financeTeam(db, factories);
    const { publisher, offer, conversions, statement } = await draftStatement(factories, api, maker);
    await payouts.approve(api, checker, statement.id);
    await reverse(db, conversions[0] as NonNullable<(typeof conversions)[0]>);
    await approved(factories, offer, publisher, { convertedAt: ago(HOUR) }, { payout: 5000n });
    const [clawing] = documentsOf(
      await payouts.generate(api, maker, new Date()),
      [publisher.id],
      "publisher",
    );
    expect(clawing.lines.edges.map((e: Json) => e.node.kind)).toEqual(["PAYOUT", "CLAWBACK"]);

    const before = await moneyState(db);
    const refused = await payouts.void(api, checker, statement.id, "wrong bank");
    expect(refused).toMatchObject({ code: "conflict" });
    expect(refused.message).toContain(`clawed back on statement ${clawing.id}`);
    expect(await moneyState(db)).toEqual(before);

    expect((await payouts.void(api, checker, clawing.id, "redo")).data.status).toBe("VOID");
    expect((await payouts.void(api, checker, statement.id, "wrong bank")).data.status).toBe("VOID");
    await expectInvariants(db);
  });
});

describe("bad requests are typed errors and change nothing", () => {
  const far = new Date("2999-01-01T00:00:00Z");
  const cases: {
    name: string;
    state: "DRAFT" | "APPROVED" | "PAID" | "VOID" | "none";
    act: (api: ApiServer, who: Setup, id: string) => Promise<Json>;
    code: string;
    message: RegExp;
  }[] = [
    {
      name: "pay a DRAFT",
      state: "DRAFT",
      act: (api, w, id) => payouts.pay(api, w.checker, id, "W-1", ago(HOUR)),
      code: "conflict",
      message: /DRAFT; only an APPROVED/,
    },
    {
      name: "approve an APPROVED",
      state: "APPROVED",
      act: (api, w, id) => payouts.approve(api, w.checker, id),
      code: "conflict",
      message: /is APPROVED/,
    },
    {
      name: "approve a PAID",
      state: "PAID",
      act: (api, w, id) => payouts.approve(api, w.checker, id),
      code: "conflict",
      message: /is PAID/,
    },
    {
      name: "approve a VOID",
      state: "VOID",
      act: (api, w, id) => payouts.approve(api, w.checker, id),
      code: "conflict",
      message: /is VOID/,
    },
    {
      name: "void a PAID",
      state: "PAID",
      act: (api, w, id) => payouts.void(api, w.checker, id, "oops"),
      code: "conflict",
      message: /is PAID/,
    },
    {
      name: "void a VOID",
      state: "VOID",
      act: (api, w, id) => payouts.void(api, w.checker, id, "again"),
      code: "conflict",
      message: /is VOID/,
    },
    {
      name: "pay a PAID again",
      state: "PAID",
      act: (api, w, id) => payouts.pay(api, w.checker, id, "W-2", ago(HOUR)),
      code: "conflict",
      message: /is PAID/,
    },
    {
      name: "pay with an empty reference",
      state: "APPROVED",
      act: (api, w, id) => payouts.pay(api, w.checker, id, "   ", ago(HOUR)),
      code: "invalid_input",
      message: /reference/,
    },
    {
      name: "pay with paidAt in the far future",
      state: "APPROVED",
      act: (api, w, id) => payouts.pay(api, w.checker, id, "W-3", far),
      code: "invalid_input",
      message: /future/,
    },
    {
      name: "void without a reason",
      state: "DRAFT",
      act: (api, w, id) => payouts.void(api, w.checker, id, ""),
      code: "invalid_input",
      message: /reason/,
    },
    {
      name: "approve an unknown id",
      state: "none",
      act: (api, w) => payouts.approve(api, w.checker, 2_000_000_000),
      code: "not_found",
      message: /not found/,
    },
    {
      name: "pay an unknown id",
      state: "none",
      act: (api, w) => payouts.pay(api, w.checker, 2_000_000_000, "W", ago(HOUR)),
      code: "not_found",
      message: /not found/,
    },
    {
      name: "void an unknown id",
      state: "none",
      act: (api, w) => payouts.void(api, w.checker, 2_000_000_000, "x"),
      code: "not_found",
      message: /not found/,
    },
    {
      name: "an id that is not a number",
      state: "none",
      act: (api, w) => payouts.approve(api, w.checker, "abc"),
      code: "invalid_input",
      message: /positive integer/,
    },
    {
      name: "read an unknown statement",
      state: "none",
      act: (api, w) => payouts.get(api, w.checker, 2_000_000_000),
      code: "not_found",
      message: /not found/,
    },
    {
      name: "filter by a bad currency",
      state: "none",
      act: (api, w) => payouts.list(api, w.checker, { currency: "usd" }),
      code: "invalid_input",
      message: /ISO 4217/,
    },
    {
      name: "generate for a future period",
      state: "none",
      act: (api, w) => payouts.generate(api, w.checker, far),
      code: "invalid_input",
      message: /future/,
    },
  ];

  test.for(cases)("$name → $code", async ({ state, act, code, message }, { db, factories, api }) => {
    const team = await financeTeam(db, factories);
    let id = "0";
    if (state !== "none") {
      const { statement } = await draftStatement(factories, api, team.maker);
      id = statement.id;
      if (state === "VOID") await payouts.void(api, team.maker, id, "setup");
      if (state === "APPROVED" || state === "PAID") await payouts.approve(api, team.checker, id);
      if (state === "PAID") await payouts.pay(api, team.maker, id, "SETUP", ago(HOUR));
      expect((await payouts.get(api, team.maker, id)).data.status).toBe(state);
    }
    const before = await moneyState(db);
    const result = await act(api, team, id);
    expect(result).toMatchObject({ __typename: "DomainError", code });
    expect(result.message).toMatch(message);
    expect(await moneyState(db)).toEqual(before);
    await expectInvariants(db);
  });
});

test("a refusal by the database itself surfaces as a typed conflict, not an internal error", async ({
  db,
  factories,
  api,
}) => {
  const { maker, checker } = await financeTeam(db, factories);
  const { statement } = await draftStatement(factories, api, maker);
  await payouts.approve(api, checker, statement.id);
  await payouts.pay(api, maker, statement.id, "WIRE", ago(HOUR));
  // Bypassing the checks: the trigger refuses PAID → DRAFT, and mapDbErrors names it a conflict.
  await expect(
    mapDbErrors(() =>
      db.payoutStatement.update({ where: { id: Number(statement.id) }, data: { status: "DRAFT" } }),
    ),
  ).rejects.toMatchObject({ name: "DomainError", code: "conflict" });
  await expect(
    mapDbErrors(() =>
      db.payoutStatement.update({
        where: { id: Number(statement.id) },
        data: { approvedById: maker.user.id },
      }),
    ),
  ).rejects.toMatchObject({ code: "conflict" });
});
