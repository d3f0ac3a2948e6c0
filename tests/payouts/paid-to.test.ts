// Where a paid statement's money went (issue 14): marking a statement paid copies the publisher's payout
// details into it (paid_to), audited with the payment (numbers masked); the publisher changing its
// details later leaves the paid record alone. Read only by finance, admins and the statement's own
// publisher. Without details a statement cannot be paid (a typed conflict, nothing written), and the
// period, reference and reason rules answer per field, so a form shows them at the right input.
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
  gql,
  type Json,
  test,
} from "./helpers.ts";
import { documentsOf, payouts } from "./operations.ts";

const HOUR = 3_600_000;

const STATEMENT = `query($id: ID!) { result: payoutStatement(id: $id) {
  __typename ... on DomainError { code message }
  ... on QueryPayoutStatementSuccess { data { id status
    paidTo { method accountHolder iban ibanFormatted bic paypalEmail detailsUpdatedAt }
    payoutDetails { method iban paypalEmail } } } } }`;

const SET_DETAILS = `mutation($input: PayoutDetailsInput!) { result: setPayoutDetails(input: $input) {
  __typename ... on DomainError { code message } ... on MutationSetPayoutDetailsSuccess { data { method } } } }`;

const PAY = `mutation($id: ID!, $reference: String!, $paidAt: DateTime!) {
  result: markStatementPaid(id: $id, reference: $reference, paidAt: $paidAt) {
    __typename ... on DomainError { code message fields { path message } }
    ... on MutationMarkStatementPaidSuccess { data { id status } } } }`;

const VOID = `mutation($id: ID!, $reason: String!) { result: voidStatement(id: $id, reason: $reason) {
  __typename ... on DomainError { code message fields { path message } }
  ... on MutationVoidStatementSuccess { data { id } } } }`;

const GENERATE = `mutation($periodEnd: DateTime!) { result: generatePayoutStatements(periodEnd: $periodEnd) {
  __typename ... on DomainError { code message fields { path message } }
  ... on MutationGeneratePayoutStatementsSuccess { data { statements { id } } } } }`;

const PREVIEW = `query($periodEnd: DateTime!) { result: payoutStatementPreview(periodEnd: $periodEnd) {
  __typename ... on DomainError { code message fields { path message } }
  ... on QueryPayoutStatementPreviewSuccess { data { documents { accountId } } } } }`;

/** A publisher (with a signed-in member) and its APPROVED statement, generated and approved by two. */
async function approvedStatement(db: Db, factories: Factories, api: ApiServer) {
  const maker = await caller(db, factories, "FINANCE");
  const checker = await caller(db, factories, "FINANCE");
  const publisher = await factories.createPublisher();
  const member = await caller(db, factories, "PUBLISHER", publisher);
  const offer = await factories.createOffer(await factories.createAdvertiser());
  await approved(factories, offer, publisher, { convertedAt: ago(DAY) });
  const [statement] = documentsOf(await payouts.generate(api, maker, ago(HOUR)), [publisher.id], "publisher");
  expect(statement, "a statement for the fresh publisher").toBeDefined();
  await payouts.approve(api, checker, statement.id);
  return { maker, checker, publisher, member, id: String(statement.id) };
}

async function read(api: ApiServer, who: Caller, id: string): Promise<Json> {
  return (await gql(api, who, STATEMENT, { id })).result;
}

/** What a refused payment must leave alone. */
async function paymentState(db: Db, id: string) {
  return {
    statement: await db.payoutStatement.findUniqueOrThrow({ where: { id: Number(id) } }),
    payments: await db.payment.count({ where: { statementId: Number(id) } }),
    audit: await db.auditLog.count({ where: { entityType: "PayoutStatement", entityId: id } }),
  };
}

describe("the payout details a statement was paid to", () => {
  test("paying copies the details; the publisher's later change leaves the paid record alone", async ({
    api,
    db,
    factories,
  }) => {
    const { maker, publisher, member, id } = await approvedStatement(db, factories, api);
    const details = await factories.createPayoutDetails(publisher, {
      accountHolder: "Payee Media Ltd",
      iban: "DE89370400440532013000",
      bic: "COBADEFFXXX",
      updatedAt: ago(30 * DAY),
    });
    // Before payment: no copy, the current details.
    expect((await read(api, maker, id)).data).toMatchObject({
      status: "APPROVED",
      paidTo: null,
      payoutDetails: { method: "BANK_TRANSFER", iban: "DE89370400440532013000" },
    });

    expect(await payouts.pay(api, maker, id, "WIRE-77", ago(HOUR))).toMatchObject({
      data: { status: "PAID" },
    });
    const stored = await db.payoutStatement.findUniqueOrThrow({ where: { id: Number(id) } });
    expect(stored.paidTo).toEqual({
      method: "BANK_TRANSFER",
      accountHolder: "Payee Media Ltd",
      iban: "DE89370400440532013000",
      bic: "COBADEFFXXX",
      paypalEmail: null,
      detailsUpdatedAt: details.updatedAt.toISOString(),
    });
    // Audited with the payment, the account number masked as every payout-details entry is.
    const paid = await db.auditLog.findFirstOrThrow({ where: { action: "statement.paid", entityId: id } });
    expect(paid.after).toMatchObject({
      status: "PAID",
      reference: "WIRE-77",
      paidTo: { method: "BANK_TRANSFER", accountHolder: "Payee Media Ltd", iban: "DE89…3000" },
    });
    expect(JSON.stringify(paid.after)).not.toContain("0532013000");

    // The publisher moves to PayPal.
    expect(
      (
        await gql(api, member, SET_DETAILS, {
          input: { method: "PAYPAL", paypalEmail: "new@payee.example" },
        })
      ).result,
    ).toMatchObject({ data: { method: "PAYPAL" } });
    expect(
      (await db.publisherPayoutDetails.findUniqueOrThrow({ where: { publisherId: publisher.id } })).method,
    ).toBe("PAYPAL");

    // The paid statement still says where the money went; the current details are the new ones.
    for (const who of [maker, member]) {
      expect((await read(api, who, id)).data).toEqual({
        id,
        status: "PAID",
        paidTo: {
          method: "BANK_TRANSFER",
          accountHolder: "Payee Media Ltd",
          iban: "DE89370400440532013000",
          ibanFormatted: "DE89 3704 0044 0532 0130 00",
          bic: "COBADEFFXXX",
          paypalEmail: null,
          detailsUpdatedAt: details.updatedAt.toISOString(),
        },
        payoutDetails: { method: "PAYPAL", iban: null, paypalEmail: "new@payee.example" },
      });
    }
    expect((await db.payoutStatement.findUniqueOrThrow({ where: { id: Number(id) } })).paidTo).toEqual(
      stored.paidTo,
    );

    // The database keeps the copy as written: not editable after the payment, not on an unpaid one.
    await expect(
      mapDbErrors(() =>
        db.payoutStatement.update({ where: { id: Number(id) }, data: { paidTo: { method: "PAYPAL" } } }),
      ),
    ).rejects.toMatchObject({ name: "DomainError", code: "conflict" });
    const other = await factories.createStatement(publisher);
    await expect(
      mapDbErrors(() => db.payoutStatement.update({ where: { id: other.id }, data: { paidTo: {} } })),
    ).rejects.toMatchObject({ name: "DomainError", code: "conflict" });
    await expectInvariants(db);
  });

  test("tenancy: finance, admins and the statement's publisher read it; nobody else", async ({
    api,
    db,
    factories,
  }) => {
    const { maker, publisher, member, id } = await approvedStatement(db, factories, api);
    await factories.createPayoutDetails(publisher, {
      method: "PAYPAL",
      accountHolder: null,
      iban: null,
      bic: null,
      paypalEmail: "payee@example.com",
    });
    expect(await payouts.pay(api, maker, id, "PP-1", ago(HOUR))).toMatchObject({ data: { status: "PAID" } });

    const admin = await caller(db, factories, "ADMIN");
    const otherPublisher = await caller(db, factories, "PUBLISHER", await factories.createPublisher());
    const advertiser = await caller(db, factories, "ADVERTISER", await factories.createAdvertiser());
    for (const who of [maker, admin, member]) {
      expect((await read(api, who, id)).data.paidTo).toMatchObject({
        method: "PAYPAL",
        paypalEmail: "payee@example.com",
      });
    }
    // Someone else's statement does not exist for them: no paidTo, not even its existence.
    for (const who of [otherPublisher, advertiser]) {
      const answer = await read(api, who, id);
      expect(answer).toMatchObject({ __typename: "DomainError", code: "not_found" });
      expect(JSON.stringify(answer)).not.toContain("payee@example.com");
    }
    const anonymous = await gql(api, null, STATEMENT, { id }, { allowErrors: true });
    expect(JSON.stringify(anonymous)).not.toContain("payee@example.com");
  });

  test("a statement whose publisher has no payout details cannot be marked paid; nothing changes", async ({
    api,
    db,
    factories,
  }) => {
    const { maker, publisher, id } = await approvedStatement(db, factories, api);
    const before = await paymentState(db, id);
    const refused = (await gql(api, maker, PAY, { id, reference: "WIRE-1", paidAt: ago(HOUR) })).result;
    expect(refused).toMatchObject({ __typename: "DomainError", code: "conflict", fields: null });
    expect(refused.message).toMatch(/has not entered payout details/);
    expect(await paymentState(db, id)).toEqual(before);
    expect(before.statement).toMatchObject({ status: "APPROVED", paidAt: null, paidTo: null });

    // Once the publisher has entered them, the same payment goes through.
    await factories.createPayoutDetails(publisher);
    expect(await payouts.pay(api, maker, id, "WIRE-1", ago(HOUR))).toMatchObject({
      data: { status: "PAID" },
    });
    await expectInvariants(db);
  });

  test("a bad period, reference, payment date or reason is refused at its argument; nothing changes", async ({
    api,
    db,
    factories,
  }) => {
    const { maker, publisher, id } = await approvedStatement(db, factories, api);
    await factories.createPayoutDetails(publisher);
    const before = await paymentState(db, id);
    const statementCount = await db.payoutStatement.count();
    const tomorrow = new Date(Date.now() + DAY);
    const fieldsOf = async (query: string, variables: Record<string, unknown>) => {
      const result = (await gql(api, maker, query, variables)).result;
      expect(result).toMatchObject({ __typename: "DomainError", code: "invalid_input" });
      return result.fields;
    };

    expect(await fieldsOf(PAY, { id, reference: "   ", paidAt: ago(HOUR) })).toEqual([
      { path: ["reference"], message: "enter the payment reference" },
    ]);
    expect(await fieldsOf(PAY, { id, reference: "W-1", paidAt: tomorrow })).toEqual([
      { path: ["paidAt"], message: "must not be in the future: record a payment once it is made" },
    ]);
    expect(await fieldsOf(VOID, { id, reason: " " })).toEqual([
      { path: ["reason"], message: "enter why this document is voided" },
    ]);
    expect(await fieldsOf(VOID, { id, reason: "x".repeat(501) })).toEqual([
      { path: ["reason"], message: "must be at most 500 characters" },
    ]);
    for (const query of [GENERATE, PREVIEW]) {
      expect(await fieldsOf(query, { periodEnd: tomorrow })).toEqual([
        { path: ["periodEnd"], message: "must not be in the future: a period must have ended" },
      ]);
    }
    expect(await paymentState(db, id)).toEqual(before);
    expect(await db.payoutStatement.count()).toBe(statementCount);
  });
});
