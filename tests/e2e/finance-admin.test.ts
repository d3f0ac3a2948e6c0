// Finance and admin do their whole job in the browser (issue 14): finance previews a generation run
// and generates exactly what it showed, opens any document to see its lines and acts on it (approve
// under the two-person rule, mark paid, void) through dialogs; admins block a publisher from an offer
// through a dialog. Each step is checked in the database; each screen passes axe.
import { readFileSync } from "node:fs";
import { hashApiKey } from "@leadrail/db";
import type { BrowserContext, Page } from "playwright-core";
import { formatMoney, setLocale } from "../../dashboard/src/ui/format.ts";
import { describe, expect } from "../src/fixtures.ts";
import {
  expectAccessible,
  loadAllRows,
  parseCsv,
  pickOption,
  shot,
  signIn,
  test,
  UI_TIMEOUT,
  visit,
} from "./browser.ts";

setLocale("en-US");

/** Fails the test on any console error or uncaught page error, as a user would see a broken page. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

async function as(dashboard: Parameters<typeof signIn>[0], email: string) {
  const session = await signIn(dashboard, email);
  return { ...session, errors: watchErrors(session.page) };
}

async function done(session: { context: BrowserContext; errors: string[] }) {
  expect(session.errors).toEqual([]);
  await session.context.close();
}

/** The names of the GraphQL operations the page sends from now on (to tell no round trip was made). */
function graphqlOperations(page: Page): string[] {
  const names: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!url.pathname.endsWith("/graphql")) return;
    // urql sends queries by GET (the operation in the URL) and mutations by POST.
    const body = request.method() === "POST" ? (request.postDataJSON() as Record<string, unknown>) : null;
    const query = String(body?.query ?? url.searchParams.get("query") ?? "");
    names.push(/(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "?");
  });
  return names;
}

/** A field's error as the form shows it: aria-invalid on the control, the text it is described by. */
async function fieldError(control: ReturnType<Page["getByLabel"]>): Promise<string | null> {
  await expect.poll(() => control.getAttribute("aria-invalid"), { timeout: UI_TIMEOUT }).toBe("true");
  return control.evaluate((element) => {
    for (const id of (element.getAttribute("aria-describedby") ?? "").split(" ")) {
      const described = id ? document.getElementById(id) : null;
      if (described?.classList.contains("field-error")) return described.textContent;
    }
    return null;
  });
}

/** A DataTable's body rows as cell texts. */
async function tableRows(page: Page, name: string): Promise<string[][]> {
  return page
    .getByRole("table", { name, exact: true })
    .locator(":scope > tbody > tr")
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll("td")].map((td) => td.textContent ?? "")),
    );
}

describe("finance and admin", { timeout: 240_000 }, () => {
  test("finance previews statements and invoices for a period, then generates exactly the preview", async ({
    dashboard,
    db,
  }) => {
    const finance = await db.user.findUniqueOrThrow({ where: { email: "finance@leadrail.test" } });
    const session = await as(dashboard, finance.email);
    const { page } = session;
    await visit(page, "Generate", "finance-generate", { heading: "Generate documents" });
    await expectAccessible(page, "generate");

    // The period must have ended: today is refused at the field by the API's own rule, before any
    // round trip (no preview is asked for), and nothing is written.
    const sent = graphqlOperations(page);
    const documentCounts = async () => [await db.payoutStatement.count(), await db.advertiserInvoice.count()];
    const countsBefore = await documentCounts();
    const today = new Date().toISOString().slice(0, 10);
    const day = page.getByLabel("Last day of the period (UTC)");
    await day.fill(today);
    await page.getByRole("button", { name: "Preview" }).click();
    expect(await fieldError(day)).toBe("The period must have ended: pick yesterday or an earlier day");
    await shot(page, "finance-generate-period-error");
    await expectAccessible(page, "generate with a period error");
    expect(sent.filter((name) => /Preview|Generate/.test(name))).toEqual([]);
    expect(await documentCounts()).toEqual(countsBefore);

    for (const kind of ["statements", "invoices"] as const) {
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const periodEnd = new Date(`${today}T00:00:00Z`);
      await page
        .getByLabel(kind === "statements" ? "Payout statements (to publishers)" : "Advertiser invoices")
        .check();
      await page.getByLabel("Last day of the period (UTC)").fill(yesterday);
      const counts = async () =>
        kind === "statements"
          ? [await db.payoutStatement.count(), await db.payoutStatementLine.count()]
          : [await db.advertiserInvoice.count(), await db.invoiceLine.count()];
      const before = await counts();
      await page.getByRole("button", { name: "Preview" }).click();
      const table = page.getByRole("table", { name: `${kind} to generate`, exact: true });
      await table.waitFor();
      await shot(page, `finance-generate-preview-${kind}`);
      await expectAccessible(page, `generate preview ${kind}`);
      // A preview writes nothing.
      expect(await counts()).toEqual(before);

      const shown = (await tableRows(page, `${kind} to generate`)).map(
        ([account, currency, lines, , , total]) => ({
          account,
          currency,
          lines: Number(lines?.replace(/\D/g, "")),
          total,
        }),
      );
      expect(shown.length).toBeGreaterThan(0);

      // One account's lines, as they will be written.
      const first = shown[0];
      await table
        .getByRole("button", { name: first?.account ?? "" })
        .first()
        .click();
      const lines = page.getByRole("table", { name: `Lines for ${first?.account} in ${first?.currency}` });
      await lines.waitFor();
      expect(await lines.locator("tbody tr").count()).toBe(Math.min(first?.lines ?? 0, 25));
      await shot(page, `finance-generate-lines-${kind}`);

      await page.getByRole("button", { name: new RegExp(`^Generate \\d+ ${kind}$`) }).click();
      await expect
        .poll(() => page.getByRole("status").textContent(), { timeout: UI_TIMEOUT })
        .toMatch(new RegExp(`Generated ${shown.length} draft ${kind}`));
      await shot(page, `finance-generate-done-${kind}`);

      // The database now holds exactly what the preview showed, generated by this user, as drafts.
      const created =
        kind === "statements"
          ? (
              await db.payoutStatement.findMany({
                where: { generatedById: finance.id, periodEnd },
                include: { publisher: true, _count: { select: { lines: true } } },
              })
            ).map((d) => ({ ...d, account: d.publisher.name }))
          : (
              await db.advertiserInvoice.findMany({
                where: { generatedById: finance.id, periodEnd },
                include: { advertiser: true, _count: { select: { lines: true } } },
              })
            ).map((d) => ({ ...d, account: d.advertiser.name }));
      const sortKey = (row: { account?: string; currency?: string }) => `${row.account}/${row.currency}`;
      expect(
        created
          .map((d) => ({
            account: d.account,
            currency: d.currency,
            lines: d._count.lines,
            total: formatMoney(d.total, d.currency),
          }))
          .sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
      ).toEqual([...shown].sort((a, b) => sortKey(a).localeCompare(sortKey(b))));
      expect(created.every((d) => d.status === "DRAFT")).toBe(true);
      // Each new document is one click away.
      const link = page.getByRole("status").getByRole("link").first();
      expect(await link.getAttribute("href")).toMatch(new RegExp(`^/finance/${kind}/\\d+$`));
    }
    await done(session);
  });

  test("finance opens a statement, sees its lines, approves (second person), marks it paid, exports and prints", async ({
    dashboard,
    db,
  }) => {
    const generator = await db.user.findUniqueOrThrow({ where: { email: "finance@leadrail.test" } });
    const approver = await db.user.findUniqueOrThrow({ where: { email: "finance2@leadrail.test" } });
    // A publisher with payout details: a statement is paid only into them.
    const statement = await db.payoutStatement.findFirstOrThrow({
      where: {
        status: "DRAFT",
        generatedById: generator.id,
        lines: { some: {} },
        publisher: { payoutDetails: { isNot: null } },
      },
      include: {
        publisher: { include: { payoutDetails: true } },
        lines: { include: { conversion: { include: { offer: true } } } },
      },
      orderBy: { id: "asc" },
    });
    const heading = `Statement ${statement.id}`;

    // The generator opens it from the queue: lines are there, Approve is disabled and says why.
    const first = await as(dashboard, generator.email);
    await first.page.getByRole("link", { name: `Open statement ${statement.id}` }).click();
    await first.page.getByRole("heading", { level: 1, name: heading }).waitFor();
    const lines = first.page.getByRole("table", { name: `Lines of statement ${statement.id}` });
    await lines.locator("tbody tr").first().waitFor();
    expect(await lines.locator("tbody tr").count()).toBe(Math.min(statement.lines.length, 100));
    expect(await first.page.getByTestId("document-total").textContent()).toBe(
      formatMoney(statement.total, statement.currency),
    );
    const line = statement.lines[0];
    const row = lines.locator("tbody tr", { hasText: line?.conversionId ?? "" });
    expect(await row.textContent()).toContain(line?.conversion.offer.name);
    expect(await row.textContent()).toContain(statement.publisher.name);
    expect(await row.textContent()).toContain(formatMoney(line?.amount ?? 0n, statement.currency));
    const approve = first.page.getByRole("button", { name: "Approve" });
    expect(await approve.isDisabled()).toBe(true);
    expect(
      await first.page.getByText(/You generated this statement: another finance user approves it/).count(),
    ).toBe(1);
    await shot(first.page, "finance-statement-detail-generator");
    await expectAccessible(first.page, "statement detail (generator)");
    await done(first);

    // The second finance user approves, then marks it paid through the dialog.
    const second = await as(dashboard, approver.email);
    const { page } = second;
    await page.goto(`${dashboard.url}/finance/statements/${statement.id}`);
    await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    await page.getByRole("button", { name: "Approve" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent(), { timeout: UI_TIMEOUT })
      .toBe(`Statement ${statement.id} approved.`);
    expect(await db.payoutStatement.findUniqueOrThrow({ where: { id: statement.id } })).toMatchObject({
      status: "APPROVED",
      approvedById: approver.id,
    });

    const markPaid = page.getByRole("button", { name: "Mark paid…" });
    await markPaid.click();
    const dialog = page.getByRole("dialog", { name: `Mark statement ${statement.id} paid` });
    await dialog.waitFor();
    await expectAccessible(page, "mark paid dialog");
    // Esc closes it and puts focus back on the button that opened it; nothing is recorded.
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await markPaid.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await db.payment.count({ where: { statementId: statement.id } })).toBe(0);

    // Before payment the statement shows where to send the money: the publisher's details now.
    const details = statement.publisher.payoutDetails;
    if (!details?.accountHolder && !details?.paypalEmail) throw new Error("seeded details expected");
    const payee = details.accountHolder ?? details.paypalEmail ?? "";
    expect(await page.getByTestId("pay-to").textContent()).toContain(payee);

    // Mistakes show at their fields before any round trip: no reference, a day still to come.
    const sent = graphqlOperations(page);
    await markPaid.click();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await dialog.getByLabel("Paid on").fill(tomorrow);
    await dialog.getByRole("button", { name: "Mark paid" }).click();
    expect(await fieldError(dialog.getByLabel("Payment reference"))).toBe("Enter the payment reference");
    expect(await fieldError(dialog.getByLabel("Paid on"))).toBe(
      "Must not be in the future: record a payment once it is made",
    );
    await shot(page, "finance-statement-mark-paid-errors");
    await expectAccessible(page, "mark paid dialog with errors");
    expect(sent.filter((name) => name.startsWith("Mark"))).toEqual([]);
    expect(await db.payment.count({ where: { statementId: statement.id } })).toBe(0);
    expect((await db.payoutStatement.findUniqueOrThrow({ where: { id: statement.id } })).status).toBe(
      "APPROVED",
    );

    await dialog.getByLabel("Payment reference").fill("WIRE-E2E-DETAIL");
    await dialog.getByLabel("Paid on").fill(new Date().toISOString().slice(0, 10));
    await shot(page, "finance-statement-mark-paid-dialog");
    await dialog.getByRole("button", { name: "Mark paid" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent(), { timeout: UI_TIMEOUT })
      .toBe(`Statement ${statement.id} marked paid.`);
    const paid = await db.payoutStatement.findUniqueOrThrow({
      where: { id: statement.id },
      include: { payments: true },
    });
    expect(paid.status).toBe("PAID");
    expect(paid.payments.map((p) => [p.reference, p.amount, p.recordedById])).toEqual([
      ["WIRE-E2E-DETAIL", statement.total, approver.id],
    ]);
    await page.getByRole("table", { name: "Payments" }).getByText("WIRE-E2E-DETAIL").waitFor();
    expect(sent.filter((name) => name.startsWith("Mark"))).toEqual(["MarkStatementPaid"]);

    // Paid, it says where the money went: the details as they were, copied with the payment ...
    expect(paid.paidTo).toMatchObject({ method: details.method, iban: details.iban });
    const paidTo = page.getByTestId("paid-to");
    await paidTo.waitFor();
    expect(await paidTo.textContent()).toContain(payee);
    expect(await page.getByTestId("pay-to").count()).toBe(0);
    // ... which the publisher's later change does not rewrite.
    await db.publisherPayoutDetails.update({
      where: { publisherId: statement.publisherId },
      data: {
        method: "PAYPAL",
        accountHolder: null,
        iban: null,
        bic: null,
        paypalEmail: "moved@payee.example",
      },
    });
    await page.reload();
    await page.getByTestId("paid-to").waitFor();
    expect(await page.getByTestId("paid-to").textContent()).toContain(payee);
    expect(await page.getByTestId("paid-to").textContent()).not.toContain("moved@payee.example");
    await shot(page, "finance-statement-paid-to");

    // The CSV of the lines: one row per line, raw amounts that add up to the total.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    const [header, ...rows] = parseCsv(readFileSync((await download.path()) ?? "", "utf8").trimEnd());
    expect(header).toEqual([
      "line_id",
      "conversion_id",
      "offer_id",
      "offer",
      "converted_at",
      "kind",
      "amount",
      "currency",
    ]);
    expect(rows.map((r) => r[1]).sort()).toEqual(statement.lines.map((l) => l.conversionId).sort());
    const cents = rows.reduce((sum, r) => sum + BigInt((r[6] ?? "0").replace(".", "")), 0n);
    expect(cents).toBe(statement.total);

    // Printed, it is the document alone: no navigation, no buttons.
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("navigation", { name: "Main" }).isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Print" }).isVisible()).toBe(false);
    expect(await page.getByRole("heading", { level: 1, name: heading }).isVisible()).toBe(true);
    await shot(page, "finance-statement-print");
    await page.emulateMedia({ media: "screen" });
    await shot(page, "finance-statement-paid");
    await done(second);
  });

  test("finance voids an invoice with a reason in a dialog; the advertiser opens its invoice read-only", async ({
    dashboard,
    db,
  }) => {
    const approver = await db.user.findUniqueOrThrow({ where: { email: "finance2@leadrail.test" } });
    const invoice = await db.advertiserInvoice.findFirstOrThrow({
      where: { status: "DRAFT", lines: { some: {} } },
      orderBy: { id: "asc" },
    });
    const session = await as(dashboard, approver.email);
    const { page } = session;
    await visit(page, "Invoices", "finance-invoices-queue", {
      heading: "Advertiser invoices",
      ready: page.getByRole("link", { name: `Open invoice ${invoice.id}` }),
    });
    await expectAccessible(page, "invoice queue");
    await page.getByRole("link", { name: `Open invoice ${invoice.id}` }).click();
    await page.getByRole("heading", { level: 1, name: `Invoice ${invoice.id}` }).waitFor();
    await page.getByRole("button", { name: "Void…" }).click();
    const dialog = page.getByRole("dialog", { name: `Void invoice ${invoice.id}` });
    // No reason: refused at the field before any round trip; the invoice is untouched.
    const sent = graphqlOperations(page);
    await dialog.getByLabel("Reason").fill("   ");
    await dialog.getByRole("button", { name: "Void invoice" }).click();
    expect(await fieldError(dialog.getByLabel("Reason"))).toBe("Enter why this document is voided");
    await shot(page, "finance-invoice-void-error");
    expect(sent.filter((name) => name.startsWith("Void"))).toEqual([]);
    expect((await db.advertiserInvoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe(
      "DRAFT",
    );
    await dialog.getByLabel("Reason").fill("billed twice by mistake");
    await dialog.getByRole("button", { name: "Void invoice" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent(), { timeout: UI_TIMEOUT })
      .toBe(`Invoice ${invoice.id} voided.`);
    const voided = await db.advertiserInvoice.findUniqueOrThrow({ where: { id: invoice.id } });
    expect(voided.status).toBe("VOID");
    expect(voided.voidedAt).not.toBeNull();
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entityType: "AdvertiserInvoice", entityId: String(invoice.id), action: "invoice.voided" },
    });
    expect(audit.actorUserId).toBe(approver.id);
    expect(JSON.stringify(audit.after)).toContain("billed twice by mistake");
    await shot(page, "finance-invoice-voided");
    await done(session);

    // The advertiser: its own invoice opens read-only from its Invoices screen.
    const owned = await db.advertiserInvoice.findFirstOrThrow({
      where: { advertiserId: invoice.advertiserId, lines: { some: {} } },
      include: { _count: { select: { lines: true } } },
      orderBy: { id: "desc" },
    });
    const user = await db.user.findFirstOrThrow({ where: { advertiserId: invoice.advertiserId } });
    const advertiser = await as(dashboard, user.email);
    await visit(advertiser.page, "Invoices", "advertiser-invoices", {
      ready: advertiser.page.getByRole("link", { name: `Open invoice ${owned.id}` }),
    });
    await advertiser.page.getByRole("link", { name: `Open invoice ${owned.id}` }).click();
    await advertiser.page.getByRole("heading", { level: 1, name: `Invoice ${owned.id}` }).waitFor();
    const lines = advertiser.page.getByRole("table", { name: `Lines of invoice ${owned.id}` });
    await lines.locator("tbody tr").first().waitFor();
    expect(await lines.locator("tbody tr").count()).toBe(Math.min(owned._count.lines, 100));
    for (const name of ["Approve", "Void…", "Mark paid…"]) {
      expect(await advertiser.page.getByRole("button", { name }).count()).toBe(0);
    }
    await advertiser.page.getByRole("button", { name: "Print" }).waitFor();
    await shot(advertiser.page, "advertiser-invoice-detail");
    await expectAccessible(advertiser.page, "advertiser invoice detail");
    await done(advertiser);
  });

  test("a statement whose publisher has no payout details cannot be marked paid: the dialog says why", async ({
    dashboard,
    db,
  }) => {
    const generator = await db.user.findUniqueOrThrow({ where: { email: "finance@leadrail.test" } });
    const approver = await db.user.findUniqueOrThrow({ where: { email: "finance2@leadrail.test" } });
    // The demo's Social Bees has entered no details yet; its draft is approved as finance would.
    const statement = await db.payoutStatement.findFirstOrThrow({
      where: { status: "DRAFT", generatedById: generator.id, publisher: { payoutDetails: { is: null } } },
      orderBy: { id: "asc" },
    });
    await db.payoutStatement.update({
      where: { id: statement.id },
      data: { status: "APPROVED", approvedById: approver.id, approvedAt: new Date() },
    });
    const session = await as(dashboard, approver.email);
    const { page } = session;
    await page.goto(`${dashboard.url}/finance/statements/${statement.id}`);
    await page.getByRole("heading", { level: 1, name: `Statement ${statement.id}` }).waitFor();
    expect(await page.getByTestId("pay-to").textContent()).toMatch(/No payout details entered yet/);

    await page.getByRole("button", { name: "Mark paid…" }).click();
    const dialog = page.getByRole("dialog", { name: `Mark statement ${statement.id} paid` });
    await dialog.getByLabel("Payment reference").fill("WIRE-NOWHERE");
    await dialog.getByRole("button", { name: "Mark paid" }).click();
    await expect
      .poll(() => dialog.getByRole("alert").textContent(), { timeout: UI_TIMEOUT })
      .toMatch(/has not entered payout details yet, so there is nowhere to send the money/);
    await shot(page, "finance-statement-pay-refused");
    await expectAccessible(page, "mark paid refused");
    expect(await db.payoutStatement.findUniqueOrThrow({ where: { id: statement.id } })).toMatchObject({
      status: "APPROVED",
      paidAt: null,
      paidTo: null,
    });
    expect(await db.payment.count({ where: { statementId: statement.id } })).toBe(0);
    await done(session);
  });

  test("a publisher opens its own statement, and another publisher's statement is not there", async ({
    dashboard,
    db,
  }) => {
    const own = await db.payoutStatement.findFirstOrThrow({
      where: { lines: { some: {} }, publisher: { users: { some: { role: "PUBLISHER" } } } },
      include: { _count: { select: { lines: true } } },
      orderBy: { id: "asc" },
    });
    const other = await db.payoutStatement.findFirstOrThrow({
      where: { publisherId: { not: own.publisherId } },
    });
    const user = await db.user.findFirstOrThrow({ where: { publisherId: own.publisherId } });
    const session = await as(dashboard, user.email);
    const { page } = session;
    await visit(page, "Statements", "publisher-statements", {
      ready: page.getByRole("link", { name: `Open statement ${own.id}` }),
    });
    await page.getByRole("link", { name: `Open statement ${own.id}` }).click();
    await page.getByRole("heading", { level: 1, name: `Statement ${own.id}` }).waitFor();
    const lines = page.getByRole("table", { name: `Lines of statement ${own.id}` });
    await lines.locator("tbody tr").first().waitFor();
    expect(await lines.locator("tbody tr").count()).toBe(Math.min(own._count.lines, 100));
    expect(await page.getByRole("button", { name: "Approve" }).count()).toBe(0);
    await expectAccessible(page, "publisher statement detail");
    await shot(page, "publisher-statement-detail");

    await page.goto(`${dashboard.url}/statements/${other.id}`);
    await page.getByRole("heading", { level: 1, name: `Statement ${other.id}` }).waitFor();
    await expect
      .poll(() => page.getByRole("alert").textContent(), { timeout: UI_TIMEOUT })
      .toBe("This statement does not exist or is not yours.");
    expect(await page.getByRole("table").count()).toBe(0);
    await done(session);
  });

  test("admin blocks a publisher from an offer through a dialog: a reason is required, Esc cancels", async ({
    dashboard,
    db,
  }) => {
    const session = await as(dashboard, "admin@leadrail.test");
    const { page } = session;
    await visit(page, "Fraud report", "admin-fraud-report", { ready: page.locator("tr[data-fraud-row]") });
    await expectAccessible(page, "fraud report");
    const row = page
      .locator("tr[data-fraud-row]")
      .filter({ has: page.getByRole("button", { name: /^Block / }) })
      .first();
    const [publisherId, offerId] = ((await row.getAttribute("data-fraud-row")) ?? "").split("-").map(Number);
    const where = { offerId_publisherId: { offerId: offerId ?? 0, publisherId: publisherId ?? 0 } };
    const blockedBefore = (await db.offerApplication.findUnique({ where }))?.blockedAt ?? null;
    expect(blockedBefore).toBeNull();
    const button = row.getByRole("button", { name: /^Block / });
    const name = (await button.getAttribute("aria-label")) ?? "";

    await button.click();
    const dialog = page.getByRole("dialog", { name });
    await dialog.waitFor();
    await expectAccessible(page, "block dialog");
    await shot(page, "admin-fraud-block-dialog");
    // The reason is required: an empty submit does nothing.
    const reason = dialog.getByLabel("Reason for the block");
    expect(await reason.evaluate((input: HTMLInputElement) => input.required)).toBe(true);
    await dialog.getByRole("button", { name: "Block publisher" }).click();
    expect(await reason.evaluate((input: HTMLInputElement) => input.validity.valueMissing)).toBe(true);
    expect(await dialog.isVisible()).toBe(true);
    // Esc closes it, focus returns to the row's button, and nothing is blocked.
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
    expect((await db.offerApplication.findUnique({ where }))?.blockedAt ?? null).toBeNull();

    await button.click();
    await reason.fill("sends bot traffic");
    await dialog.getByRole("button", { name: "Block publisher" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent(), { timeout: UI_TIMEOUT })
      .toMatch(/is blocked from the offer/);
    const application = await db.offerApplication.findUniqueOrThrow({ where });
    expect(application.blockedAt).not.toBeNull();
    expect(application.decisionReason).toBe("sends bot traffic");
    const blockedRow = page.locator(`tr[data-fraud-row="${publisherId}-${offerId}"]`);
    await expect
      .poll(() => blockedRow.getByTestId("blocked").textContent(), { timeout: UI_TIMEOUT })
      .toMatch(/^Blocked /);
    await shot(page, "admin-fraud-blocked");
    await done(session);
  });

  test("admin creates, suspends and reactivates accounts, manages users, and creates a once-shown API key and revokes it", async ({
    dashboard,
    db,
  }) => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@leadrail.test" } });
    const session = await as(dashboard, admin.email);
    const { page } = session;
    const status = () => page.getByRole("status").first().textContent();

    // Accounts: a new advertiser, its postback secret shown once.
    await visit(page, "Accounts", "admin-accounts", {
      ready: page.getByRole("table", { name: "Publishers" }),
    });
    await expectAccessible(page, "accounts");
    await page.getByLabel("Advertiser name").fill("E2E Insurance Co");
    await page.getByRole("button", { name: "Create advertiser" }).click();
    const secret = await page.getByTestId("postback-secret").textContent();
    const advertiser = await db.advertiser.findFirstOrThrow({ where: { name: "E2E Insurance Co" } });
    expect(advertiser.postbackSecret).toBe(secret);
    expect(advertiser.status).toBe("ACTIVE");

    // A new publisher: a minimum that is not an amount is refused next to the field, nothing is created.
    await page.getByLabel("Publisher name").fill("E2E Media");
    await page.getByLabel("Payout currency").selectOption("EUR");
    await page.getByLabel("Minimum payout").fill("twelve");
    await page.getByRole("button", { name: "Create publisher" }).click();
    await expect
      .poll(() => fieldError(page.getByLabel("Minimum payout")), { timeout: UI_TIMEOUT })
      .toBe("Enter an amount in EUR, such as 50.00.");
    expect(await db.publisher.count({ where: { name: "E2E Media" } })).toBe(0);
    await page.getByLabel("Minimum payout").fill("25.50");
    await page.getByRole("button", { name: "Create publisher" }).click();
    await page.getByText("E2E Media is created.").waitFor();
    expect(await db.publisher.findFirstOrThrow({ where: { name: "E2E Media" } })).toMatchObject({
      payoutCurrency: "EUR",
      minimumPayout: 2550n,
    });

    // Suspend a publisher with a user: a reason in a dialog; its user can no longer sign in.
    const member = await db.user.findFirstOrThrow({
      where: { role: "PUBLISHER", publisher: { name: "SEO Garden" } },
      include: { publisher: true },
    });
    const publisher = member.publisher;
    if (!publisher) throw new Error("the demo publisher has no account");
    const suspend = page.getByRole("button", { name: `Suspend ${publisher.name}` });
    await suspend.click();
    const dialog = page.getByRole("dialog", { name: `Suspend ${publisher.name}` });
    await dialog.getByLabel("Reason for the suspension").fill("chargebacks under review");
    await shot(page, "admin-accounts-suspend-dialog");
    await dialog.getByRole("button", { name: "Suspend account" }).click();
    await expect.poll(status, { timeout: UI_TIMEOUT }).toBe(`${publisher.name} is suspended.`);
    expect((await db.publisher.findUniqueOrThrow({ where: { id: publisher.id } })).status).toBe("SUSPENDED");
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entityType: "Publisher", entityId: String(publisher.id), action: "publisher.suspend" },
    });
    expect(audit).toMatchObject({
      actorUserId: admin.id,
      after: { status: "SUSPENDED", reason: "chargebacks under review" },
    });
    await shot(page, "admin-accounts-suspended");

    const outsider = await dashboard.browser.newContext();
    const login = await outsider.newPage();
    await login.goto(dashboard.url);
    await login.getByLabel("Email").fill(member.email);
    await login.getByLabel("Password").fill("leadrail-demo");
    await login.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => login.getByRole("alert").textContent(), { timeout: UI_TIMEOUT })
      .toMatch(/suspended/);
    await outsider.close();

    await page.getByRole("button", { name: `Reactivate ${publisher.name}` }).click();
    await expect.poll(status, { timeout: UI_TIMEOUT }).toBe(`${publisher.name} is active again.`);
    expect((await db.publisher.findUniqueOrThrow({ where: { id: publisher.id } })).status).toBe("ACTIVE");

    // Users: a new finance user, disabled with a reason, enabled again.
    await visit(page, "Users", "admin-users", { ready: page.getByRole("table", { name: "Users" }) });
    await expectAccessible(page, "users");
    await page.getByRole("form", { name: "New user" }).getByLabel("Role").selectOption("FINANCE");
    expect(await page.getByLabel("Account").count()).toBe(0);
    await page.getByLabel("E-mail").fill("e2e-finance@leadrail.test");
    await page.getByLabel("Name").fill("E2E Finance");
    await page.getByRole("button", { name: "Create user" }).click();
    await page.getByText("e2e-finance@leadrail.test is created.").waitFor();
    const user = await db.user.findUniqueOrThrow({ where: { email: "e2e-finance@leadrail.test" } });
    expect(user).toMatchObject({ role: "FINANCE", advertiserId: null, publisherId: null, disabledAt: null });
    await page.getByRole("button", { name: `Disable ${user.email}` }).click();
    const disable = page.getByRole("dialog", { name: `Disable ${user.email}` });
    await disable.getByLabel("Reason").fill("left the team");
    await disable.getByRole("button", { name: "Disable user" }).click();
    await expect.poll(status, { timeout: UI_TIMEOUT }).toBe(`${user.email} is disabled.`);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).not.toBeNull();
    await page.getByRole("button", { name: `Enable ${user.email}` }).click();
    await expect.poll(status, { timeout: UI_TIMEOUT }).toBe(`${user.email} is enabled again.`);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).toBeNull();
    await shot(page, "admin-users");

    // API keys: created for that user and shown once; it works until revoked.
    await visit(page, "API keys", "admin-api-keys", { ready: page.getByRole("table", { name: "API keys" }) });
    await expectAccessible(page, "api keys");
    await pickOption(page, "User", user.email, user.email);
    await page.getByLabel("Key name").fill("E2E script");
    await page.getByRole("button", { name: "Create key" }).click();
    const key = (await page.getByTestId("new-api-key").textContent()) ?? "";
    const stored = await db.apiKey.findFirstOrThrow({ where: { userId: user.id, name: "E2E script" } });
    expect(stored).toMatchObject({ prefix: key.slice(0, 10), keyHash: hashApiKey(key), revokedAt: null });
    const me = async () => {
      const response = await fetch(`${dashboard.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: "{ me { email } }" }),
      });
      return ((await response.json()) as { data: { me: { email: string } | null } }).data.me;
    };
    expect(await me()).toEqual({ email: user.email });
    await shot(page, "admin-api-key-created");

    await page.getByRole("button", { name: `Revoke key E2E script of ${user.email}` }).click();
    const revoke = page.getByRole("dialog", { name: "Revoke key E2E script?" });
    await revoke.getByRole("button", { name: "Revoke key" }).click();
    await expect.poll(status, { timeout: UI_TIMEOUT }).toBe(`Key E2E script (${stored.prefix}…) is revoked.`);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: stored.id } })).revokedAt).not.toBeNull();
    expect(await me()).toBeNull();
    // After a reload the key is gone from the page: only its prefix remains.
    await page.reload();
    await page.getByRole("table", { name: "API keys" }).waitFor();
    expect(await page.getByText(key).count()).toBe(0);
    await done(session);
  });

  test("admin: the network overview reads the report engine, and its totals match the rollup", async ({
    dashboard,
    db,
  }) => {
    const session = await as(dashboard, "admin@leadrail.test");
    const { page } = session;
    const operations: string[] = [];
    // urql sends queries as GET (?query=…) when they fit in a URL, else POST.
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname !== "/graphql") return;
      const query =
        request.method() === "GET"
          ? url.searchParams.get("query")
          : (JSON.parse(request.postData() ?? "{}") as { query?: string }).query;
      const name = query?.match(/(?:query|mutation)\s+(\w+)/)?.[1];
      if (name) operations.push(name);
    });
    await page.goto(`${dashboard.url}/overview`);
    await page.getByRole("heading", { level: 1, name: "Network overview" }).waitFor();
    await page.locator(".recharts-surface").first().waitFor();
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
    const [row] = await db.$queryRaw<{ clicks: bigint }[]>`
      SELECT coalesce(sum(clicks), 0)::bigint AS clicks FROM daily_stats
      WHERE day BETWEEN ${from}::date AND ${to}::date`;
    expect(row?.clicks).toBeGreaterThan(0n);
    expect((await page.getByTestId("total-clicks").textContent())?.replace(/\D/g, "")).toBe(
      String(row?.clicks),
    );
    expect(operations).toContain("OverviewReport");
    expect(operations).not.toContain("Stats");
    await expectAccessible(page, "overview");
    await shot(page, "admin-overview-report");
    await done(session);
  });

  test("admin sees every application, approves one, rejects one with a reason, blocks and unblocks", async ({
    dashboard,
    db,
  }) => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@leadrail.test" } });
    // Two waiting applications the demo world does not have: pairs of publisher and offer with none yet.
    const pairs = await db.$queryRaw<{ offer_id: number; publisher_id: number }[]>`
      SELECT o.id AS offer_id, p.id AS publisher_id FROM offers o CROSS JOIN publishers p
      WHERE NOT EXISTS (SELECT 1 FROM offer_applications a WHERE a.offer_id = o.id AND a.publisher_id = p.id)
      ORDER BY o.id, p.id LIMIT 2`;
    expect(pairs).toHaveLength(2);
    const [approveMe, rejectMe] = await Promise.all(
      pairs.map((pair) =>
        db.offerApplication.create({
          data: { offerId: pair.offer_id, publisherId: pair.publisher_id, message: "e2e: please" },
          include: { offer: true, publisher: true },
        }),
      ),
    );
    if (!approveMe || !rejectMe) throw new Error("no applications created");
    const label = (a: typeof approveMe) => `${a.publisher.name} on ${a.offer.name}`;

    const session = await as(dashboard, admin.email);
    const { page } = session;
    await visit(page, "Applications", "admin-applications", {
      ready: page.locator("tr[data-application-id]"),
    });
    await page.getByLabel("Status").selectOption("APPLIED");
    await page.getByRole("button", { name: `Approve ${label(approveMe)}` }).waitFor();
    await expectAccessible(page, "applications");
    await shot(page, "admin-applications-applied");

    await page.getByRole("button", { name: `Approve ${label(approveMe)}` }).click();
    await expect
      .poll(() => page.getByRole("status").textContent(), { timeout: UI_TIMEOUT })
      .toBe(`${label(approveMe)}: approved.`);
    expect(await db.offerApplication.findUniqueOrThrow({ where: { id: approveMe.id } })).toMatchObject({
      status: "APPROVED",
      decidedById: admin.id,
    });

    await page.getByRole("button", { name: `Reject ${label(rejectMe)}` }).click();
    const reject = page.getByRole("dialog", { name: `Reject ${label(rejectMe)}` });
    await reject.getByLabel("Reason for the rejection").fill("traffic source not allowed");
    await reject.getByRole("button", { name: "Reject application" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent(), { timeout: UI_TIMEOUT })
      .toBe(`${label(rejectMe)}: rejected.`);
    expect(await db.offerApplication.findUniqueOrThrow({ where: { id: rejectMe.id } })).toMatchObject({
      status: "REJECTED",
      decisionReason: "traffic source not allowed",
    });

    await page.getByLabel("Status").selectOption("APPROVED");
    await page.getByRole("button", { name: `Block ${label(approveMe)}` }).click();
    const block = page.getByRole("dialog", { name: `Block ${label(approveMe)}` });
    await block.getByLabel("Reason for the block").fill("incentivised traffic");
    await block.getByRole("button", { name: "Block publisher" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent(), { timeout: UI_TIMEOUT })
      .toBe(`${label(approveMe)}: blocked.`);
    expect(
      (await db.offerApplication.findUniqueOrThrow({ where: { id: approveMe.id } })).blockedAt,
    ).not.toBeNull();
    await page.getByRole("button", { name: `Unblock ${label(approveMe)}` }).click();
    await expect
      .poll(() => page.getByRole("status").textContent(), { timeout: UI_TIMEOUT })
      .toBe(`${label(approveMe)}: unblocked.`);
    expect(
      (await db.offerApplication.findUniqueOrThrow({ where: { id: approveMe.id } })).blockedAt,
    ).toBeNull();
    await shot(page, "admin-applications-done");
    await done(session);
  });

  test("finance queues list past the first 100: Load more shows every draft, counted in the database", async ({
    dashboard,
    db,
  }) => {
    const stamp = Date.now();
    const publisher = await db.publisher.create({ data: { name: `Paged Publisher ${stamp}` } });
    const advertiser = await db.advertiser.create({
      data: { name: `Paged Advertiser ${stamp}`, postbackSecret: `paged-${stamp}` },
    });
    // Empty drafts (no lines, total 0): only the count matters here, and no total changes.
    const day = 86_400_000;
    await db.payoutStatement.createMany({
      data: Array.from({ length: 101 }, (_, i) => ({
        publisherId: publisher.id,
        currency: "USD",
        periodEnd: new Date(Date.UTC(2020, 0, 1) + i * day),
      })),
    });
    await db.advertiserInvoice.createMany({
      data: Array.from({ length: 101 }, (_, i) => ({
        advertiserId: advertiser.id,
        currency: "USD",
        periodEnd: new Date(Date.UTC(2020, 0, 1) + i * day),
      })),
    });
    const session = await as(dashboard, "finance@leadrail.test");
    const { page } = session;

    await visit(page, "Statements", "finance-statements-paged", {
      heading: "Payout statements",
      ready: page.getByRole("table", { name: "Payout statements" }),
    });
    await loadAllRows(
      page,
      "Payout statements",
      await db.payoutStatement.count({ where: { status: "DRAFT" } }),
    );
    await shot(page, "finance-statements-loaded-more");
    await expectAccessible(page, "statements queue, loaded more");

    await visit(page, "Invoices", "finance-invoices-paged", {
      heading: "Advertiser invoices",
      ready: page.getByRole("table", { name: "Advertiser invoices" }),
    });
    await loadAllRows(
      page,
      "Advertiser invoices",
      await db.advertiserInvoice.count({ where: { status: "DRAFT" } }),
    );
    await shot(page, "finance-invoices-loaded-more");
    await done(session);
  });

  test("a publisher's statements and an advertiser's invoices list past the first 100", async ({
    dashboard,
    db,
  }) => {
    const publisherUser = await db.user.findFirstOrThrow({
      where: { role: "PUBLISHER", publisherId: { not: null } },
      orderBy: { id: "asc" },
    });
    const advertiserUser = await db.user.findFirstOrThrow({
      where: { role: "ADVERTISER", advertiserId: { not: null } },
      orderBy: { id: "asc" },
    });
    const day = 86_400_000;
    const periods = Array.from({ length: 101 }, (_, i) => new Date(Date.UTC(2019, 0, 1) + i * day));
    await db.payoutStatement.createMany({
      data: periods.map((periodEnd) => ({
        publisherId: publisherUser.publisherId as number,
        currency: "USD",
        periodEnd,
      })),
    });
    await db.advertiserInvoice.createMany({
      data: periods.map((periodEnd) => ({
        advertiserId: advertiserUser.advertiserId as number,
        currency: "USD",
        periodEnd,
      })),
    });

    const publisher = await as(dashboard, publisherUser.email);
    await visit(publisher.page, "Statements", "publisher-statements-paged", {
      ready: publisher.page.getByRole("table", { name: "My statements" }),
    });
    await loadAllRows(
      publisher.page,
      "My statements",
      await db.payoutStatement.count({ where: { publisherId: publisherUser.publisherId as number } }),
    );
    await shot(publisher.page, "publisher-statements-loaded-more");
    await expectAccessible(publisher.page, "publisher statements, loaded more");
    await done(publisher);

    const advertiser = await as(dashboard, advertiserUser.email);
    await visit(advertiser.page, "Invoices", "advertiser-invoices-paged", {
      ready: advertiser.page.getByRole("table", { name: "My invoices" }),
    });
    await loadAllRows(
      advertiser.page,
      "My invoices",
      await db.advertiserInvoice.count({ where: { advertiserId: advertiserUser.advertiserId as number } }),
    );
    await shot(advertiser.page, "advertiser-invoices-loaded-more");
    await done(advertiser);
  });
});
