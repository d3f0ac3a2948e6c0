// CHECK constraints from the hand-written part of the initial migration. Each refusal is paired with
// the closest accepted value, so a test cannot pass because the factory's row was invalid anyway.
import { expectCheckViolation } from "../src/db-errors.ts";
import { describe, expect, test } from "../src/fixtures.ts";

describe("offer terms", () => {
  test("a negative payout or revenue is refused; zero is allowed", async ({ factories }) => {
    const advertiser = await factories.createAdvertiser();

    await expectCheckViolation(
      factories.createOffer(advertiser, { defaultPayout: -1n }),
      "offers_terms_check",
    );
    await expectCheckViolation(
      factories.createOffer(advertiser, { defaultRevenue: -1n }),
      "offers_terms_check",
    );
    const free = await factories.createOffer(advertiser, { defaultPayout: 0n, defaultRevenue: 0n });
    expect(free.defaultPayout).toBe(0n);
  });

  test("a currency that is not three capital letters is refused", async ({ factories }) => {
    const advertiser = await factories.createAdvertiser();

    await expectCheckViolation(factories.createOffer(advertiser, { currency: "usd" }), "offers_terms_check");
    await expectCheckViolation(
      factories.createPublisher({ payoutCurrency: "eur" }),
      "publishers_money_check",
    );
    expect((await factories.createOffer(advertiser, { currency: "EUR" })).currency).toBe("EUR");
  });

  test("a REVSHARE offer needs both share percentages, each within 0..10000 bps", async ({ factories }) => {
    const advertiser = await factories.createAdvertiser();
    const revshare = { payoutModel: "REVSHARE" as const };

    await expectCheckViolation(factories.createOffer(advertiser, revshare), "offers_terms_check");
    await expectCheckViolation(
      factories.createOffer(advertiser, { ...revshare, payoutShareBps: 5000 }),
      "offers_terms_check",
    );
    await expectCheckViolation(
      factories.createOffer(advertiser, { ...revshare, payoutShareBps: 10001, revenueShareBps: 6000 }),
      "offers_terms_check",
    );
    const offer = await factories.createOffer(advertiser, {
      ...revshare,
      payoutShareBps: 5000,
      revenueShareBps: 6000,
    });
    expect(offer.payoutShareBps).toBe(5000);
  });

  test("a landing URL that is not http(s) is refused", async ({ factories }) => {
    const advertiser = await factories.createAdvertiser();

    for (const landingUrl of [
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "//evil.example",
    ]) {
      await expectCheckViolation(factories.createOffer(advertiser, { landingUrl }), "offers_terms_check");
    }
    const offer = await factories.createOffer(advertiser, { landingUrl: "HTTP://advertiser.example/lp" });
    expect(offer.landingUrl).toBe("HTTP://advertiser.example/lp");
  });
});

describe("users belong to the account their role says", () => {
  test("a role/account mismatch is refused", async ({ factories }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();

    await expectCheckViolation(
      factories.createUser("ADVERTISER", advertiser, { publisherId: publisher.id }),
      "users_role_account_check",
    );
    await expectCheckViolation(factories.createUser("PUBLISHER"), "users_role_account_check");
    await expectCheckViolation(
      factories.createUser("ADVERTISER", null, { publisherId: publisher.id }),
      "users_role_account_check",
    );
    await expectCheckViolation(
      factories.createUser("ADMIN", null, { advertiserId: advertiser.id }),
      "users_role_account_check",
    );
    await expectCheckViolation(
      factories.createUser("FINANCE", null, { publisherId: publisher.id }),
      "users_role_account_check",
    );
  });

  test("each role with its own account is accepted", async ({ factories }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();

    const users = [
      await factories.createUser("ADVERTISER", advertiser),
      await factories.createUser("PUBLISHER", publisher),
      await factories.createUser("ADMIN"),
      await factories.createUser("FINANCE"),
    ];
    expect(users.map((u) => [u.role, u.advertiserId, u.publisherId])).toEqual([
      ["ADVERTISER", advertiser.id, null],
      ["PUBLISHER", null, publisher.id],
      ["ADMIN", null, null],
      ["FINANCE", null, null],
    ]);
  });
});

describe("conversion money and statement lines", () => {
  test("a conversion with a negative payout or a lowercase currency is refused", async ({ factories }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser);

    await expectCheckViolation(
      factories.createConversion(offer, publisher, { payout: -1n }),
      "conversions_money_check",
    );
    await expectCheckViolation(
      factories.createConversion(offer, publisher, { currency: "Usd" }),
      "conversions_money_check",
    );
    expect((await factories.createConversion(offer, publisher, { payout: 0n })).payout).toBe(0n);
  });

  test("a PAYOUT line is never negative and a CLAWBACK line never positive", async ({ factories }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser);
    const conversion = await factories.createConversion(offer, publisher);

    await expectCheckViolation(
      factories.createStatement(publisher, [], {
        total: -5n,
        lines: { create: [{ conversionId: conversion.id, kind: "PAYOUT", amount: -5n }] },
      }),
      "payout_statement_lines_sign_check",
    );
    await expectCheckViolation(
      factories.createStatement(publisher, [], {
        total: 5n,
        lines: { create: [{ conversionId: conversion.id, kind: "CLAWBACK", amount: 5n }] },
      }),
      "payout_statement_lines_sign_check",
    );
  });

  test("a payment settles exactly one document", async ({ db, factories }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const statement = await factories.createStatement(publisher);
    const invoice = await factories.createInvoice(advertiser);
    const payment = { amount: 0n, currency: "USD", reference: "wire-1", paidAt: new Date() };

    await expectCheckViolation(db.payment.create({ data: payment }), "payments_target_check");
    await expectCheckViolation(
      db.payment.create({ data: { ...payment, statementId: statement.id, invoiceId: invoice.id } }),
      "payments_target_check",
    );
    expect(
      (await db.payment.create({ data: { ...payment, statementId: statement.id } })).invoiceId,
    ).toBeNull();
  });
});
