// CHECK constraints from the hand-written part of the initial migration. Each refusal is paired with
// the closest accepted value, so a test cannot pass because the factory's row was invalid anyway.
import { CHECK_VIOLATION, dbErrorOf, expectCheckViolation } from "../src/db-errors.ts";
import { unique } from "../src/factories.ts";
import { describe, expect, test } from "../src/fixtures.ts";

describe("offer terms", () => {
  test("lead-quality thresholds: none negative, a contact limit and period of at least one", async ({
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    for (const bad of [
      { minSecondsToConvert: -1 },
      { duplicateWindowDays: -1 },
      { contactLimit: 0 },
      { contactPeriodHours: 0 },
    ]) {
      await expectCheckViolation(factories.createOffer(advertiser, bad), "offers_quality_thresholds_check");
    }
    const edge = await factories.createOffer(advertiser, {
      minSecondsToConvert: 0,
      duplicateWindowDays: 0,
      contactLimit: 1,
      contactPeriodHours: 1,
    });
    expect(edge.contactLimit).toBe(1);
  });

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

  test("a fallback URL, when set, must be http(s) too", async ({ factories }) => {
    const advertiser = await factories.createAdvertiser();

    for (const fallbackUrl of ["javascript:alert(1)", "//evil.example", "ftp://files.example/x"]) {
      await expectCheckViolation(factories.createOffer(advertiser, { fallbackUrl }), "offers_terms_check");
    }
    expect((await factories.createOffer(advertiser, { fallbackUrl: null })).fallbackUrl).toBeNull();
    const offer = await factories.createOffer(advertiser, { fallbackUrl: "https://advertiser.example/fb" });
    expect(offer.fallbackUrl).toBe("https://advertiser.example/fb");
  });
});

describe("users", () => {
  test("an e-mail with capital letters is refused; its lower-case form is accepted", async ({
    db,
    factories,
  }) => {
    // Straight through Prisma: the factory lower-cases e-mails, as the application must.
    const data = { name: "Mixed Case", role: "ADMIN" as const };
    const email = `${unique("Finance.Lead")}@Test.Leadrail.dev`;

    await expectCheckViolation(db.user.create({ data: { ...data, email } }), "users_email_lower_check");
    const user = await db.user.create({ data: { ...data, email: email.toLowerCase() } });
    expect(user.email).toBe(email.toLowerCase());
    await expectCheckViolation(
      db.user.update({ where: { id: user.id }, data: { email } }),
      "users_email_lower_check",
    );
    // The factory stores an overridden e-mail lower-case.
    const made = await factories.createUser("FINANCE", null, { email: `X${email}` });
    expect(made.email).toBe(`x${email.toLowerCase()}`);
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
    const unpaid = await factories.createConversion(offer, publisher);
    // A clawback needs the conversion paid on an approved statement first (another rule, satisfied here).
    const maker = await factories.createUser("FINANCE");
    const checker = await factories.createUser("FINANCE");
    const paid = await factories.createStatement(publisher, [conversion], { generatedById: maker.id });
    await factories.approveStatement(paid, checker);

    await expectCheckViolation(
      factories.createStatement(publisher, [], {
        total: -5n,
        lines: { create: [{ conversionId: unpaid.id, kind: "PAYOUT", amount: -5n }] },
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
    // The closest accepted values: zero either way.
    await factories.createStatement(publisher, [], {
      lines: { create: [{ conversionId: unpaid.id, kind: "PAYOUT", amount: 0n }] },
    });
    await factories.createStatement(publisher, [], {
      lines: { create: [{ conversionId: conversion.id, kind: "CLAWBACK", amount: 0n }] },
    });
  });

  test("a payment settles exactly one document, with a non-negative amount", async ({ db, factories }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const statement = await factories.createStatement(publisher);
    const invoice = await factories.createInvoice(advertiser);
    const payment = { amount: 0n, currency: "USD", reference: "wire-1", paidAt: new Date() };

    // No document at all: the currency trigger (BEFORE the CHECK) already finds no document currency to
    // match, so either rule may be the one that refuses it.
    const orphan = await dbErrorOf(db.payment.create({ data: payment }));
    expect(orphan.code).toBe(CHECK_VIOLATION);
    expect(orphan.message).toMatch(/payments_target_check|does not match its document/);
    // Both documents (same currency, so only the target rule is broken).
    await expectCheckViolation(
      db.payment.create({ data: { ...payment, statementId: statement.id, invoiceId: invoice.id } }),
      "payments_target_check",
    );
    await expectCheckViolation(factories.createPayment(statement, { amount: -1n }), "payments_target_check");
    expect((await factories.createPayment(statement)).invoiceId).toBeNull();
    expect((await factories.createPayment(invoice)).statementId).toBeNull();
  });

  test("a payment is in its document's currency", async ({ db, factories }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher({ payoutCurrency: "EUR" });
    const statement = await factories.createStatement(publisher);
    const invoice = await factories.createInvoice(advertiser, [], { currency: "GBP" });

    await expectCheckViolation(
      factories.createPayment(statement, { currency: "USD" }),
      /payment currency USD does not match its document \(EUR\)/,
    );
    await expectCheckViolation(
      factories.createPayment(invoice, { currency: "EUR" }),
      /payment currency EUR does not match its document \(GBP\)/,
    );
    const settled = await factories.createPayment(statement);
    expect(settled.currency).toBe("EUR");
    expect((await factories.createPayment(invoice)).currency).toBe("GBP");
    // Nor can a recorded payment be changed to another currency or moved to a document in another one.
    await expectCheckViolation(
      db.payment.update({ where: { id: settled.id }, data: { currency: "USD" } }),
      /payment currency USD does not match its document \(EUR\)/,
    );
    await expectCheckViolation(
      db.payment.update({ where: { id: settled.id }, data: { statementId: null, invoiceId: invoice.id } }),
      /payment currency EUR does not match its document \(GBP\)/,
    );
  });
});
