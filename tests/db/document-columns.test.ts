// A payout statement's identity and its approval, payment and void stamps are records, not fields:
// the database refuses to rewrite them after the fact, and refuses to void a statement whose payouts
// are still being clawed back elsewhere (voiding would let them be paid a second time).
import type { Factories } from "../src/factories.ts";
import { describe, expect, test } from "../src/fixtures.ts";

async function approvedStatement(factories: Factories) {
  const advertiser = await factories.createAdvertiser();
  const publisher = await factories.createPublisher();
  const offer = await factories.createOffer(advertiser);
  const conversion = await factories.createConversion(offer, publisher, { payout: 2500n });
  const maker = await factories.createUser("FINANCE");
  const checker = await factories.createUser("FINANCE");
  const draft = await factories.createStatement(publisher, [conversion], { generatedById: maker.id });
  const statement = await factories.approveStatement(draft, checker);
  return { advertiser, publisher, offer, conversion, maker, checker, statement };
}

describe("statement columns after the fact", () => {
  test("owner, currency and generator never change, even on a draft", async ({ db, factories }) => {
    const { statement, checker } = await approvedStatement(factories);
    const other = await factories.createPublisher();
    const attempts = [
      { publisherId: other.id },
      { currency: "EUR" },
      { generatedById: null },
      { generatedById: checker.id },
      { periodEnd: new Date(0) },
    ];
    for (const data of attempts) {
      await expect(
        db.payoutStatement.update({ where: { id: statement.id }, data }),
        JSON.stringify(data),
      ).rejects.toThrow(/cannot change/);
    }
    const draft = await factories.createStatement(await factories.createPublisher());
    await expect(
      db.payoutStatement.update({ where: { id: draft.id }, data: { currency: "EUR" } }),
    ).rejects.toThrow(/payout_statements\.currency cannot change/);
  });

  test("an approval cannot be rewritten once given", async ({ db, factories }) => {
    const { statement, maker } = await approvedStatement(factories);
    const third = await factories.createUser("FINANCE");
    await expect(
      db.payoutStatement.update({ where: { id: statement.id }, data: { approvedById: third.id } }),
    ).rejects.toThrow(/approval is set only when a draft is approved/);
    await expect(
      db.payoutStatement.update({ where: { id: statement.id }, data: { approvedAt: new Date(0) } }),
    ).rejects.toThrow(/approval is set only when a draft is approved/);
    const after = await db.payoutStatement.findUniqueOrThrow({ where: { id: statement.id } });
    expect(after.approvedById).toBe(statement.approvedById);
    expect(after.approvedById).not.toBe(maker.id);
  });

  test("the total of an approved statement is frozen", async ({ db, factories }) => {
    const { statement } = await approvedStatement(factories);
    await expect(
      db.payoutStatement.update({ where: { id: statement.id }, data: { total: statement.total + 1n } }),
    ).rejects.toThrow(/total of a APPROVED document cannot change/);
  });

  test("paid_at and voided_at are stamped only by their transitions", async ({ db, factories }) => {
    const { statement } = await approvedStatement(factories);
    await expect(
      db.payoutStatement.update({ where: { id: statement.id }, data: { paidAt: new Date() } }),
    ).rejects.toThrow(/paid_at is set only/);
    await expect(
      db.payoutStatement.update({ where: { id: statement.id }, data: { voidedAt: new Date() } }),
    ).rejects.toThrow(/voided_at is set only/);
    const paid = await factories.payStatement(statement);
    await expect(
      db.payoutStatement.update({ where: { id: paid.id }, data: { paidAt: new Date(0) } }),
    ).rejects.toThrow(/paid_at is set only/);
  });

  test("the same rules hold for invoices", async ({ db, factories }) => {
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser);
    const conversion = await factories.createConversion(offer, await factories.createPublisher());
    const maker = await factories.createUser("FINANCE");
    const checker = await factories.createUser("FINANCE");
    const draft = await factories.createInvoice(advertiser, [conversion], { generatedById: maker.id });
    const invoice = await factories.approveInvoice(draft, checker);
    await expect(
      db.advertiserInvoice.update({
        where: { id: invoice.id },
        data: { advertiserId: (await factories.createAdvertiser()).id },
      }),
    ).rejects.toThrow(/advertiser_invoices\.advertiser_id cannot change/);
    await expect(
      db.advertiserInvoice.update({ where: { id: invoice.id }, data: { approvedById: maker.id } }),
    ).rejects.toThrow(/approval is set only/);
  });
});

describe("voiding a statement whose payouts are clawed back", () => {
  test("is refused while the clawback is live, allowed once the clawback's document is void", async ({
    db,
    factories,
  }) => {
    const { publisher, conversion, statement } = await approvedStatement(factories);
    const clawback = await factories.createClawbackStatement(publisher, [conversion]);

    await expect(factories.voidStatement(statement)).rejects.toThrow(/clawed back on a live document/);
    const still = await db.payoutStatementLine.count({ where: { statementId: statement.id, voided: false } });
    expect(still).toBe(1);

    await factories.voidStatement(clawback);
    const voided = await factories.voidStatement(statement);
    expect(voided.status).toBe("VOID");
    expect(await db.payoutStatementLine.count({ where: { statementId: statement.id, voided: false } })).toBe(
      0,
    );
  });
});
