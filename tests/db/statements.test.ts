// The payout rules money depends on, enforced by PostgreSQL (partial unique indexes, CHECK constraints
// and triggers in the initial migration), so no code path — API, job, console — can pay a conversion
// twice, publish a statement whose total disagrees with its lines, bend a document's life cycle or
// rewrite a line after the fact.
import type { Db, DocumentStatus } from "@leadrail/db";
import { expectCheckViolation, expectUniqueViolation } from "../src/db-errors.ts";
import type { Factories } from "../src/factories.ts";
import { describe, expect, test } from "../src/fixtures.ts";

const FROZEN = (status: DocumentStatus) => new RegExp(`lines of a ${status} document are frozen`);
const IMMUTABLE = /lines are immutable/;
const RELEASED_ONLY_BY_VOIDING = /a line is released only by voiding its document/;
const NOT_THIS_DOCUMENT = /does not belong to this document/;
const NO_APPROVED_PAYOUT = /has no approved payout line to claw back/;

async function approvedConversion(factories: Factories, payout = 1500n) {
  const advertiser = await factories.createAdvertiser();
  const publisher = await factories.createPublisher();
  const offer = await factories.createOffer(advertiser);
  const conversion = await factories.createConversion(offer, publisher, { payout });
  return { advertiser, publisher, offer, conversion };
}

/** Two finance users: the maker generates documents, the checker approves them. */
async function financeTeam(factories: Factories) {
  return { maker: await factories.createUser("FINANCE"), checker: await factories.createUser("FINANCE") };
}

/** A conversion paid on a statement the maker generated and the checker approved (and paid, if asked). */
async function paidOnApprovedStatement(factories: Factories, status: "APPROVED" | "PAID" = "APPROVED") {
  const { advertiser, publisher, offer, conversion } = await approvedConversion(factories);
  const { maker, checker } = await financeTeam(factories);
  const draft = await factories.createStatement(publisher, [conversion], { generatedById: maker.id });
  let statement = await factories.approveStatement(draft, checker);
  if (status === "PAID") statement = await factories.payStatement(statement);
  const line = draft.lines[0];
  if (!line) throw new Error("the statement has a line");
  return { advertiser, publisher, offer, conversion, maker, checker, statement, line };
}

async function statusOf(db: Db, table: DocumentTable, id: number): Promise<DocumentStatus | undefined> {
  const rows = await db.$queryRawUnsafe<{ status: DocumentStatus }[]>(
    `select status from ${table} where id = $1`,
    id,
  );
  return rows[0]?.status;
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

  test("voiding a draft statement releases its lines, so a new statement may pay the conversion", async ({
    db,
    factories,
  }) => {
    const { publisher, conversion } = await approvedConversion(factories);
    const first = await factories.createStatement(publisher, [conversion]);

    await factories.voidStatement(first);

    const released = await db.payoutStatementLine.findMany({ where: { statementId: first.id } });
    expect(released.map((l) => l.voided)).toEqual([true]);
    const second = await factories.createStatement(publisher, [conversion]);
    expect(second.lines.map((l) => l.conversionId)).toEqual([conversion.id]);
  });

  test("voiding an approved statement releases its lines too", async ({ db, factories }) => {
    const { publisher, conversion, statement } = await paidOnApprovedStatement(factories);
    await expectUniqueViolation(
      factories.createStatement(publisher, [conversion]),
      "payout_statement_lines_live_key",
    );

    await factories.voidStatement(statement);

    const released = await db.payoutStatementLine.findMany({ where: { statementId: statement.id } });
    expect(released.map((l) => l.voided)).toEqual([true]);
    await factories.createStatement(publisher, [conversion]);
  });

  test("a conversion is clawed back at most once", async ({ factories }) => {
    const { publisher, conversion } = await paidOnApprovedStatement(factories);
    await factories.createClawbackStatement(publisher, [conversion]);

    await expectUniqueViolation(
      factories.createClawbackStatement(publisher, [conversion]),
      "payout_statement_lines_live_key",
    );
  });

  test("an invoice bills a conversion at most once while live", async ({ factories }) => {
    const { advertiser, conversion } = await approvedConversion(factories);
    const first = await factories.createInvoice(advertiser, [conversion]);

    await expectUniqueViolation(factories.createInvoice(advertiser, [conversion]), "invoice_lines_live_key");

    await factories.voidInvoice(first);
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

describe("approval: two people, named and stamped", () => {
  test("whoever generated a statement cannot approve it; someone else can", async ({ factories }) => {
    const { publisher, conversion } = await approvedConversion(factories);
    const { maker, checker } = await financeTeam(factories);
    const statement = await factories.createStatement(publisher, [conversion], { generatedById: maker.id });

    await expectCheckViolation(factories.approveStatement(statement, maker), "payout_statements_check");
    const approved = await factories.approveStatement(statement, checker);
    expect(approved.status).toBe("APPROVED");
  });

  test("whoever generated an invoice cannot approve it; someone else can", async ({ factories }) => {
    const { advertiser, conversion } = await approvedConversion(factories);
    const { maker, checker } = await financeTeam(factories);
    const invoice = await factories.createInvoice(advertiser, [conversion], { generatedById: maker.id });

    await expectCheckViolation(factories.approveInvoice(invoice, maker), "advertiser_invoices_check");
    expect((await factories.approveInvoice(invoice, checker)).status).toBe("APPROVED");
  });

  test("an APPROVED statement needs approved_by and approved_at; a PAID one also paid_at", async ({
    db,
    factories,
  }) => {
    const { publisher, conversion } = await approvedConversion(factories);
    const { maker, checker } = await financeTeam(factories);
    const statement = await factories.createStatement(publisher, [conversion], { generatedById: maker.id });

    await expectCheckViolation(
      factories.approveStatement(statement, checker, { approvedAt: null }),
      "payout_statements_check",
    );
    await expectCheckViolation(
      factories.approveStatement(statement, checker, { approvedById: null }),
      "payout_statements_check",
    );
    const approved = await factories.approveStatement(statement, checker);

    await expectCheckViolation(
      db.payoutStatement.update({ where: { id: approved.id }, data: { status: "PAID" } }),
      "payout_statements_check",
    );
    expect((await factories.payStatement(approved)).status).toBe("PAID");
    // The approval stays on record once paid.
    await expectCheckViolation(
      db.payoutStatement.update({ where: { id: approved.id }, data: { approvedAt: null } }),
      /approval is set only when a draft is approved/,
    );
  });

  test("an APPROVED invoice needs approved_by and approved_at; a PAID one also paid_at", async ({
    db,
    factories,
  }) => {
    const { advertiser, conversion } = await approvedConversion(factories);
    const { maker, checker } = await financeTeam(factories);
    const invoice = await factories.createInvoice(advertiser, [conversion], { generatedById: maker.id });

    await expectCheckViolation(
      factories.approveInvoice(invoice, checker, { approvedAt: null }),
      "advertiser_invoices_check",
    );
    await expectCheckViolation(
      factories.approveInvoice(invoice, checker, { approvedById: null }),
      "advertiser_invoices_check",
    );
    const approved = await factories.approveInvoice(invoice, checker);

    await expectCheckViolation(
      db.advertiserInvoice.update({ where: { id: approved.id }, data: { status: "PAID" } }),
      "advertiser_invoices_check",
    );
    expect((await factories.payInvoice(approved)).status).toBe("PAID");
  });
});

// Every ordered pair of statuses, for both kinds of document. Each move also sets whatever the CHECK
// constraint asks of the target status (approver, approval and payment stamps), so a refusal here can
// only come from the life-cycle trigger.
const DOCUMENT_TABLES = ["payout_statements", "advertiser_invoices"] as const;
type DocumentTable = (typeof DOCUMENT_TABLES)[number];
const STATUSES: DocumentStatus[] = ["DRAFT", "APPROVED", "PAID", "VOID"];
const ALLOWED = new Set(["DRAFT>APPROVED", "DRAFT>VOID", "APPROVED>PAID", "APPROVED>VOID"]);
/** How a new DRAFT reaches each status by allowed moves. */
const PATH: Record<DocumentStatus, DocumentStatus[]> = {
  DRAFT: [],
  APPROVED: ["APPROVED"],
  PAID: ["APPROVED", "PAID"],
  VOID: ["VOID"],
};
const TRANSITIONS = STATUSES.flatMap((from) =>
  STATUSES.filter((to) => to !== from).map((to) => [from, to] as [DocumentStatus, DocumentStatus]),
);

function moveTo(db: Db, table: DocumentTable, id: number, to: DocumentStatus, approverId: number) {
  if (!Number.isInteger(approverId)) throw new Error("approver id must be an integer");
  const set = [`status = '${to}'`];
  if (to === "APPROVED" || to === "PAID") {
    set.push(`approved_by_id = coalesce(approved_by_id, ${approverId})`);
    set.push("approved_at = coalesce(approved_at, now())");
  }
  if (to === "PAID") set.push("paid_at = coalesce(paid_at, now())");
  if (to === "VOID") set.push("voided_at = now()");
  return db.$executeRawUnsafe(`update ${table} set ${set.join(", ")} where id = $1`, id);
}

describe.for(DOCUMENT_TABLES)(
  "%s life cycle: DRAFT -> APPROVED -> PAID, DRAFT or APPROVED -> VOID",
  (table) => {
    test.for(TRANSITIONS)("%s -> %s", async ([from, to], { db, factories }) => {
      const { maker, checker } = await financeTeam(factories);
      const document =
        table === "payout_statements"
          ? await factories.createStatement(await factories.createPublisher(), [], {
              generatedById: maker.id,
            })
          : await factories.createInvoice(await factories.createAdvertiser(), [], {
              generatedById: maker.id,
            });
      for (const step of PATH[from]) await moveTo(db, table, document.id, step, checker.id);
      expect(await statusOf(db, table, document.id)).toBe(from);

      if (ALLOWED.has(`${from}>${to}`)) {
        await moveTo(db, table, document.id, to, checker.id);
        expect(await statusOf(db, table, document.id)).toBe(to);
      } else {
        await expectCheckViolation(
          moveTo(db, table, document.id, to, checker.id),
          // The status trigger refuses the move, or (when the move would stamp an approval, payment or
          // void outside its own transition) the column trigger refuses it first: refused either way.
          new RegExp(`${table} cannot go from ${from} to ${to}|is set only when`),
        );
        expect(await statusOf(db, table, document.id)).toBe(from);
      }
    });
  },
);

describe("document life cycle, end to end", () => {
  test("a PAID statement cannot be voided, so its conversion cannot be paid a second time", async ({
    db,
    factories,
  }) => {
    const { publisher, conversion, statement } = await paidOnApprovedStatement(factories, "PAID");

    await expectCheckViolation(
      factories.voidStatement(statement),
      /payout_statements cannot go from PAID to VOID/,
    );

    const lines = await db.payoutStatementLine.findMany({ where: { statementId: statement.id } });
    expect(lines.map((l) => l.voided)).toEqual([false]);
    await expectUniqueViolation(
      factories.createStatement(publisher, [conversion]),
      "payout_statement_lines_live_key",
    );
  });

  test("an APPROVED statement cannot go back to DRAFT, where its lines would thaw", async ({
    db,
    factories,
  }) => {
    const { publisher, offer, statement } = await paidOnApprovedStatement(factories);

    await expectCheckViolation(
      db.payoutStatement.update({ where: { id: statement.id }, data: { status: "DRAFT" } }),
      /payout_statements cannot go from APPROVED to DRAFT/,
    );
    const late = await factories.createConversion(offer, publisher);
    await expectCheckViolation(
      db.$transaction([
        db.payoutStatementLine.create({
          data: { statementId: statement.id, conversionId: late.id, kind: "PAYOUT", amount: late.payout },
        }),
        db.payoutStatement.update({
          where: { id: statement.id },
          data: { total: statement.total + late.payout },
        }),
      ]),
      FROZEN("APPROVED"),
    );
  });

  test("a PAID invoice cannot be voided; an APPROVED one can, which releases its lines", async ({
    db,
    factories,
  }) => {
    const { advertiser, offer, publisher } = await approvedConversion(factories);
    const { maker, checker } = await financeTeam(factories);
    const paid = await factories.createConversion(offer, publisher);
    const voided = await factories.createConversion(offer, publisher);
    const paidInvoice = await factories.createInvoice(advertiser, [paid], { generatedById: maker.id });
    await factories.payInvoice(await factories.approveInvoice(paidInvoice, checker));
    const approvedInvoice = await factories.approveInvoice(
      await factories.createInvoice(advertiser, [voided], { generatedById: maker.id }),
      checker,
    );

    await expectCheckViolation(
      factories.voidInvoice(paidInvoice),
      /advertiser_invoices cannot go from PAID to VOID/,
    );
    await factories.voidInvoice(approvedInvoice);

    const lines = await db.invoiceLine.findMany({
      where: { invoiceId: { in: [paidInvoice.id, approvedInvoice.id] } },
      orderBy: { id: "asc" },
    });
    expect(lines.map((l) => [l.invoiceId, l.voided])).toEqual([
      [paidInvoice.id, false],
      [approvedInvoice.id, true],
    ]);
  });
});

describe("lines are written once", () => {
  test("lines of an approved statement cannot be added, changed or removed", async ({ db, factories }) => {
    const { publisher, offer, statement, line } = await paidOnApprovedStatement(factories);
    const late = await factories.createConversion(offer, publisher, { payout: 700n });

    await expectCheckViolation(
      db.$transaction([
        db.payoutStatementLine.create({
          data: { statementId: statement.id, conversionId: late.id, kind: "PAYOUT", amount: 700n },
        }),
        db.payoutStatement.update({ where: { id: statement.id }, data: { total: statement.total + 700n } }),
      ]),
      FROZEN("APPROVED"),
    );
    await expectCheckViolation(
      db.payoutStatementLine.update({ where: { id: line.id }, data: { amount: 1n } }),
      IMMUTABLE,
    );
    await expectCheckViolation(db.payoutStatementLine.delete({ where: { id: line.id } }), FROZEN("APPROVED"));
    expect(await db.payoutStatementLine.findMany({ where: { statementId: statement.id } })).toEqual([line]);
  });

  test("lines of a paid statement are frozen", async ({ db, factories }) => {
    const { statement } = await paidOnApprovedStatement(factories, "PAID");

    await expectCheckViolation(
      db.payoutStatementLine.deleteMany({ where: { statementId: statement.id } }),
      FROZEN("PAID"),
    );
  });

  test("lines of a void statement can be neither revived nor removed", async ({ db, factories }) => {
    const { statement } = await paidOnApprovedStatement(factories);
    await factories.voidStatement(statement);

    await expectCheckViolation(
      db.payoutStatementLine.updateMany({ where: { statementId: statement.id }, data: { voided: false } }),
      IMMUTABLE,
    );
    await expectCheckViolation(
      db.payoutStatementLine.deleteMany({ where: { statementId: statement.id } }),
      FROZEN("VOID"),
    );
  });

  test("a line cannot be updated even in a draft: amount, conversion or statement", async ({
    db,
    factories,
  }) => {
    const { publisher, offer, conversion } = await approvedConversion(factories, 1500n);
    const other = await factories.createConversion(offer, publisher, { payout: 1500n });
    const draft = await factories.createStatement(publisher, [conversion]);
    const otherDraft = await factories.createStatement(publisher);
    const line = draft.lines[0];
    if (!line) throw new Error("the statement has a line");

    // Each change keeps both totals right, so only the immutability rule can refuse it.
    await expectCheckViolation(
      db.$transaction([
        db.payoutStatementLine.update({ where: { id: line.id }, data: { amount: 1000n } }),
        db.payoutStatement.update({ where: { id: draft.id }, data: { total: 1000n } }),
      ]),
      IMMUTABLE,
    );
    await expectCheckViolation(
      db.payoutStatementLine.update({ where: { id: line.id }, data: { conversionId: other.id } }),
      IMMUTABLE,
    );
    await expectCheckViolation(
      db.$transaction([
        db.payoutStatementLine.update({ where: { id: line.id }, data: { statementId: otherDraft.id } }),
        db.payoutStatement.update({ where: { id: draft.id }, data: { total: 0n } }),
        db.payoutStatement.update({ where: { id: otherDraft.id }, data: { total: 1500n } }),
      ]),
      IMMUTABLE,
    );
    expect(await db.payoutStatementLine.findUniqueOrThrow({ where: { id: line.id } })).toEqual(line);
    // What a draft allows instead: delete the line and insert the corrected one.
    await db.$transaction([
      db.payoutStatementLine.delete({ where: { id: line.id } }),
      db.payoutStatementLine.create({
        data: { statementId: draft.id, conversionId: conversion.id, kind: "PAYOUT", amount: 1000n },
      }),
      db.payoutStatement.update({ where: { id: draft.id }, data: { total: 1000n } }),
    ]);
  });

  test("a line cannot be moved out of an approved statement into a draft", async ({ db, factories }) => {
    const { publisher, statement, line } = await paidOnApprovedStatement(factories);
    const draft = await factories.createStatement(publisher);

    await expectCheckViolation(
      db.$transaction([
        db.payoutStatementLine.updateMany({
          where: { statementId: statement.id },
          data: { statementId: draft.id },
        }),
        db.payoutStatement.update({ where: { id: draft.id }, data: { total: statement.total } }),
      ]),
      IMMUTABLE,
    );

    const approved = await db.payoutStatement.findUniqueOrThrow({
      where: { id: statement.id },
      include: { lines: true },
    });
    expect(approved.lines).toEqual([line]);
    expect(approved.total).toBe(line.amount);
  });

  test("a line of an approved statement cannot be voided directly, only by voiding the statement", async ({
    db,
    factories,
  }) => {
    const { publisher, conversion, statement } = await paidOnApprovedStatement(factories);

    await expectCheckViolation(
      db.payoutStatementLine.updateMany({ where: { statementId: statement.id }, data: { voided: true } }),
      RELEASED_ONLY_BY_VOIDING,
    );
    // Still live, so the conversion cannot be put on a second statement.
    await expectUniqueViolation(
      factories.createStatement(publisher, [conversion]),
      "payout_statement_lines_live_key",
    );
  });

  test("a line of a draft statement cannot be voided directly either", async ({ db, factories }) => {
    const { publisher, conversion } = await approvedConversion(factories);
    const draft = await factories.createStatement(publisher, [conversion]);

    await expectCheckViolation(
      db.payoutStatementLine.updateMany({ where: { statementId: draft.id }, data: { voided: true } }),
      RELEASED_ONLY_BY_VOIDING,
    );
  });

  test("invoice lines follow the same rules", async ({ db, factories }) => {
    const { advertiser, offer, publisher, conversion } = await approvedConversion(factories);
    const { maker, checker } = await financeTeam(factories);
    const draft = await factories.createInvoice(advertiser, [conversion], { generatedById: maker.id });
    const line = draft.lines[0];
    if (!line) throw new Error("the invoice has a line");

    await expectCheckViolation(
      db.$transaction([
        db.invoiceLine.update({ where: { id: line.id }, data: { amount: 1n } }),
        db.advertiserInvoice.update({ where: { id: draft.id }, data: { total: 1n } }),
      ]),
      IMMUTABLE,
    );
    await expectCheckViolation(
      db.invoiceLine.update({ where: { id: line.id }, data: { voided: true } }),
      RELEASED_ONLY_BY_VOIDING,
    );
    const invoice = await factories.approveInvoice(draft, checker);
    const late = await factories.createConversion(offer, publisher);
    await expectCheckViolation(
      db.$transaction([
        db.invoiceLine.create({
          data: { invoiceId: invoice.id, conversionId: late.id, kind: "PAYOUT", amount: late.revenue },
        }),
        db.advertiserInvoice.update({
          where: { id: invoice.id },
          data: { total: invoice.total + late.revenue },
        }),
      ]),
      FROZEN("APPROVED"),
    );
    await expectCheckViolation(db.invoiceLine.delete({ where: { id: line.id } }), FROZEN("APPROVED"));
    await expectCheckViolation(
      db.invoiceLine.update({ where: { id: line.id }, data: { voided: true } }),
      RELEASED_ONLY_BY_VOIDING,
    );
  });
});

describe("a line belongs to its document", () => {
  test("a statement cannot pay another publisher's conversion, nor one without a publisher", async ({
    db,
    factories,
  }) => {
    const { publisher, offer, conversion } = await approvedConversion(factories);
    const stranger = await factories.createPublisher();
    const theirs = await factories.createConversion(offer, stranger);
    const nobodys = await factories.createConversion(offer, null);

    await expectCheckViolation(factories.createStatement(publisher, [theirs]), NOT_THIS_DOCUMENT);
    await expectCheckViolation(factories.createStatement(publisher, [nobodys]), NOT_THIS_DOCUMENT);
    expect(
      await db.payoutStatementLine.count({ where: { conversionId: { in: [theirs.id, nobodys.id] } } }),
    ).toBe(0);
    // Each publisher's own conversion is accepted.
    await factories.createStatement(publisher, [conversion]);
    await factories.createStatement(stranger, [theirs]);
  });

  test("a statement cannot pay a conversion in another currency", async ({ factories }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher({ payoutCurrency: "USD" });
    const euroOffer = await factories.createOffer(advertiser, { currency: "EUR" });
    const inEuros = await factories.createConversion(euroOffer, publisher);

    await expectCheckViolation(factories.createStatement(publisher, [inEuros]), NOT_THIS_DOCUMENT);
    const euroStatement = await factories.createStatement(publisher, [inEuros], { currency: "EUR" });
    expect(euroStatement.lines.map((l) => l.conversionId)).toEqual([inEuros.id]);
  });

  test("an invoice cannot bill another advertiser's conversion, nor one in another currency", async ({
    factories,
  }) => {
    const { advertiser, publisher, conversion } = await approvedConversion(factories);
    const stranger = await factories.createAdvertiser();
    const theirOffer = await factories.createOffer(stranger);
    const theirs = await factories.createConversion(theirOffer, publisher);

    await expectCheckViolation(factories.createInvoice(advertiser, [theirs]), NOT_THIS_DOCUMENT);
    await expectCheckViolation(
      factories.createInvoice(advertiser, [conversion], { currency: "EUR" }),
      NOT_THIS_DOCUMENT,
    );
    await factories.createInvoice(advertiser, [conversion]);
    await factories.createInvoice(stranger, [theirs]);
  });
});

describe("a clawback needs a live payout line on an approved or paid document", () => {
  test("a clawback of a conversion never paid, or paid only on a draft, is refused", async ({
    factories,
  }) => {
    const { publisher, conversion } = await approvedConversion(factories);
    const { maker, checker } = await financeTeam(factories);

    await expectCheckViolation(
      factories.createClawbackStatement(publisher, [conversion]),
      NO_APPROVED_PAYOUT,
    );
    const draft = await factories.createStatement(publisher, [conversion], { generatedById: maker.id });
    await expectCheckViolation(
      factories.createClawbackStatement(publisher, [conversion]),
      NO_APPROVED_PAYOUT,
    );

    await factories.approveStatement(draft, checker);
    const clawback = await factories.createClawbackStatement(publisher, [conversion]);
    expect(clawback.lines.map((l) => [l.kind, l.amount])).toEqual([["CLAWBACK", -conversion.payout]]);
  });

  test("a clawback against a paid statement is accepted", async ({ factories }) => {
    const { publisher, conversion } = await paidOnApprovedStatement(factories, "PAID");

    const clawback = await factories.createClawbackStatement(publisher, [conversion]);
    expect(clawback.total).toBe(-conversion.payout);
  });

  test("once the approved statement is voided, its payout can no longer be clawed back", async ({
    factories,
  }) => {
    const { publisher, conversion, statement } = await paidOnApprovedStatement(factories);
    await factories.voidStatement(statement);

    await expectCheckViolation(
      factories.createClawbackStatement(publisher, [conversion]),
      NO_APPROVED_PAYOUT,
    );
  });

  test("an invoice credit needs the conversion billed on an approved invoice", async ({ factories }) => {
    const { advertiser, conversion } = await approvedConversion(factories);
    const { maker, checker } = await financeTeam(factories);

    await expectCheckViolation(factories.createClawbackInvoice(advertiser, [conversion]), NO_APPROVED_PAYOUT);
    const draft = await factories.createInvoice(advertiser, [conversion], { generatedById: maker.id });
    await expectCheckViolation(factories.createClawbackInvoice(advertiser, [conversion]), NO_APPROVED_PAYOUT);

    await factories.approveInvoice(draft, checker);
    const credit = await factories.createClawbackInvoice(advertiser, [conversion]);
    expect(credit.total).toBe(-conversion.revenue);
  });
});
