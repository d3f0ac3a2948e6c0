// The built dashboard in real headless Chromium against the real API, on this file's database filled
// with the demo seed: each role signs in and does its main task through the UI, and the test checks
// both what the page shows and what the database then holds. Screenshots of each main screen go to
// tests/artifacts/ (git-ignored).

import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect } from "../src/fixtures.ts";
import { parseCsv, shot, signIn, TRACKER_URL, test, UI_TIMEOUT, visit } from "./browser.ts";

/**
 * An account's own statements or invoices screen shows exactly `ids` (the database's), or its empty
 * state when there are none.
 */
async function expectMyDocuments(page: Page, noun: string, ids: number[]): Promise<void> {
  if (ids.length === 0) {
    await page.getByText(`No ${noun} yet.`).waitFor();
    return;
  }
  await expect
    .poll(async () => (await page.locator("main tbody tr td:first-child").allTextContents()).sort(), {
      timeout: UI_TIMEOUT,
    })
    .toEqual(ids.map(String).sort());
}

/** The report table on screen: header labels and each row's cells, by the column's CSV key. */
async function reportTable(page: Page): Promise<Record<string, string>[]> {
  const table = page.getByRole("table", { name: "Report" });
  const keys = await table
    .locator("thead th")
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute("data-column") ?? ""));
  const rows = await table
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
  return rows.map((cells) => Object.fromEntries(keys.map((key, i) => [key, cells[i] ?? ""])));
}

/** A shown cell as the CSV writes it raw: "—" is empty, money and counts lose symbols and separators. */
const rawOf = (shown: string) => (shown === "—" ? "" : shown.replace(/[^\d.-]/g, ""));

// The first test also pays for the file fixture: building the dashboard and seeding the demo world.
describe("dashboard", { timeout: 180_000 }, () => {
  test("a wrong password is refused on the login page", async ({ dashboard }) => {
    const context = await dashboard.browser.newContext();
    const page = await context.newPage();
    await page.goto(dashboard.url);
    await page.getByLabel("Email").fill("arbitragelab@leadrail.test");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent(), { timeout: UI_TIMEOUT }).toMatch(/\S/);
    expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(0);
    await shot(page, "login-refused");
    await context.close();
  });

  test("a session revoked on the server sends the browser back to the login page", async ({
    dashboard,
    db,
  }) => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "socialbees@leadrail.test" } });
    const { context, page } = await signIn(dashboard, user.email);
    await db.session.deleteMany({ where: { userId: user.id } });
    await page.reload();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(0);
    await context.close();
  });

  test("publisher: marketplace, offer detail, gets a tracking link, builds a sub-ID URL, stats", async ({
    dashboard,
    db,
  }) => {
    const publisher = await db.publisher.findFirstOrThrow({ where: { name: "Arbitrage Lab" } });
    const offer = await db.offer.findFirstOrThrow({ where: { name: "Sushi Wave — First Order Lead" } });
    const linksBefore = await db.trackingLink.count({
      where: { publisherId: publisher.id, offerId: offer.id },
    });
    const { context, page } = await signIn(dashboard, "arbitragelab@leadrail.test");

    await page.getByRole("heading", { name: "Marketplace" }).waitFor();
    const card = page.locator(".offer-card", { hasText: offer.name });
    await card.waitFor();
    expect(await card.textContent()).toContain("Payout");
    await shot(page, "publisher-marketplace");

    await card.getByRole("link", { name: offer.name }).click();
    await page.getByRole("heading", { name: offer.name }).waitFor();
    await page.getByLabel("Link name").fill("e2e-facebook");
    await page.getByRole("button", { name: "Get tracking link" }).click();
    const shown = await page.getByTestId("new-link-url").textContent();
    await shot(page, "publisher-offer-link");

    const links = await db.trackingLink.findMany({
      where: { publisherId: publisher.id, offerId: offer.id },
      orderBy: { id: "desc" },
    });
    expect(links).toHaveLength(linksBefore + 1);
    expect(links[0]?.name).toBe("e2e-facebook");
    expect(shown).toBe(`${TRACKER_URL}/c/${links[0]?.code}`);

    await page.getByRole("link", { name: "My links" }).first().click();
    const row = page.locator("tr", { hasText: "e2e-facebook" });
    await row.getByRole("button", { name: "Sub IDs" }).click();
    await page.getByLabel("sub1", { exact: true }).fill("campaign 7");
    // A traffic source's own macro stays literal in the URL, for the source to fill.
    await page.getByLabel("sub10", { exact: true }).fill("{campaign_id}");
    await page.getByLabel("source").fill("fb");
    await page.getByRole("button", { name: "Build URL" }).click();
    const built = new URL((await page.getByTestId("built-url").textContent()) ?? "");
    expect(built.pathname).toBe(`/c/${links[0]?.code}`);
    expect(built.searchParams.get("sub1")).toBe("campaign 7");
    expect(built.searchParams.get("source")).toBe("fb");
    expect(built.search).toContain("sub10={campaign_id}");
    await shot(page, "publisher-links");

    await page.getByRole("link", { name: "Stats" }).click();
    await page.locator(".recharts-surface").first().waitFor();
    await shot(page, "publisher-stats");
    await visit(page, "Postbacks", "publisher-postbacks", {
      ready: page.getByRole("button", { name: "Test fire" }),
    });
    // Test fire: the API only queues it (this file runs no tracker), so the outbox row is the proof.
    const firstTemplate = await db.publisherPostback.findFirstOrThrow({
      where: { publisherId: publisher.id },
      orderBy: { id: "asc" },
    });
    await page.getByRole("button", { name: "Test fire" }).first().click();
    await expect
      .poll(() => db.postbackOutbox.count({ where: { postbackId: firstTemplate.id } }), {
        timeout: UI_TIMEOUT,
      })
      .toBe(1);
    await expect
      .poll(() => page.getByRole("status").textContent(), { timeout: UI_TIMEOUT })
      .toMatch(/Test fire queued/);
    const statements = await db.payoutStatement.findMany({ where: { publisherId: publisher.id } });
    await visit(page, "Statements", "publisher-statements");
    await expectMyDocuments(
      page,
      "statements",
      statements.map((statement) => statement.id),
    );
    await context.close();
  });

  test("advertiser: confirms a pending lead in the inbox, and the offer editor shows the postback URL", async ({
    dashboard,
    db,
  }) => {
    // The advertiser with the most pending leads (the seed's mix moves with the hour it is run at):
    // its inbox opens on pending leads, newest first; one is confirmed, two more rejected in bulk.
    const [busiest] = await db.$queryRaw<{ advertiser_id: number; pending: bigint }[]>`
      SELECT o.advertiser_id, count(*) AS pending FROM conversions c JOIN offers o ON o.id = c.offer_id
      WHERE c.status = 'PENDING' GROUP BY o.advertiser_id ORDER BY count(*) DESC, o.advertiser_id LIMIT 1`;
    expect(busiest?.pending).toBeGreaterThanOrEqual(3n);
    const advertiserId = busiest?.advertiser_id ?? 0;
    const user = await db.user.findFirstOrThrow({
      where: { role: "ADVERTISER", advertiserId },
      orderBy: { id: "asc" },
    });
    const { context, page } = await signIn(dashboard, user.email);
    await page.getByRole("link", { name: "Leads" }).click();
    await page.getByRole("heading", { name: "Leads" }).waitFor();
    const firstRow = page.locator("tr[data-lead-id]").first();
    await firstRow.waitFor();
    const leadId = (await firstRow.getAttribute("data-lead-id")) ?? "";
    const before = await db.conversion.findUniqueOrThrow({ where: { id: leadId }, include: { offer: true } });
    expect(before.status).toBe("PENDING");
    expect(before.offer.advertiserId).toBe(advertiserId);
    // Every lead carries its temperature badge, so the hot ones can be called first.
    const badges = await page.locator("tr[data-lead-id] .badge[class*='badge-temp-']").allTextContents();
    expect(badges.length).toBe(await page.locator("tr[data-lead-id]").count());
    for (const badge of badges) expect(["hot", "warm", "cold"]).toContain(badge);
    await shot(page, "advertiser-leads");

    await firstRow.getByRole("button", { name: "Confirm" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent(), { timeout: UI_TIMEOUT })
      .toBe("1 lead confirmed.");
    expect((await db.conversion.findUniqueOrThrow({ where: { id: leadId } })).status).toBe("APPROVED");
    // Still filtered on pending: the confirmed lead left the list.
    await expect
      .poll(() => page.locator(`tr[data-lead-id="${leadId}"]`).count(), { timeout: UI_TIMEOUT })
      .toBe(0);

    // Bulk: select the next two pending leads and reject them together, with a reason.
    const rows = page.locator("tr[data-lead-id]");
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBeGreaterThanOrEqual(2);
    const picked = [
      await rows.nth(0).getAttribute("data-lead-id"),
      await rows.nth(1).getAttribute("data-lead-id"),
    ];
    for (const id of picked) await page.getByLabel(`Select lead ${id}`).check();
    await page.getByLabel("Rejection reason").fill("duplicate of an existing customer");
    await page.getByRole("button", { name: "Reject selected" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent(), { timeout: UI_TIMEOUT })
      .toBe("2 leads rejected.");
    const rejected = await db.conversion.findMany({ where: { id: { in: picked.map(String) } } });
    expect(rejected.map((lead) => [lead.status, lead.statusReason])).toEqual([
      ["REJECTED", "duplicate of an existing customer"],
      ["REJECTED", "duplicate of an existing customer"],
    ]);

    await page.getByRole("link", { name: "Offers" }).click();
    await page.getByRole("link", { name: before.offer.name, exact: true }).click();
    const postbackUrl = await page.getByTestId("postback-url").textContent();
    expect(postbackUrl).toContain(`${TRACKER_URL}/postback?offer_id=${before.offer.id}`);
    await shot(page, "advertiser-offer-editor");

    // Edit a term through the editor: the amount typed in major units is stored exactly in minor units.
    await page.getByLabel(/^Publisher payout/).fill("12.34");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => page.getByRole("status").textContent(), { timeout: UI_TIMEOUT }).toBe("Saved.");
    expect((await db.offer.findUniqueOrThrow({ where: { id: before.offer.id } })).defaultPayout).toBe(1234n);

    // A new offer starts as a DRAFT of this advertiser.
    await page.getByRole("link", { name: "← Offers" }).click();
    await page.getByRole("link", { name: "New offer" }).click();
    await page.getByLabel("Name").fill("E2E Solar Panel Quotes");
    await page.getByLabel("Vertical").fill("energy");
    await page.getByLabel("Landing URL").fill("https://solar.example/quote?c={click_id}");
    await page.getByLabel(/^Publisher payout/).fill("7.50");
    await page.getByLabel(/^You pay per conversion/).fill("11");
    await page.getByRole("button", { name: "Create offer (draft)" }).click();
    await page.getByRole("heading", { name: "E2E Solar Panel Quotes" }).waitFor();
    const created = await db.offer.findFirstOrThrow({ where: { name: "E2E Solar Panel Quotes" } });
    expect(created).toMatchObject({
      advertiserId,
      status: "DRAFT",
      currency: "USD",
      defaultPayout: 750n,
      defaultRevenue: 1100n,
    });
    await visit(page, "Applications", "advertiser-applications");
    // Not every advertiser has invoices (the network invoices two of them in the demo world).
    const invoices = await db.advertiserInvoice.findMany({ where: { advertiserId } });
    await visit(page, "Invoices", "advertiser-invoices");
    await expectMyDocuments(
      page,
      "invoices",
      invoices.map((invoice) => invoice.id),
    );
    await visit(page, "Stats", "advertiser-stats", { ready: page.locator(".recharts-surface") });
    await context.close();
  });

  test("advertiser: overturns a lead the quality policy rejected", async ({ dashboard, db }) => {
    const [lead] = await db.$queryRaw<{ id: string; transaction_id: string; advertiser_id: number }[]>`
      SELECT c.id::text, c.transaction_id, o.advertiser_id FROM conversions c JOIN offers o ON o.id = c.offer_id
      WHERE c.status = 'REJECTED' AND c.status_reason = 'duplicate_lead' AND c.decided_at IS NULL
        AND c.publisher_id IS NOT NULL
      ORDER BY c.converted_at DESC LIMIT 1`;
    expect(lead).toBeDefined();
    const user = await db.user.findFirstOrThrow({
      where: { role: "ADVERTISER", advertiserId: lead?.advertiser_id },
      orderBy: { id: "asc" },
    });
    const { context, page } = await signIn(dashboard, user.email);
    await page.getByRole("link", { name: "Leads" }).click();
    await page.getByRole("heading", { name: "Leads" }).waitFor();
    await page.locator('select[name="status"]').selectOption("REJECTED");
    await page.locator('input[name="search"]').fill(lead?.transaction_id ?? "");
    await page.getByRole("button", { name: "Filter" }).click();
    const row = page.locator(`tr[data-lead-id="${lead?.id}"]`);
    await row.getByRole("button", { name: "Overturn" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent(), { timeout: UI_TIMEOUT })
      .toBe("Rejection overturned: the lead is approved.");
    const after = await db.conversion.findUniqueOrThrow({ where: { id: lead?.id ?? "" } });
    expect(after.status).toBe("APPROVED");
    expect(after.payout).toBeGreaterThan(0n);
    await context.close();
  });

  test("advertiser: the quality filter is answered by the API over the whole inbox; hottest first", async ({
    dashboard,
    db,
  }) => {
    // The advertiser with the most leads that carry quality signals, counted independently here.
    const [most] = await db.$queryRaw<{ advertiser_id: number; flagged: bigint; total: bigint }[]>`
      SELECT o.advertiser_id, count(*) FILTER (WHERE c.quality_signals <> '[]'::jsonb) AS flagged,
        count(*) AS total
      FROM conversions c JOIN offers o ON o.id = c.offer_id
      GROUP BY o.advertiser_id ORDER BY 2 DESC, o.advertiser_id LIMIT 1`;
    expect(most?.flagged).toBeGreaterThan(0n);
    const user = await db.user.findFirstOrThrow({
      where: { role: "ADVERTISER", advertiserId: most?.advertiser_id },
      orderBy: { id: "asc" },
    });
    const { context, page } = await signIn(dashboard, user.email);
    await page.getByRole("link", { name: "Leads" }).click();
    await page.getByRole("heading", { name: "Leads" }).waitFor();
    await page.locator('select[name="status"]').selectOption("");
    await page.locator('select[name="quality"]').selectOption("FLAGGED");
    await page.getByRole("button", { name: "Filter" }).click();
    const flagged = Number(most?.flagged ?? 0n);
    // The count is the API's over every page; the page shows only flagged leads.
    await expect
      .poll(() => page.locator(".bulkbar span").first().textContent(), { timeout: UI_TIMEOUT })
      .toMatch(new RegExp(`^${flagged} leads? ·`));
    const rows = page.locator("tr[data-lead-id]");
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(Math.min(flagged, 50));
    expect(await rows.filter({ hasNot: page.locator(".badge-warning") }).count()).toBe(0);

    // Hottest first: the temperature badges read hot, then warm, then cold down the page.
    await page.locator('select[name="quality"]').selectOption("");
    await page.locator('select[name="order"]').selectOption("HOTTEST");
    await page.getByRole("button", { name: "Filter" }).click();
    const rank = { hot: 0, warm: 1, cold: 2 } as Record<string, number>;
    await expect
      .poll(() => page.locator(".bulkbar span").first().textContent(), { timeout: UI_TIMEOUT })
      .toMatch(new RegExp(`^${Number(most?.total ?? 0n)} leads? ·`));
    const badges = await page.locator("tr[data-lead-id] .badge[class*='badge-temp-']").allTextContents();
    expect(badges.length).toBe(Math.min(Number(most?.total ?? 0n), 50));
    const ranks = badges.map((badge) => rank[badge] ?? -1);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks).not.toContain(-1);
    await context.close();
  });

  test("finance: the generator cannot approve; a second finance user approves and marks the statement paid", async ({
    dashboard,
    db,
  }) => {
    const generator = await db.user.findUniqueOrThrow({ where: { email: "finance@leadrail.test" } });
    const approver = await db.user.findUniqueOrThrow({ where: { email: "finance2@leadrail.test" } });
    // A publisher with payout details: a statement is paid only into them.
    const statement = await db.payoutStatement.findFirstOrThrow({
      where: { status: "DRAFT", generatedById: generator.id, publisher: { payoutDetails: { isNot: null } } },
      orderBy: { id: "asc" },
    });
    const rowOf = (page: Page) => page.locator(`tr[data-document-id="${statement.id}"]`);

    const first = await signIn(dashboard, generator.email);
    await rowOf(first.page).waitFor();
    expect(
      await rowOf(first.page)
        .getByRole("button", { name: /^Approve/ })
        .isDisabled(),
    ).toBe(true);
    await first.page.getByLabel("Totals by currency").waitFor();
    await shot(first.page, "finance-statements");
    await first.context.close();

    const { context, page } = await signIn(dashboard, approver.email);
    await rowOf(page)
      .getByRole("button", { name: `Approve statement ${statement.id}` })
      .click();
    await expect
      .poll(() => page.getByRole("status").textContent(), { timeout: UI_TIMEOUT })
      .toBe(`Statement ${statement.id} approved.`);
    const approved = await db.payoutStatement.findUniqueOrThrow({ where: { id: statement.id } });
    expect(approved).toMatchObject({ status: "APPROVED", approvedById: approver.id });

    await page.getByRole("tab", { name: "approved" }).click();
    // No reference: refused at the field by the API's own rule, before any round trip.
    const reference = rowOf(page).getByLabel(`Payment reference for statement ${statement.id}`);
    await reference.waitFor();
    await rowOf(page)
      .getByRole("button", { name: `Mark statement ${statement.id} paid` })
      .click();
    await expect.poll(() => reference.getAttribute("aria-invalid"), { timeout: UI_TIMEOUT }).toBe("true");
    expect(await rowOf(page).locator(".field-error").textContent()).toBe("Enter the payment reference");
    expect((await db.payoutStatement.findUniqueOrThrow({ where: { id: statement.id } })).status).toBe(
      "APPROVED",
    );
    await reference.fill("WIRE-E2E-1");
    await rowOf(page)
      .getByRole("button", { name: `Mark statement ${statement.id} paid` })
      .click();
    await expect
      .poll(() => page.getByRole("status").textContent(), { timeout: UI_TIMEOUT })
      .toBe(`Statement ${statement.id} marked paid.`);
    const paid = await db.payoutStatement.findUniqueOrThrow({
      where: { id: statement.id },
      include: { payments: true },
    });
    expect(paid.status).toBe("PAID");
    expect(paid.payments.map((p) => [p.reference, p.amount])).toEqual([["WIRE-E2E-1", statement.total]]);

    await page.getByRole("tab", { name: "paid" }).click();
    await rowOf(page).waitFor();
    expect(await rowOf(page).textContent()).toContain("WIRE-E2E-1");

    // The CSV export of the paid queue carries the payment reference.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    const csv = readFileSync((await download.path()) ?? "", "utf8");
    expect(csv.split("\n")[0]).toMatch(/^statement_id,publisher_id,publisher,currency,total/);
    expect(csv).toContain("WIRE-E2E-1");
    expect(csv).not.toMatch(/,DRAFT,/);
    await shot(page, "finance-statements-paid");
    await visit(page, "Invoices", "finance-invoices", {
      heading: "Advertiser invoices",
      ready: page.locator("tr[data-document-id]"),
    });
    await context.close();
  });

  test("admin: the network overview charts the last 30 days and its totals match the rollup", async ({
    dashboard,
    db,
  }) => {
    const { context, page } = await signIn(dashboard, "admin@leadrail.test");
    await page.getByRole("heading", { name: "Network overview" }).waitFor();
    await page.locator(".recharts-surface").first().waitFor();
    const now = new Date();
    const from = new Date(now.getTime() - 29 * 86_400_000);
    const [row] = await db.$queryRaw<{ clicks: bigint }[]>`
      SELECT coalesce(sum(clicks), 0)::bigint AS clicks FROM daily_stats
      WHERE day BETWEEN ${from.toISOString().slice(0, 10)}::date AND ${now.toISOString().slice(0, 10)}::date`;
    const clicks = row?.clicks ?? 0n;
    expect(clicks).toBeGreaterThan(0n);
    const shown = (await page.getByTestId("total-clicks").textContent())?.replace(/\D/g, "");
    expect(shown).toBe(String(clicks));
    for (const label of ["Revenue", "Payout", "Margin"]) {
      expect(await page.locator(".recharts-legend-wrapper").textContent()).toContain(label);
    }
    await shot(page, "admin-overview");

    // The fraud report: one row per publisher and offer with traffic; blocking one asks for a reason.
    await visit(page, "Fraud report", "admin-fraud-report", { ready: page.locator("tr[data-fraud-row]") });
    const first = page
      .locator("tr[data-fraud-row]")
      .filter({ has: page.getByRole("button", { name: "Block" }) })
      .first();
    const rowKey = (await first.getAttribute("data-fraud-row")) ?? "";
    const [publisherId, offerId] = rowKey.split("-").map(Number);
    await first.getByRole("button", { name: "Block" }).click();
    await page.getByRole("dialog").getByLabel("Reason for the block").fill("sends bot traffic");
    await page.getByRole("dialog").getByRole("button", { name: "Block publisher" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent(), { timeout: UI_TIMEOUT })
      .toMatch(/is blocked from the offer/);
    const application = await db.offerApplication.findUniqueOrThrow({
      where: { offerId_publisherId: { offerId: offerId ?? 0, publisherId: publisherId ?? 0 } },
    });
    expect(application.blockedAt).not.toBeNull();
    // The row now says since when, instead of offering to block again.
    const blockedRow = page.locator(`tr[data-fraud-row="${rowKey}"]`);
    await expect
      .poll(() => blockedRow.getByTestId("blocked").textContent(), { timeout: UI_TIMEOUT })
      .toMatch(/^Blocked /);
    expect(await blockedRow.getByRole("button", { name: "Block" }).count()).toBe(0);
    await context.close();
  });

  test("publisher: reports by sub1 show only its own sub ids, and the CSV download is the table", async ({
    dashboard,
    db,
  }) => {
    const publisher = await db.publisher.findFirstOrThrow({ where: { name: "Arbitrage Lab" } });
    // A sub id with a comma and quotes, as a traffic source may send it: the CSV must quote it.
    const tricky = 'fb "lal", e2e';
    const [latest] = await db.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM clicks WHERE publisher_id = ${publisher.id} AND created_at > now() - interval '3 days'
      ORDER BY created_at DESC LIMIT 1`;
    expect(latest).toBeDefined();
    await db.$executeRaw`UPDATE clicks SET sub1 = ${tricky} WHERE id = ${latest?.id ?? ""}::uuid`;
    // Sub ids only other publishers use: none may appear on this publisher's screen.
    const others = await db.$queryRaw<{ sub1: string }[]>`
      SELECT DISTINCT sub1 FROM clicks WHERE publisher_id <> ${publisher.id} AND sub1 IS NOT NULL
      EXCEPT SELECT sub1 FROM clicks WHERE publisher_id = ${publisher.id} AND sub1 IS NOT NULL`;
    expect(others.length).toBeGreaterThan(0);
    // The default range: the last 7 days in the browser's zone (UTC in this context), today included.
    const [own] = await db.$queryRaw<{ clicks: bigint }[]>`
      SELECT count(*)::bigint AS clicks FROM clicks WHERE publisher_id = ${publisher.id}
        AND created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '6 days'
        AND created_at < date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '1 day'`;

    const { context, page } = await signIn(dashboard, "arbitragelab@leadrail.test");
    await visit(page, "Reports", "publisher-reports-day", {
      ready: page.getByRole("table", { name: "Report" }).locator("tbody tr"),
    });
    expect(await page.getByLabel("Time zone").inputValue()).toBe("UTC");
    await page.getByLabel("Group by 1").selectOption("SUB1");
    await page.getByRole("button", { name: "Run report" }).click();
    await page.getByRole("table", { name: "Report" }).locator("th[data-column='sub1']").waitFor();
    await shot(page, "publisher-reports-sub1");

    const table = await reportTable(page);
    const headers = Object.keys(table[0] ?? {});
    expect(headers.slice(0, 2)).toEqual(["sub1", "currency"]);
    expect(headers).toEqual(expect.arrayContaining(["payout", "epc"]));
    for (const hidden of ["revenue", "profit", "margin_bps"]) expect(headers).not.toContain(hidden);
    const shownSubs = new Set(table.map((row) => row.sub1));
    expect(shownSubs.has(tricky)).toBe(true);
    for (const { sub1 } of others) expect(shownSubs.has(sub1)).toBe(false);
    const clicks = table.reduce((sum, row) => sum + BigInt(rawOf(row.clicks ?? "0") || "0"), 0n);
    expect(clicks).toBe(own?.clicks);
    expect(await page.getByTestId("report-source").textContent()).toBe("from raw click rows");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    const csv = parseCsv(readFileSync((await download.path()) ?? "", "utf8"));
    const [header, ...lines] = csv;
    expect(header).toEqual(headers);
    expect(lines).toHaveLength(table.length);
    lines.forEach((line, i) => {
      const shown = table[i] ?? {};
      expect(line[0]).toBe(shown.sub1 === "—" ? "" : shown.sub1);
      for (const key of ["currency"]) expect(line[headers.indexOf(key)]).toBe(shown[key]);
      for (const key of ["clicks", "unique_clicks", "conversions", "approved_conversions", "payout", "epc"])
        expect(line[headers.indexOf(key)], key).toBe(rawOf(shown[key] ?? ""));
    });

    // A zone the API does not know is a typed refusal, shown as its message.
    await page.getByLabel("Time zone").fill("Mars/Olympus_Mons");
    await page.getByRole("button", { name: "Run report" }).click();
    await expect
      .poll(() => page.locator("main [role='alert']").textContent(), { timeout: UI_TIMEOUT })
      .toMatch(/IANA time zone/);
    await context.close();
  });

  test("admin: reports carry revenue, payout, profit and margin", async ({ dashboard }) => {
    const { context, page } = await signIn(dashboard, "admin@leadrail.test");
    await visit(page, "Reports", "admin-reports", {
      ready: page.getByRole("table", { name: "Report" }).locator("tbody tr"),
    });
    const table = await reportTable(page);
    expect(Object.keys(table[0] ?? {})).toEqual(
      expect.arrayContaining(["day", "currency", "revenue", "payout", "epc", "profit", "margin_bps"]),
    );
    expect(await page.getByRole("table", { name: "Report" }).locator("thead").textContent()).toContain(
      "Margin",
    );
    expect(table.some((row) => /^-?\d+\.\d\d%$/.test(row.margin_bps ?? ""))).toBe(true);
    await context.close();
  });

  test("at phone width the navigation is on screen; signing out ends the session on the server", async ({
    dashboard,
    db,
  }) => {
    const { context, page } = await signIn(dashboard, "nordline@leadrail.test", { width: 390, height: 844 });
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const label of ["Offers", "Leads"]) {
      const link = nav.getByRole("link", { name: label });
      expect(await link.isVisible()).toBe(true);
      const box = await link.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    }
    await shot(page, "phone-navigation");

    const user = await db.user.findUniqueOrThrow({ where: { email: "nordline@leadrail.test" } });
    // Other tests may have left sessions of this user open: this one ends exactly one.
    const sessions = await db.session.count({ where: { userId: user.id } });
    expect(sessions).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    await expect
      .poll(() => db.session.count({ where: { userId: user.id } }), { timeout: UI_TIMEOUT })
      .toBe(sessions - 1);
    await context.close();
  });
});
