// The payout rules money depends on, enforced by PostgreSQL (partial unique indexes and triggers in the
// initial migration), so no code path — API, job, console — can pay a conversion twice or publish a
// statement whose total disagrees with its lines.
import type { Conversion, Db, Publisher } from "@leadrail/db";
import { expectCheckViolation, expectUniqueViolation } from "../src/db-errors.ts";
import type { Factories } from "../src/factories.ts";
import { describe, expect, test } from "../src/fixtures.ts";

async function approvedConversion(factories: Factories, payout = 1500n) {
  const advertiser = await factories.createAdvertiser();
  const publisher = await factories.createPublisher();
  const offer = await factories.createOffer(advertiser);
  const conversion = await factories.createConversion(offer, publisher, { payout });
  return { advertiser, publisher, offer, conversion };
}

/** A statement that claws `conversion` back (a negative line), total matching. */
function clawbackStatement(factories: Factories, publisher: Publisher, conversion: Conversion) {
  return factories.createStatement(publisher, [], {
    total: -conversion.payout,
    lines: { create: [{ conversionId: conversion.id, kind: "CLAWBACK", amount: -conversion.payout }] },
  });
}

describe("a conversion is paid on at most one live statement", () => {
  test("a second live PAYOUT line for the same conversion is refused", async ({ db, factories }) => {
    const { publisher, offer, conversion } = await approvedConversion(factories);
    await factories.createStatement(publisher, [conversion]);
    const other = await factories.createConversion(offer, publisher);

    await expectUniqueViolation(
      factories.createStatement(publisher, [other, conversion]),
      "payout_statement_lines_live_key",
    );
    // The refused statement left nothing behind, and the other conversion can still be paid.
    expect(await db.payoutStatementLine.count({ where: { conversionId: other.id } })).toBe(0);
    await factories.createStatement(publisher, [other]);
  });

  test("voiding the statement releases its lines, so a new statement may pay the conversion", async ({
    db,
    factories,
  }) => {
    const { publisher, conversion } = await approvedConversion(factories);
    const first = await factories.createStatement(publisher, [conversion]);

    await db.payoutStatement.update({
      where: { id: first.id },
      data: { status: "VOID", voidedAt: new Date() },
    });

    const released = await db.payoutStatementLine.findMany({ where: { statementId: first.id } });
    expect(released.map((l) => l.voided)).toEqual([true]);
    const second = await factories.createStatement(publisher, [conversion]);
    expect(second.lines.map((l) => l.conversionId)).toEqual([conversion.id]);
  });

  test("a conversion is clawed back at most once", async ({ factories }) => {
    const { publisher, conversion } = await approvedConversion(factories);
    await factories.createStatement(publisher, [conversion]);
    await clawbackStatement(factories, publisher, conversion);

    await expectUniqueViolation(
      clawbackStatement(factories, publisher, conversion),
      "payout_statement_lines_live_key",
    );
  });

  test("an invoice bills a conversion at most once while live", async ({ db, factories }) => {
    const { advertiser, conversion } = await approvedConversion(factories);
    const first = await factories.createInvoice(advertiser, [conversion]);

    await expectUniqueViolation(factories.createInvoice(advertiser, [conversion]), "invoice_lines_live_key");

    await db.advertiserInvoice.update({ where: { id: first.id }, data: { status: "VOID" } });
    await factories.createInvoice(advertiser, [conversion]);
  });
});

describe("a document's total equals the sum of its lines (checked at commit)", () => {
  test("a transaction committing a statement with a mismatched total fails and leaves nothing", async ({
    db,
    factories,
  }) => {
    const { publisher, conversion } = await approvedConversion(factories, 1500n);

    await expectCheckViolation(
      db.$transaction(async (tx) => {
        const statement = await tx.payoutStatement.create({
          data: { publisherId: publisher.id, currency: "USD", periodEnd: new Date(), total: 999n },
        });
        await tx.payoutStatementLine.create({
          data: { statementId: statement.id, conversionId: conversion.id, kind: "PAYOUT", amount: 1500n },
        });
      }),
      /total 999 does not equal the sum of its lines 1500/,
    );
    expect(await db.payoutStatement.count({ where: { publisherId: publisher.id } })).toBe(0);
  });

  test("lines and total may be written in either order within one transaction", async ({ db, factories }) => {
    const { publisher, conversion } = await approvedConversion(factories, 1500n);

    const statement = await db.$transaction(async (tx) => {
      const created = await tx.payoutStatement.create({
        data: { publisherId: publisher.id, currency: "USD", periodEnd: new Date() },
      });
      await tx.payoutStatementLine.create({
        data: { statementId: created.id, conversionId: conversion.id, kind: "PAYOUT", amount: 1500n },
      });
      // Mismatched in between: only the state at COMMIT counts.
      return tx.payoutStatement.update({ where: { id: created.id }, data: { total: 1500n } });
    });

    expect(statement.total).toBe(1500n);
  });

  test("changing a committed total or removing a line alone is refused", async ({ db, factories }) => {
    const { publisher, offer, conversion } = await approvedConversion(factories, 1500n);
    const second = await factories.createConversion(offer, publisher, { payout: 500n });
    const statement = await factories.createStatement(publisher, [conversion, second]);

    await expectCheckViolation(
      db.payoutStatement.update({ where: { id: statement.id }, data: { total: 1999n } }),
      /total 1999 does not equal the sum of its lines 2000/,
    );
    await expectCheckViolation(
      db.payoutStatementLine.delete({ where: { id: statement.lines[1]?.id } }),
      /total 2000 does not equal the sum of its lines 1500/,
    );
    // Both together is a consistent change to a draft.
    await db.$transaction([
      db.payoutStatementLine.delete({ where: { id: statement.lines[1]?.id } }),
      db.payoutStatement.update({ where: { id: statement.id }, data: { total: 1500n } }),
    ]);
  });

  test("an invoice with a mismatched total fails, a matching one commits", async ({ db, factories }) => {
    const { advertiser, conversion } = await approvedConversion(factories);
    const write = (total: bigint) =>
      db.$transaction(async (tx) => {
        const invoice = await tx.advertiserInvoice.create({
          data: { advertiserId: advertiser.id, currency: "USD", periodEnd: new Date(), total },
        });
        await tx.invoiceLine.create({
          data: { invoiceId: invoice.id, conversionId: conversion.id, kind: "PAYOUT", amount: 2000n },
        });
        return invoice;
      });

    await expectCheckViolation(write(1n), /total 1 does not equal the sum of its lines 2000/);
    expect(await db.advertiserInvoice.count({ where: { advertiserId: advertiser.id } })).toBe(0);
    expect((await write(2000n)).total).toBe(2000n);
  });
});

describe("two-person rule", () => {
  test("whoever generated a statement cannot approve it; someone else can", async ({ db, factories }) => {
    const { publisher, conversion } = await approvedConversion(factories);
    const maker = await factories.createUser("FINANCE");
    const checker = await factories.createUser("FINANCE");
    const statement = await factories.createStatement(publisher, [conversion], { generatedById: maker.id });

    await expectCheckViolation(
      db.payoutStatement.update({
        where: { id: statement.id },
        data: { status: "APPROVED", approvedById: maker.id, approvedAt: new Date() },
      }),
      "payout_statements_check",
    );
    const approved = await db.payoutStatement.update({
      where: { id: statement.id },
      data: { status: "APPROVED", approvedById: checker.id, approvedAt: new Date() },
    });
    expect(approved.status).toBe("APPROVED");
  });

  test("whoever generated an invoice cannot approve it", async ({ db, factories }) => {
    const { advertiser, conversion } = await approvedConversion(factories);
    const maker = await factories.createUser("FINANCE");
    const invoice = await factories.createInvoice(advertiser, [conversion], { generatedById: maker.id });

    await expectCheckViolation(
      db.advertiserInvoice.update({ where: { id: invoice.id }, data: { approvedById: maker.id } }),
      "advertiser_invoices_check",
    );
  });
});

describe("document status rules", () => {
  async function approvedStatement(factories: Factories, db: Db) {
    const { publisher, offer, conversion } = await approvedConversion(factories);
    const maker = await factories.createUser("FINANCE");
    const checker = await factories.createUser("FINANCE");
    const draft = await factories.createStatement(publisher, [conversion], { generatedById: maker.id });
    const statement = await db.payoutStatement.update({
      where: { id: draft.id },
      data: { status: "APPROVED", approvedById: checker.id, approvedAt: new Date() },
      include: { lines: true },
    });
    return { publisher, offer, conversion, statement };
  }

  test("lines of an approved statement cannot be added, changed or removed", async ({ db, factories }) => {
    const { publisher, offer, statement } = await approvedStatement(factories, db);
    const late = await factories.createConversion(offer, publisher, { payout: 700n });
    const line = statement.lines[0];
    if (!line) throw new Error("the statement has a line");

    await expectCheckViolation(
      db.$transaction([
        db.payoutStatementLine.create({
          data: { statementId: statement.id, conversionId: late.id, kind: "PAYOUT", amount: 700n },
        }),
        db.payoutStatement.update({ where: { id: statement.id }, data: { total: statement.total + 700n } }),
      ]),
      /lines of a APPROVED document are frozen/,
    );
    await expectCheckViolation(
      db.payoutStatementLine.update({ where: { id: line.id }, data: { amount: 1n } }),
      /lines of a APPROVED document are frozen/,
    );
    await expectCheckViolation(
      db.payoutStatementLine.delete({ where: { id: line.id } }),
      /lines of a APPROVED document are frozen/,
    );
    expect(await db.payoutStatementLine.count({ where: { statementId: statement.id } })).toBe(1);
  });

  test("a paid statement cannot go back to approved or draft", async ({ db, factories }) => {
    const { statement } = await approvedStatement(factories, db);
    await db.payoutStatement.update({
      where: { id: statement.id },
      data: { status: "PAID", paidAt: new Date() },
    });

    for (const status of ["APPROVED", "DRAFT"] as const) {
      await expectCheckViolation(
        db.payoutStatement.update({ where: { id: statement.id }, data: { status } }),
        /a paid payout_statements cannot change status/,
      );
    }
    // Lines of a paid statement are frozen too.
    await expectCheckViolation(
      db.payoutStatementLine.deleteMany({ where: { statementId: statement.id } }),
      /lines of a PAID document are frozen/,
    );
  });

  test("a void statement cannot be revived, nor its lines", async ({ db, factories }) => {
    const { statement } = await approvedStatement(factories, db);
    await db.payoutStatement.update({ where: { id: statement.id }, data: { status: "VOID" } });

    await expectCheckViolation(
      db.payoutStatement.update({ where: { id: statement.id }, data: { status: "DRAFT" } }),
      /a void payout_statements cannot be revived/,
    );
    await expectCheckViolation(
      db.payoutStatementLine.updateMany({ where: { statementId: statement.id }, data: { voided: false } }),
      /a voided line cannot be revived/,
    );
  });

  test("a void invoice cannot be revived", async ({ db, factories }) => {
    const { advertiser, conversion } = await approvedConversion(factories);
    const invoice = await factories.createInvoice(advertiser, [conversion]);
    await db.advertiserInvoice.update({ where: { id: invoice.id }, data: { status: "VOID" } });

    await expectCheckViolation(
      db.advertiserInvoice.update({ where: { id: invoice.id }, data: { status: "APPROVED" } }),
      /a void advertiser_invoices cannot be revived/,
    );
  });
});
