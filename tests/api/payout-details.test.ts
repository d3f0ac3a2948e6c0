// Publisher payout details: a publisher enters its bank account or PayPal address (checked with
// ibantools, refused per field), every change is audited with the numbers masked, and the details are
// read only by the publisher itself, finance and admins — on their own and on each statement.
import { callerFor, describe, expect, expectOk, outcome, test } from "./harness.ts";

const SET = `mutation($input: PayoutDetailsInput!, $publisherId: ID) {
  setPayoutDetails(input: $input, publisherId: $publisherId) {
    __typename
    ... on DomainError { code message fields { path message } }
    ... on MutationSetPayoutDetailsSuccess { data { method accountHolder iban ibanFormatted bic paypalEmail } }
  } }`;
const MINE = `{ myPayoutDetails { method iban paypalEmail } }`;
const OF = `query($id: ID!) { publisherPayoutDetails(publisherId: $id) { method accountHolder iban bic } }`;
const STATEMENT = `query($id: ID!) { payoutStatement(id: $id) {
  __typename ... on DomainError { code } ... on QueryPayoutStatementSuccess { data { id payoutDetails { method iban } } } } }`;

const BANK = {
  method: "BANK_TRANSFER",
  accountHolder: "Native Pulse GmbH",
  iban: "de89 3704 0044 0532 0130 00",
  bic: "COBADEFFXXX",
};

describe("publisher payout details", () => {
  test("a publisher saves a bank account, then PayPal; each change audited with the numbers masked", async ({
    api,
    db,
    factories,
  }) => {
    const publisher = await factories.createPublisher();
    const member = await callerFor(db, "PUBLISHER", publisher);
    expect((await api.call(MINE, {}, member.key)).data?.myPayoutDetails).toBeNull();

    expect(expectOk(await api.call(SET, { input: BANK }, member.key), "setPayoutDetails")).toEqual({
      method: "BANK_TRANSFER",
      accountHolder: "Native Pulse GmbH",
      iban: "DE89370400440532013000",
      ibanFormatted: "DE89 3704 0044 0532 0130 00",
      bic: "COBADEFFXXX",
      paypalEmail: null,
    });
    expect(
      await db.publisherPayoutDetails.findUniqueOrThrow({ where: { publisherId: publisher.id } }),
    ).toMatchObject({ method: "BANK_TRANSFER", iban: "DE89370400440532013000", updatedById: member.user.id });
    // Saving the same again changes nothing.
    expect(outcome(await api.call(SET, { input: BANK }, member.key), "setPayoutDetails")).toMatchObject({
      ok: false,
      code: "conflict",
    });

    expect(
      expectOk(
        await api.call(
          SET,
          { input: { method: "PAYPAL", paypalEmail: "Money@NativePulse.example" } },
          member.key,
        ),
        "setPayoutDetails",
      ),
    ).toMatchObject({
      method: "PAYPAL",
      iban: null,
      accountHolder: null,
      paypalEmail: "money@nativepulse.example",
    });

    const entries = await db.auditLog.findMany({
      where: { action: "publisher.payout_details", entityId: String(publisher.id) },
      orderBy: { id: "asc" },
    });
    expect(entries.map((e) => [e.before, e.after])).toEqual([
      [
        null,
        {
          method: "BANK_TRANSFER",
          accountHolder: "Native Pulse GmbH",
          iban: "DE89…3000",
          bic: "COBADEFFXXX",
          paypalEmail: null,
        },
      ],
      [
        {
          method: "BANK_TRANSFER",
          accountHolder: "Native Pulse GmbH",
          iban: "DE89…3000",
          bic: "COBADEFFXXX",
          paypalEmail: null,
        },
        {
          method: "PAYPAL",
          accountHolder: null,
          iban: null,
          bic: null,
          paypalEmail: "m…@nativepulse.example",
        },
      ],
    ]);
    expect(JSON.stringify(entries.map((e) => [e.before, e.after]))).not.toContain("0532013000");
  });

  test("bad details are refused at their fields and change nothing", async ({ api, db, factories }) => {
    const publisher = await factories.createPublisher();
    const member = await callerFor(db, "PUBLISHER", publisher);
    const answer = await api.call(
      SET,
      { input: { method: "BANK_TRANSFER", accountHolder: " ", iban: "DE88370400440532013000", bic: "XX" } },
      member.key,
    );
    const result = answer.data?.setPayoutDetails;
    expect(result).toMatchObject({ __typename: "DomainError", code: "invalid_input" });
    expect(result.fields.map((f: { path: string[] }) => f.path.join("."))).toEqual([
      "input.accountHolder",
      "input.iban",
      "input.bic",
    ]);
    const paypal = await api.call(SET, { input: { method: "PAYPAL" } }, member.key);
    expect(paypal.data?.setPayoutDetails.fields).toEqual([
      { path: ["input", "paypalEmail"], message: "enter the e-mail address of the PayPal account" },
    ]);
    expect(await db.publisherPayoutDetails.count({ where: { publisherId: publisher.id } })).toBe(0);
  });

  test("tenancy: only the publisher itself, finance and admins read them; only it (or an admin) writes them", async ({
    api,
    db,
    factories,
  }) => {
    const publisher = await factories.createPublisher();
    const member = await callerFor(db, "PUBLISHER", publisher);
    const otherPublisher = await callerFor(db, "PUBLISHER", await factories.createPublisher());
    const advertiser = await factories.createAdvertiser();
    const advertiserUser = await callerFor(db, "ADVERTISER", advertiser);
    const finance = await callerFor(db, "FINANCE");
    const admin = await callerFor(db, "ADMIN");
    expectOk(await api.call(SET, { input: BANK }, member.key), "setPayoutDetails");
    const statement = await factories.createStatement(publisher);

    const read = async (key: string) => {
      const answer = await api.call(OF, { id: publisher.id }, key);
      return answer.errors?.[0]?.extensions?.code ?? answer.data?.publisherPayoutDetails?.iban;
    };
    expect(await read(member.key)).toBe("DE89370400440532013000");
    expect(await read(finance.key)).toBe("DE89370400440532013000");
    expect(await read(admin.key)).toBe("DE89370400440532013000");
    expect(await read(otherPublisher.key)).toBe("not_found");
    expect(await read(advertiserUser.key)).toBe("forbidden");
    expect((await api.call(OF, { id: publisher.id })).errors?.[0]?.extensions?.code).toBe("unauthenticated");
    // Another publisher's own query shows its own (none), never this one.
    expect((await api.call(MINE, {}, otherPublisher.key)).data?.myPayoutDetails).toBeNull();

    // On the statement: finance and the publisher see them; another publisher cannot open the statement.
    const onStatement = async (key: string) => {
      const answer = await api.call(STATEMENT, { id: statement.id }, key);
      const result = answer.data?.payoutStatement;
      return result?.__typename === "DomainError" ? result.code : result?.data?.payoutDetails?.iban;
    };
    expect(await onStatement(finance.key)).toBe("DE89370400440532013000");
    expect(await onStatement(member.key)).toBe("DE89370400440532013000");
    expect(await onStatement(otherPublisher.key)).toBe("not_found");

    // Writes: another publisher's publisherId is ignored (it writes its own); finance cannot write;
    // an admin can correct them.
    expectOk(
      await api.call(
        SET,
        { input: { method: "PAYPAL", paypalEmail: "x@y.example" }, publisherId: publisher.id },
        otherPublisher.key,
      ),
      "setPayoutDetails",
    );
    expect(
      (await db.publisherPayoutDetails.findUniqueOrThrow({ where: { publisherId: publisher.id } })).method,
    ).toBe("BANK_TRANSFER");
    expect(
      outcome(
        await api.call(
          SET,
          { input: { method: "PAYPAL", paypalEmail: "f@y.example" }, publisherId: publisher.id },
          finance.key,
        ),
        "setPayoutDetails",
      ),
    ).toMatchObject({ ok: false, code: "forbidden" });
    expectOk(
      await api.call(
        SET,
        { input: { method: "PAYPAL", paypalEmail: "fixed@y.example" }, publisherId: publisher.id },
        admin.key,
      ),
      "setPayoutDetails",
    );
    expect(
      (await db.publisherPayoutDetails.findUniqueOrThrow({ where: { publisherId: publisher.id } }))
        .paypalEmail,
    ).toBe("fixed@y.example");
  });
});
