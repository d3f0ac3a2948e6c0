// A publisher enters where it is paid (issue 14): a wrong IBAN is refused at its field before any
// round trip, a right one is saved (and audited); finance then sees it as "Pay to" on the publisher's
// statement, on screen and in print. Checked in the database; each screen passes axe.
import type { Page } from "playwright-core";
import { setLocale } from "../../dashboard/src/ui/format.ts";
import { describe, expect } from "../src/fixtures.ts";
import { expectAccessible, shot, signIn, test, UI_TIMEOUT, visit } from "./browser.ts";

setLocale("en-US");

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

describe("payment details", { timeout: 240_000 }, () => {
  test("a publisher enters a bank account; finance sees it on the publisher's statement", async ({
    dashboard,
    db,
  }) => {
    // An unpaid statement of a publisher that has entered no details yet (the demo's Social Bees): a
    // paid one would show the details it was paid to instead.
    const statement = await db.payoutStatement.findFirstOrThrow({
      where: {
        status: "DRAFT",
        publisher: { users: { some: { role: "PUBLISHER" } }, payoutDetails: { is: null } },
      },
      orderBy: { id: "asc" },
    });
    const member = await db.user.findFirstOrThrow({
      where: { role: "PUBLISHER", publisherId: statement.publisherId },
    });

    const publisher = await signIn(dashboard, member.email);
    const errors = watchErrors(publisher.page);
    const { page } = publisher;
    await visit(page, "Payment details", "publisher-payment-details", {
      ready: page.getByTestId("current-payout-details"),
    });
    await expectAccessible(page, "payment details");
    expect(await page.getByTestId("current-payout-details").textContent()).toMatch(/None yet/);

    await page.getByLabel("Account holder").fill("Payee Media Ltd");
    // One digit off: the check digits do not match.
    await page.getByLabel("IBAN").fill("DE88 3704 0044 0532 0130 00");
    await page.getByLabel("BIC / SWIFT (optional)").fill("COBADEFF");
    await page.getByRole("button", { name: "Save payment details" }).click();
    const ibanError = page.getByLabel("IBAN");
    await expect.poll(() => ibanError.getAttribute("aria-invalid"), { timeout: UI_TIMEOUT }).toBe("true");
    const describedBy = (await ibanError.getAttribute("aria-describedby")) ?? "";
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(/^This is not a valid IBAN/);
    await expectAccessible(page, "payment details with an error");
    await shot(page, "publisher-payment-details-error");
    expect(await db.publisherPayoutDetails.count({ where: { publisherId: statement.publisherId } })).toBe(0);

    await page.getByLabel("IBAN").fill("de89 3704 0044 0532 0130 00");
    await page.getByRole("button", { name: "Save payment details" }).click();
    await page.getByText("Your payment details are saved.").waitFor();
    expect(
      await db.publisherPayoutDetails.findUniqueOrThrow({ where: { publisherId: statement.publisherId } }),
    ).toMatchObject({
      method: "BANK_TRANSFER",
      accountHolder: "Payee Media Ltd",
      iban: "DE89370400440532013000",
      bic: "COBADEFF",
    });
    await expect
      .poll(() => page.getByTestId("current-payout-details").textContent(), { timeout: UI_TIMEOUT })
      .toContain("DE89 3704 0044 0532 0130 00");
    // The refetch that shows the saved details did not take the confirmation with it.
    expect(await page.getByText("Your payment details are saved.").isVisible()).toBe(true);
    expect(
      await db.auditLog.count({
        where: { action: "publisher.payout_details", entityId: String(statement.publisherId) },
      }),
    ).toBe(1);
    await shot(page, "publisher-payment-details-saved");

    // PayPal instead: the bank fields go away.
    await page.getByLabel("PayPal", { exact: true }).check();
    expect(await page.getByLabel("IBAN").count()).toBe(0);
    await page.getByLabel("PayPal e-mail").fill("payee@example.com");
    await page.getByRole("button", { name: "Save payment details" }).click();
    await expect
      .poll(() => page.getByTestId("current-payout-details").textContent(), { timeout: UI_TIMEOUT })
      .toContain("payee@example.com");
    expect(
      await db.publisherPayoutDetails.findUniqueOrThrow({ where: { publisherId: statement.publisherId } }),
    ).toMatchObject({ method: "PAYPAL", iban: null, paypalEmail: "payee@example.com" });
    expect(errors).toEqual([]);
    await publisher.context.close();

    // Finance opens the statement: "Pay to" names the PayPal address, on screen and in print.
    const finance = await signIn(dashboard, "finance@leadrail.test");
    const financeErrors = watchErrors(finance.page);
    await finance.page.goto(`${dashboard.url}/finance/statements/${statement.id}`);
    const payTo = finance.page.getByTestId("pay-to");
    await expect.poll(() => payTo.textContent(), { timeout: UI_TIMEOUT }).toContain("payee@example.com");
    expect(await payTo.textContent()).toContain("PayPal");
    await finance.page.emulateMedia({ media: "print" });
    expect(await payTo.isVisible()).toBe(true);
    await shot(finance.page, "finance-statement-pay-to-print");
    await finance.page.emulateMedia({ media: "screen" });
    await expectAccessible(finance.page, "statement with pay-to");
    await shot(finance.page, "finance-statement-pay-to");
    expect(financeErrors).toEqual([]);
    await finance.context.close();
  });
});
