// The advertiser's jobs in the dashboard, in headless Chromium as the demo advertisers, each step
// checked in the database afterwards: every seeded offer opens and saves unchanged; a refused term is
// shown beside its input and at the Save button, in words; caps for one publisher, lead quality rules
// and custom payouts are set from the editor (the lead form has its own screen: tests/e2e/lead-forms.test.ts).
import { readFileSync } from "node:fs";
import type { Db } from "@leadrail/db";
import type { Page } from "playwright-core";
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

/** Every term of an offer the editor can change, as the database holds it (caps in order). */
async function storedTerms(db: Db, id: number) {
  const { createdAt: _c, updatedAt: _u, ...offer } = await db.offer.findUniqueOrThrow({ where: { id } });
  const caps = await db.offerCap.findMany({
    where: { offerId: id },
    orderBy: { id: "asc" },
    select: { scope: true, publisherId: true, period: true, metric: true, limit: true },
  });
  const customPayouts = await db.customPayout.findMany({
    where: { offerId: id },
    orderBy: { id: "asc" },
    select: { id: true, publisherId: true, country: true, payout: true, payoutShareBps: true },
  });
  const leadForm = await db.leadForm.findUnique({
    where: { offerId: id },
    select: { key: true, fields: true, consentText: true, consentVersion: true },
  });
  return { offer, caps, customPayouts, leadForm };
}

/** Fails the test on any console error or uncaught exception in the page. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return problems;
}

async function openOffer(page: Page, name: string): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Offers" }).click();
  await page.getByRole("link", { name, exact: true }).click();
  await page.getByRole("heading", { level: 1, name, exact: true }).waitFor();
}

describe("advertiser", { timeout: 240_000 }, () => {
  test("every seeded offer of the demo advertisers opens and saves unchanged", async ({ dashboard, db }) => {
    for (const email of ["nordline@leadrail.test", "sushiwave@leadrail.test"]) {
      const user = await db.user.findUniqueOrThrow({ where: { email } });
      const offers = await db.offer.findMany({
        where: { advertiserId: user.advertiserId as number },
        orderBy: { id: "asc" },
      });
      expect(offers.length).toBeGreaterThan(0);
      const { context, page } = await signIn(dashboard, email);
      const problems = watchConsole(page);
      await visit(page, "Offers", `advertiser-offers-${user.advertiserId}`);
      for (const offer of offers) {
        const before = await storedTerms(db, offer.id);
        await openOffer(page, offer.name);
        if (offer.status === "ARCHIVED") {
          expect(await page.getByRole("button", { name: "Save changes" }).count()).toBe(0);
          continue;
        }
        await page.getByRole("button", { name: "Save changes" }).click();
        await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
        const after = await storedTerms(db, offer.id);
        expect(after, offer.name).toEqual(before);
        // The save really happened (the audit log has it), it just changed nothing.
        expect(
          await db.auditLog.count({
            where: { entityType: "Offer", entityId: String(offer.id), action: "offer.update" },
          }),
        ).toBeGreaterThan(0);
      }
      await shot(page, `advertiser-offer-saved-${user.advertiserId}`);
      await expectAccessible(page, "offer editor");
      expect(problems).toEqual([]);
      await context.close();
    }
  });

  test("a new offer refuses a bad landing URL beside the field, then creates it; its lead form is its own screen", async ({
    dashboard,
    db,
  }) => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "nordline@leadrail.test" } });
    const advertiserId = user.advertiserId as number;
    const before = await db.offer.count({ where: { advertiserId } });
    const { context, page } = await signIn(dashboard, user.email);
    const problems = watchConsole(page);
    await visit(page, "Offers", "advertiser-offers");
    await page.getByRole("link", { name: "New offer" }).click();
    await page.getByRole("heading", { level: 1, name: "New offer" }).waitFor();
    // The lead form is not part of the offer's terms any more: the builder has its own screen.
    expect(await page.getByRole("button", { name: "Add field" }).count()).toBe(0);
    expect(await page.getByLabel("Consent text").count()).toBe(0);
    const name = `Fibre switch ${Date.now().toString(36)}`;
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Vertical").fill("telecom");
    await page.getByLabel("Landing URL").fill("nordline.example/fibre");
    await page.getByLabel("Publisher payout (USD)").fill("10");
    await page.getByLabel("You pay per conversion (USD)").fill("15");
    await page.getByRole("button", { name: "Create offer (draft)" }).click();

    const landing = page.getByLabel("Landing URL");
    await expect.poll(() => landing.getAttribute("aria-invalid"), { timeout: UI_TIMEOUT }).toBe("true");
    const describedBy = (await landing.getAttribute("aria-describedby")) ?? "";
    const beside = page.locator(`[id="${describedBy.split(" ").at(-1)}"]`);
    expect(await beside.textContent()).toMatch(/^Landing URL: /);
    const summary = page.locator("#save-summary");
    expect(await summary.textContent()).toContain("Landing URL: ");
    expect(await summary.textContent()).not.toMatch(/landingUrl/);
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
    await shot(page, "advertiser-offer-landing-refused");
    await expectAccessible(page, "offer editor with errors");
    expect(await db.offer.count({ where: { advertiserId } })).toBe(before);

    await landing.fill("https://nordline.example/fibre?click={click_id}");
    await page.getByRole("button", { name: "Create offer (draft)" }).click();
    await page.getByRole("heading", { level: 1, name }).waitFor();
    const created = await db.offer.findFirstOrThrow({ where: { advertiserId, name } });
    expect(created).toMatchObject({
      status: "DRAFT",
      defaultPayout: 1000n,
      defaultRevenue: 1500n,
      landingMode: "URL",
    });
    await page.getByText("No lead form yet").waitFor();
    await page.getByRole("link", { name: "Lead form", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: `Lead form: ${name}` }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  test("caps for one publisher, quality rules and custom payouts are set from the editor", async ({
    dashboard,
    db,
  }) => {
    const offer = await db.offer.findFirstOrThrow({ where: { name: "Sushi Wave — First Order Lead" } });
    const approved = await db.offerApplication.findFirstOrThrow({
      where: { offerId: offer.id, status: "APPROVED", publisher: { name: "Social Bees" } },
      include: { publisher: true },
    });
    const { context, page } = await signIn(dashboard, "sushiwave@leadrail.test");
    const problems = watchConsole(page);
    await openOffer(page, offer.name);

    // The seeded cap for one publisher shows as such, with its publisher.
    const first = page.getByRole("group", { name: "Cap 1" });
    expect(await first.getByLabel("Applies to").inputValue()).toBe("PUBLISHER");
    const seededCap = await db.offerCap.findFirstOrThrow({
      where: { offerId: offer.id },
      include: { publisher: true },
    });
    expect(await first.getByRole("combobox", { name: "Publisher" }).inputValue()).toBe(
      seededCap.publisher?.name,
    );

    // A second cap for one publisher, with no publisher chosen: said beside it, nothing saved.
    await page.getByRole("button", { name: "Add cap" }).click();
    const second = page.getByRole("group", { name: "Cap 2" });
    await second.getByLabel("Applies to").selectOption("PUBLISHER");
    await second.getByLabel("Counts").selectOption("BUDGET");
    await second.getByLabel("Limit (USD)").fill("250.50");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.locator("#save-summary").getByText("Cap 2: choose a publisher").waitFor();
    expect(await second.getByLabel("Publisher").getAttribute("aria-invalid")).toBe("true");
    await shot(page, "advertiser-cap-publisher-refused");
    expect(await db.offerCap.count({ where: { offerId: offer.id } })).toBe(1);

    await pickOption(second, "Publisher", "social", approved.publisher.name);
    await page.getByLabel("When a lead shows a quality signal").selectOption("HOLD");
    await page.getByLabel("Minimum seconds from click to lead (0 = off)").fill("12");
    await page.getByLabel("Contact attempts per period").fill("4");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    const caps = await db.offerCap.findMany({ where: { offerId: offer.id }, orderBy: { id: "asc" } });
    expect(
      caps.map(({ scope, publisherId, metric, limit }) => ({ scope, publisherId, metric, limit })),
    ).toEqual([
      { scope: "PUBLISHER", publisherId: seededCap.publisherId, metric: "CONVERSIONS", limit: 25n },
      { scope: "PUBLISHER", publisherId: approved.publisherId, metric: "BUDGET", limit: 25_050n },
    ]);
    expect(await db.offer.findUniqueOrThrow({ where: { id: offer.id } })).toMatchObject({
      qualityPolicy: "HOLD",
      minSecondsToConvert: 12,
      contactLimit: 4,
    });

    // A custom payout for one publisher in one country, then removed again.
    const panel = page.getByRole("form", { name: "Add a custom payout" });
    await pickOption(panel, "Publisher", "bees", approved.publisher.name);
    await panel.getByLabel("Country").fill("us");
    await panel.getByLabel("Payout (USD)").fill("4.05");
    await panel.getByRole("button", { name: "Set custom payout" }).click();
    const remove = page.getByRole("button", {
      name: `Remove custom payout for ${approved.publisher.name} (US)`,
    });
    await remove.waitFor();
    expect(
      await db.customPayout.findFirstOrThrow({
        where: { offerId: offer.id, publisherId: approved.publisherId },
      }),
    ).toMatchObject({ country: "US", payout: 405n });
    await shot(page, "advertiser-offer-editor");
    await expectAccessible(page, "offer editor with custom payouts");
    await remove.click();
    await remove.waitFor({ state: "detached" });
    expect(
      await db.customPayout.count({ where: { offerId: offer.id, publisherId: approved.publisherId } }),
    ).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  test("an offer with more than 100 publishers: the cap's publisher is found by name, past the first 100", async ({
    dashboard,
    db,
  }) => {
    // Fuelway, whom no other test here signs in as: its 102 new applications would push the ones the
    // applications test acts on off that list's first page.
    const user = await db.user.findUniqueOrThrow({ where: { email: "fuelway@leadrail.test" } });
    const advertiserId = user.advertiserId as number;
    const offer = await db.offer.create({
      data: {
        advertiserId,
        name: "Crowded Offer — Many Publishers",
        vertical: "food",
        landingUrl: "https://fuelway.example/order?click={click_id}",
        status: "ACTIVE",
        visibility: "PUBLIC",
        currency: "USD",
        payoutModel: "CPL",
        defaultPayout: 500n,
        defaultRevenue: 800n,
      },
    });
    // The publisher to find applied first: the newest-first first page of 100 would never hold it.
    const wanted = await db.publisher.create({ data: { name: "Zephyr Coupon Traffic" } });
    await db.publisher.createMany({
      data: Array.from({ length: 101 }, (_, i) => ({
        name: `Crowd Publisher ${String(i + 1).padStart(3, "0")}`,
      })),
    });
    const crowd = await db.publisher.findMany({ where: { name: { startsWith: "Crowd Publisher " } } });
    await db.offerApplication.createMany({
      data: [wanted, ...crowd].map((p) => ({
        offerId: offer.id,
        publisherId: p.id,
        status: "APPROVED" as const,
      })),
    });
    expect(await db.offerApplication.count({ where: { offerId: offer.id, status: "APPROVED" } })).toBe(102);

    const { context, page } = await signIn(dashboard, user.email);
    const problems = watchConsole(page);
    await openOffer(page, offer.name);
    await page.getByRole("button", { name: "Add cap" }).click();
    const cap = page.getByRole("group", { name: "Cap 1" });
    await cap.getByLabel("Applies to").selectOption("PUBLISHER");
    await pickOption(cap, "Publisher", "zeph", wanted.name, { keyboard: true });
    expect(await cap.getByRole("combobox", { name: "Publisher" }).inputValue()).toBe(wanted.name);
    await cap.getByLabel("Limit (conversions)").fill("7");
    await shot(page, "advertiser-cap-publisher-search");
    await expectAccessible(page, "offer editor publisher picker");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    expect(
      await db.offerCap.findMany({
        where: { offerId: offer.id },
        select: { scope: true, publisherId: true, metric: true, limit: true },
      }),
    ).toEqual([{ scope: "PUBLISHER", publisherId: wanted.id, metric: "CONVERSIONS", limit: 7n }]);

    // Opened again, the cap names its publisher.
    await page.reload();
    await page.getByRole("group", { name: "Cap 1" }).waitFor();
    expect(
      await page
        .getByRole("group", { name: "Cap 1" })
        .getByRole("combobox", { name: "Publisher" })
        .inputValue(),
    ).toBe(wanted.name);

    // The Applications list shows every approved application of the advertiser's offers, past 100.
    await visit(page, "Applications", "advertiser-applications-paged", {
      ready: page.getByRole("table", { name: "Applications" }),
    });
    await page.getByLabel("Status").selectOption("APPROVED");
    await loadAllRows(
      page,
      "Applications",
      await db.offerApplication.count({ where: { status: "APPROVED", offer: { advertiserId } } }),
    );
    await shot(page, "advertiser-applications-loaded-more");
    await expectAccessible(page, "applications, loaded more");
    expect(problems).toEqual([]);
    await context.close();
  });

  test("leads: a lead's detail, confirm then return it with a reason, reject with a code, bulk confirm, CSV", async ({
    dashboard,
    db,
  }) => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "nordline@leadrail.test" } });
    const mine = { offer: { advertiserId: user.advertiserId as number } };
    expect(await db.conversion.count({ where: { ...mine, status: "PENDING" } })).toBeGreaterThanOrEqual(4);
    const { context, page } = await signIn(dashboard, user.email);
    const problems = watchConsole(page);
    await visit(page, "Leads", "advertiser-leads-inbox", { ready: page.locator("tr[data-lead-id]") });
    await expectAccessible(page, "leads inbox");

    // Open the newest pending lead: everything about it on one screen.
    const rows = page.locator("tr[data-lead-id]");
    const id = (await rows.first().getAttribute("data-lead-id")) ?? "";
    const lead = await db.conversion.findUniqueOrThrow({
      where: { id },
      include: { offer: true, publisher: true },
    });
    expect(lead.status).toBe("PENDING");
    await rows.first().getByRole("link").click();
    await page.getByRole("heading", { level: 2, name: "History" }).waitFor();
    const main = page.getByRole("main");
    for (const text of [
      lead.leadEmail,
      lead.leadPhone,
      lead.offer.name,
      lead.publisher?.name,
      lead.transactionId,
    ]) {
      if (text) await main.getByText(text, { exact: false }).first().waitFor();
    }
    if (lead.consentText) await main.getByText(lead.consentText, { exact: false }).waitFor();
    await shot(page, "advertiser-lead-detail");
    await expectAccessible(page, "lead detail");

    await page.getByRole("button", { name: "Confirm lead" }).click();
    await page.getByRole("status").filter({ hasText: "Lead confirmed." }).waitFor();
    expect((await db.conversion.findUniqueOrThrow({ where: { id } })).status).toBe("APPROVED");

    // Now approved and inside the offer's return window: it can be returned, with a reason.
    const returnForm = page.getByRole("form", { name: "Return this lead" });
    await returnForm.getByRole("button", { name: "Return lead" }).click();
    await expect
      .poll(() => returnForm.getByLabel("Return reason").getAttribute("aria-invalid"), {
        timeout: UI_TIMEOUT,
      })
      .toBe("true");
    expect((await db.conversion.findUniqueOrThrow({ where: { id } })).status).toBe("APPROVED");
    await returnForm.getByLabel("Return reason").fill("number belongs to someone else");
    await returnForm.getByRole("button", { name: "Return lead" }).click();
    await page.getByRole("status").filter({ hasText: "Lead returned." }).waitFor();
    expect(await db.conversion.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "REVERSED",
      statusReason: "number belongs to someone else",
      returnReason: "number belongs to someone else",
    });
    await page.getByRole("table", { name: "Lead history" }).getByText("Returned").waitFor();
    expect(await page.getByRole("button", { name: /Confirm lead|Reject lead|Return lead/ }).count()).toBe(0);
    await shot(page, "advertiser-lead-returned");

    // Another pending lead rejected from its detail with a reason code the publisher will read.
    await page.getByRole("link", { name: "← Leads" }).click();
    await rows.first().waitFor();
    const secondId = (await rows.first().getAttribute("data-lead-id")) ?? "";
    expect(secondId).not.toBe(id);
    await rows.first().getByRole("link").click();
    const rejectForm = page.getByRole("form", { name: "Reject this lead" });
    await rejectForm.getByLabel("Reason code").selectOption("invalid_contact");
    await rejectForm.getByLabel("Note").fill("phone switched off for a week");
    await rejectForm.getByRole("button", { name: "Reject lead" }).click();
    await page.getByRole("status").filter({ hasText: "Lead rejected." }).waitFor();
    expect(await db.conversion.findUniqueOrThrow({ where: { id: secondId } })).toMatchObject({
      status: "REJECTED",
      statusReason: "invalid_contact: phone switched off for a week",
    });

    // Bulk: two pending leads confirmed together.
    await page.getByRole("link", { name: "← Leads" }).click();
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBeGreaterThanOrEqual(2);
    const picked = [
      await rows.nth(0).getAttribute("data-lead-id"),
      await rows.nth(1).getAttribute("data-lead-id"),
    ];
    for (const pick of picked) await page.getByLabel(`Select lead ${pick}`).check();
    await page.getByRole("button", { name: "Confirm selected" }).click();
    await page.getByRole("status").filter({ hasText: "2 leads confirmed." }).waitFor();
    const confirmed = await db.conversion.findMany({ where: { id: { in: picked.map(String) } } });
    expect(confirmed.map((c) => c.status)).toEqual(["APPROVED", "APPROVED"]);

    // CSV of every lead of the filter (all pages), equal to the database's.
    await page.locator('select[name="status"]').selectOption("");
    await page.getByRole("button", { name: "Filter" }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    const csv = parseCsv(readFileSync((await download.path()) ?? "", "utf8"));
    const header = csv[0] ?? [];
    expect(header.slice(0, 3)).toEqual(["id", "converted_at", "status"]);
    const body = csv.slice(1).filter((row) => row.length > 1);
    const all = await db.conversion.findMany({ where: mine, select: { id: true, status: true } });
    expect(body.map((row) => row[0]).sort()).toEqual(all.map((c) => c.id).sort());
    const statusOf = new Map(all.map((c) => [c.id, c.status]));
    for (const row of body) expect(row[2]).toBe(statusOf.get(row[0] ?? ""));
    expect(problems).toEqual([]);
    await context.close();
  });

  test("integration: postback URL and pixel to copy, secret revealed and rotated behind a dialog, postback log", async ({
    dashboard,
    db,
  }) => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "sushiwave@leadrail.test" } });
    const advertiserId = user.advertiserId as number;
    const before = await db.advertiser.findUniqueOrThrow({ where: { id: advertiserId } });
    const { context, page } = await signIn(dashboard, user.email);
    const problems = watchConsole(page);
    await visit(page, "Integration", "advertiser-integration", {
      ready: page.locator("tr[data-postback-id]"),
    });
    await expectAccessible(page, "integration");

    // The selected offer's postback URL names that offer; the pixel is an <img> tag.
    const offers = await db.offer.findMany({ where: { advertiserId }, orderBy: { id: "desc" } });
    const postbackUrl = (await page.getByTestId("integration-postback-url").textContent()) ?? "";
    expect(postbackUrl).toContain(`offer_id=${offers[0]?.id}`);
    const second = offers[1];
    if (!second) throw new Error("the demo advertiser has fewer than two offers");
    // The option names the offer's id (two offers may share a name).
    await pickOption(page, "Offer", second.name, new RegExp(`#${second.id}$`));
    await expect
      .poll(() => page.getByTestId("integration-postback-url").textContent(), { timeout: UI_TIMEOUT })
      .toContain(`offer_id=${offers[1]?.id}`);
    expect(await page.getByTestId("integration-pixel").textContent()).toMatch(/^<img /);

    // Revealed on demand: the stored secret, and the reveal is in the audit log.
    await page.getByRole("button", { name: "Reveal secret" }).click();
    await expect
      .poll(() => page.getByTestId("postback-secret").textContent(), { timeout: UI_TIMEOUT })
      .toBe(before.postbackSecret);
    expect(
      await db.auditLog.count({
        where: { entityId: String(advertiserId), action: "advertiser.reveal_postback_secret" },
      }),
    ).toBe(1);

    // Rotating asks first, in a modal that starts on Cancel; cancelling changes nothing.
    const rotate = page.getByRole("button", { name: "Rotate secret…" });
    await rotate.click();
    const dialog = page.getByRole("dialog", { name: "Rotate the postback secret?" });
    await dialog.waitFor();
    expect(
      await dialog.getByRole("button", { name: "Cancel" }).evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await expectAccessible(page, "rotate dialog");
    await shot(page, "advertiser-rotate-dialog");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await rotate.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await db.advertiser.findUniqueOrThrow({ where: { id: advertiserId } })).postbackSecret).toBe(
      before.postbackSecret,
    );
    await rotate.click();
    await dialog.getByRole("button", { name: "Rotate now" }).click();
    await page.getByRole("status").filter({ hasText: "New secret in force" }).waitFor();
    const rotated = (await db.advertiser.findUniqueOrThrow({ where: { id: advertiserId } })).postbackSecret;
    expect(rotated).not.toBe(before.postbackSecret);
    expect(await page.getByTestId("postback-secret").textContent()).toBe(rotated);

    // The postback log, searched by a transaction id from the database: that row, read and answered.
    const logged = await db.inboundPostback.findFirstOrThrow({
      where: { advertiserId, transactionId: { not: null } },
      orderBy: { id: "desc" },
    });
    const search = page.getByRole("form", { name: "Search the postback log" });
    await search.getByLabel("Click ID or transaction ID").fill(logged.transactionId ?? "");
    await search.getByRole("button", { name: "Search" }).click();
    const rows = page.locator("tr[data-postback-id]");
    await expect
      .poll(() => rows.count(), { timeout: UI_TIMEOUT })
      .toBe(
        await db.inboundPostback.count({
          where: {
            advertiserId,
            OR: [{ clickId: logged.transactionId }, { transactionId: logged.transactionId }],
          },
        }),
      );
    const row = page.locator(`tr[data-postback-id="${logged.id}"]`);
    await row.getByText(logged.transactionId ?? "", { exact: true }).waitFor();
    if (logged.clickId) await row.getByText(logged.clickId, { exact: true }).waitFor();
    await row.getByText(/^(Recorded|Duplicate|Rejected)/).waitFor();
    await shot(page, "advertiser-postback-log");
    await search.getByLabel("Click ID or transaction ID").fill("no-such-transaction");
    await search.getByRole("button", { name: "Search" }).click();
    await page.getByText("No postback with click ID or transaction ID “no-such-transaction”.").waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  test("applications: approve, reject and block with reasons the publisher reads; unblock", async ({
    dashboard,
    db,
  }) => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "sushiwave@leadrail.test" } });
    const mine = { offer: { advertiserId: user.advertiserId as number } };
    const waiting = await db.offerApplication.findFirstOrThrow({
      where: { ...mine, status: "APPLIED", blockedAt: null },
      include: { offer: true, publisher: true },
    });
    const approved = await db.offerApplication.findFirstOrThrow({
      where: { ...mine, status: "APPROVED", blockedAt: null, offerId: { not: waiting.offerId } },
      include: { offer: true, publisher: true },
    });
    const { context, page } = await signIn(dashboard, user.email);
    const problems = watchConsole(page);
    await visit(page, "Applications", "advertiser-applications-waiting", {
      ready: page.locator("tr[data-application-id]"),
    });
    await expectAccessible(page, "applications");

    // Approve the waiting one, with a note.
    const who = (a: typeof waiting) => `${a.publisher.name} on ${a.offer.name}`;
    await page.getByRole("button", { name: `Approve ${who(waiting)}` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel(/^Reason/).fill("welcome, send us your best traffic");
    await dialog.getByRole("button", { name: "Approve", exact: true }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `${who(waiting)}: approved.` })
      .waitFor();
    expect(await db.offerApplication.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({
      status: "APPROVED",
      decisionReason: "welcome, send us your best traffic",
    });

    // Every application: block one — the reason is required, asked for beside its field.
    await page.getByLabel("Status").selectOption("");
    const block = page.getByRole("button", { name: `Block ${who(approved)}` });
    await block.click();
    await dialog.getByRole("button", { name: "Block", exact: true }).click();
    await expect
      .poll(() => dialog.getByLabel(/^Reason/).getAttribute("aria-invalid"), { timeout: UI_TIMEOUT })
      .toBe("true");
    await dialog.getByText("Say why you block this publisher; they will read it").waitFor();
    await shot(page, "advertiser-application-block-dialog");
    await expectAccessible(page, "block dialog");
    expect(
      (await db.offerApplication.findUniqueOrThrow({ where: { id: approved.id } })).blockedAt,
    ).toBeNull();
    await dialog.getByLabel(/^Reason/).fill("incentivised clicks from a rewards wall");
    await dialog.getByRole("button", { name: "Block", exact: true }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `${who(approved)}: blocked.` })
      .waitFor();
    const blocked = await db.offerApplication.findUniqueOrThrow({ where: { id: approved.id } });
    expect(blocked.blockedAt).not.toBeNull();
    expect(blocked.decisionReason).toBe("incentivised clicks from a rewards wall");
    await shot(page, "advertiser-applications-blocked");

    await page.getByRole("button", { name: `Unblock ${who(approved)}` }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `${who(approved)}: unblocked.` })
      .waitFor();
    expect(
      (await db.offerApplication.findUniqueOrThrow({ where: { id: approved.id } })).blockedAt,
    ).toBeNull();

    // Reject it now, with a reason.
    await page.getByRole("button", { name: `Reject ${who(approved)}` }).click();
    await dialog.getByLabel(/^Reason/).fill("traffic quality below our bar");
    await dialog.getByRole("button", { name: "Reject", exact: true }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `${who(approved)}: rejected.` })
      .waitFor();
    expect(await db.offerApplication.findUniqueOrThrow({ where: { id: approved.id } })).toMatchObject({
      status: "REJECTED",
      decisionReason: "traffic quality below our bar",
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  test("past the first 100 offers: the Offers list loads more, the Integration picker finds the 101st", async ({
    dashboard,
    db,
  }) => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "sushiwave@leadrail.test" } });
    const advertiserId = user.advertiserId as number;
    const bulk = Array.from({ length: 101 }, (_, i) => `Bulk offer ${String(i + 1).padStart(3, "0")}`);
    await db.offer.createMany({
      data: bulk.map((name) => ({
        advertiserId,
        name,
        vertical: "insurance",
        landingUrl: "https://advertiser.example/landing?click={click_id}",
        status: "DRAFT" as const,
        currency: "USD",
        payoutModel: "CPL" as const,
        defaultPayout: 1500n,
        defaultRevenue: 2000n,
      })),
    });
    // Newest first: "Bulk offer 001" is the 101st, past the first page, and every seeded offer after it.
    const ordered = await db.offer.findMany({ where: { advertiserId }, orderBy: { id: "desc" } });
    const first = ordered[100];
    if (first?.name !== "Bulk offer 001")
      throw new Error(`expected Bulk offer 001 101st, not ${first?.name}`);
    const oldest = ordered[ordered.length - 1];
    if (!oldest) throw new Error("no offers");
    const { context, page } = await signIn(dashboard, user.email);
    const problems = watchConsole(page);

    await visit(page, "Offers", "advertiser-offers-first-page", {
      ready: page.getByRole("link", { name: "Bulk offer 101", exact: true }),
    });
    const rows = page.locator("main table tbody tr");
    expect(await rows.count()).toBe(100);
    expect(await page.getByRole("link", { name: oldest.name, exact: true }).count()).toBe(0);
    await page.getByText(`100 of ${ordered.length} offers`).waitFor();
    await page.getByRole("button", { name: "Load more" }).click();
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(ordered.length);
    await page.getByRole("link", { name: oldest.name, exact: true }).first().waitFor();
    await page.getByRole("link", { name: "Bulk offer 001", exact: true }).waitFor();
    expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
    await shot(page, "advertiser-offers-load-more");

    // The integration screen starts on the newest offer; the picker finds one past the first 100.
    await visit(page, "Integration", "advertiser-integration-many", {
      ready: page.getByTestId("integration-postback-url"),
    });
    const newest = ordered[0];
    await expect
      .poll(() => page.getByTestId("integration-postback-url").textContent(), { timeout: UI_TIMEOUT })
      .toContain(`offer_id=${newest?.id}&`);
    await pickOption(page, "Offer", "bulk offer 001", "Bulk offer 001");
    await expect
      .poll(() => page.getByTestId("integration-postback-url").textContent(), { timeout: UI_TIMEOUT })
      .toContain(`offer_id=${first.id}&`);
    expect(await page.getByRole("combobox", { name: "Offer" }).inputValue()).toBe("Bulk offer 001");
    await pickOption(page, "Offer", oldest.name, new RegExp(`#${oldest.id}$`), { keyboard: true });
    await expect
      .poll(() => page.getByTestId("integration-postback-url").textContent(), { timeout: UI_TIMEOUT })
      .toContain(`offer_id=${oldest.id}&`);
    await shot(page, "advertiser-integration-picked");
    await expectAccessible(page, "integration with a picked offer");
    expect(problems).toEqual([]);
    await context.close();
  });
});
