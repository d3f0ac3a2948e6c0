// Admin jobs added in issue 14's second round, done in the browser as an admin would: change a user's
// role (and see the refusals at the right place), page through lists longer than one page, and find
// every custom payout and every offer's lead-quality rules in one place. Each step is checked in the
// database; each screen passes axe.

import { QUALITY_SIGNAL_WORDS } from "@leadrail/db/conversion-reasons";
import { QUALITY_POLICY_WORDS } from "@leadrail/db/offer-terms";
import type { BrowserContext, Page } from "playwright-core";
import { formatMoney, setLocale } from "../../dashboard/src/ui/format.ts";
import { describe, expect } from "../src/fixtures.ts";
import {
  expectAccessible,
  fieldError,
  pickOption,
  shot,
  signIn,
  test,
  UI_TIMEOUT,
  visit,
} from "./browser.ts";

setLocale("en-US");

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

describe("admin network screens", { timeout: 240_000 }, () => {
  test("admin changes a publisher user into an advertiser user; their session ends", async ({
    dashboard,
    db,
  }) => {
    const member = await db.user.findFirstOrThrow({
      where: { role: "PUBLISHER", publisher: { name: "SEO Garden" } },
    });
    // The member is signed in elsewhere: that session must end with the change.
    const other = await signIn(dashboard, member.email);
    expect(await db.session.count({ where: { userId: member.id } })).toBeGreaterThan(0);

    const session = await as(dashboard, "admin@leadrail.test");
    const { page } = session;
    const status = () => page.getByRole("status").first().textContent();
    await visit(page, "Users", "admin-users-roles", { ready: page.getByRole("table", { name: "Users" }) });
    // No control for one's own role.
    expect(await page.getByRole("button", { name: "Change role of admin@leadrail.test" }).count()).toBe(0);

    await page.getByRole("button", { name: `Change role of ${member.email}` }).click();
    const dialog = page.getByRole("dialog", { name: `Change the role of ${member.email}` });
    await dialog.getByLabel("New role").selectOption("ADVERTISER");
    // Without an account the rule refuses at the account field, before any round trip.
    await dialog.getByRole("button", { name: "Change role" }).click();
    const accountBox = dialog.getByRole("combobox", { name: "Advertiser account" });
    await expect
      .poll(() => fieldError(accountBox), { timeout: UI_TIMEOUT })
      .toBe("Choose the advertiser this user belongs to");
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).role).toBe("PUBLISHER");
    const advertiser = await db.advertiser.findFirstOrThrow({ orderBy: { id: "asc" } });
    await accountBox.fill(advertiser.name.slice(0, 4));
    await dialog.getByRole("option", { name: advertiser.name }).first().waitFor();
    await expectAccessible(page, "users role dialog, account picker open");
    await shot(page, "admin-users-role-dialog-picker");
    await pickOption(dialog, "Advertiser account", advertiser.name, advertiser.name);
    expect(await fieldError(accountBox)).toBe("");
    await expectAccessible(page, "users role dialog");
    await shot(page, "admin-users-role-dialog");
    await dialog.getByRole("button", { name: "Change role" }).click();
    await expect
      .poll(status, { timeout: UI_TIMEOUT })
      .toBe(
        `${member.email} is now advertiser of ${advertiser.name}; their sessions ended and API keys were revoked.`,
      );
    expect(await db.user.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({
      role: "ADVERTISER",
      advertiserId: advertiser.id,
      publisherId: null,
    });
    expect(await db.session.count({ where: { userId: member.id } })).toBe(0);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "user.role_change", entityId: String(member.id) },
    });
    expect(audit.before).toMatchObject({ role: "PUBLISHER" });
    const row = page.locator(`tr[data-user-id="${member.id}"]`);
    await expect.poll(() => row.textContent(), { timeout: UI_TIMEOUT }).toContain(advertiser.name);
    await shot(page, "admin-users-role-changed");

    // Their open dashboard is signed out at its next request.
    await other.page.reload();
    await other.page.getByLabel("Password").waitFor();
    await other.context.close();

    // Back to a network role: finance takes no account.
    await page.getByRole("button", { name: `Change role of ${member.email}` }).click();
    const back = page.getByRole("dialog", { name: `Change the role of ${member.email}` });
    await back.getByLabel("New role").selectOption("FINANCE");
    expect(await back.getByRole("combobox", { name: "Advertiser account" }).count()).toBe(0);
    await back.getByRole("button", { name: "Change role" }).click();
    await expect.poll(status, { timeout: UI_TIMEOUT }).toMatch(/is now finance;/);
    expect(await db.user.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({
      role: "FINANCE",
      advertiserId: null,
      publisherId: null,
    });
    await done(session);
  });

  test("admin forms check at the field before a round trip, take the API's refusals at the field, and pick past the first 100", async ({
    dashboard,
    db,
  }) => {
    // More publishers and users than any first page holds; the ones the test picks are the last.
    const stamp = Date.now().toString(36);
    await db.publisher.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({ name: `Picker Publisher ${stamp} ${i}` })),
    });
    const lastPublisher = await db.publisher.findFirstOrThrow({
      where: { name: `Picker Publisher ${stamp} 119` },
    });
    expect(await db.publisher.count({ where: { id: { lt: lastPublisher.id } } })).toBeGreaterThanOrEqual(100);
    await db.user.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        email: `picker-${stamp}-${i}@leadrail.test`,
        name: `Picker ${i}`,
        role: "FINANCE" as const,
      })),
    });
    const lastUser = await db.user.findUniqueOrThrow({
      where: { email: `picker-${stamp}-119@leadrail.test` },
    });
    expect(await db.user.count({ where: { id: { lt: lastUser.id } } })).toBeGreaterThanOrEqual(100);

    const session = await as(dashboard, "admin@leadrail.test");
    const { page } = session;
    // Every mutation the page sends, by operation name (urql POSTs mutations).
    const sent: string[] = [];
    page.on("request", (request) => {
      const body = request.postData();
      const name = body ? /"operationName":"(\w+)"|mutation (\w+)/.exec(body) : null;
      if (name) sent.push(name[1] ?? name[2] ?? "");
    });

    // Users: every mistake at its field, nothing sent, nothing stored.
    await visit(page, "Users", "admin-users-form", { ready: page.getByRole("table", { name: "Users" }) });
    const form = page.getByRole("form", { name: "New user" });
    const users = await db.user.count();
    await form.getByLabel("Role").selectOption("PUBLISHER");
    await form.getByLabel("E-mail").fill("not an e-mail");
    await form.getByLabel("Password (optional, 12+ characters)").fill("short");
    await form.getByRole("button", { name: "Create user" }).click();
    const account = form.getByRole("combobox", { name: "Publisher account" });
    await expect
      .poll(() => fieldError(account), { timeout: UI_TIMEOUT })
      .toBe("Choose the publisher this user belongs to");
    expect(await fieldError(form.getByLabel("E-mail"))).toBe("Must be an e-mail address");
    expect(await fieldError(form.getByLabel("Name", { exact: true }))).toBe("Must not be empty");
    expect(await fieldError(form.getByLabel("Password (optional, 12+ characters)"))).toBe(
      "Must be at least 12 characters",
    );
    expect(await form.getByLabel("E-mail").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "users form with its errors");
    await shot(page, "admin-users-form-errors");
    expect(sent.filter((name) => name === "CreateUser")).toEqual([]);
    expect(await db.user.count()).toBe(users);

    // An e-mail that is taken: the API refuses, and its refusal lands at the e-mail field.
    await form.getByLabel("Role").selectOption("FINANCE");
    await form.getByLabel("E-mail").fill("Admin@Leadrail.test");
    await form.getByLabel("Name", { exact: true }).fill("Second Admin");
    await form.getByLabel("Password (optional, 12+ characters)").fill("");
    await form.getByRole("button", { name: "Create user" }).click();
    await expect
      .poll(() => fieldError(form.getByLabel("E-mail")), { timeout: UI_TIMEOUT })
      .toBe("A user with this e-mail exists");
    expect(sent.filter((name) => name === "CreateUser")).toHaveLength(1);
    expect(await form.getByRole("alert").count()).toBe(0);
    expect(await db.user.count()).toBe(users);
    expect(await db.user.count({ where: { name: "Second Admin" } })).toBe(0);
    await shot(page, "admin-users-duplicate-email");

    // A publisher past the first 100, found by searching and picked with the mouse.
    await form.getByLabel("Role").selectOption("PUBLISHER");
    await account.click();
    await form.getByRole("listbox").getByRole("option").first().waitFor();
    expect(await account.getAttribute("aria-expanded")).toBe("true");
    await pickOption(form, "Publisher account", `${stamp} 119`, lastPublisher.name);
    expect(await account.inputValue()).toBe(lastPublisher.name);
    expect(await account.getAttribute("aria-expanded")).toBe("false");
    await form.getByLabel("E-mail").fill(`picked-${stamp}@leadrail.test`);
    await form.getByLabel("Name", { exact: true }).fill("Picked Publisher User");
    await form.getByRole("button", { name: "Create user" }).click();
    await page.getByText(`picked-${stamp}@leadrail.test is created.`).waitFor();
    expect(
      await db.user.findUniqueOrThrow({ where: { email: `picked-${stamp}@leadrail.test` } }),
    ).toMatchObject({
      role: "PUBLISHER",
      publisherId: lastPublisher.id,
      advertiserId: null,
      passwordHash: null,
    });
    // The form starts over (an advertiser user again), the picker with it.
    expect(await form.getByLabel("Role").inputValue()).toBe("ADVERTISER");
    expect(await form.getByRole("combobox", { name: "Advertiser account" }).inputValue()).toBe("");

    // API keys: nothing chosen is refused at the fields; then a user past the first 100, by keyboard.
    await visit(page, "API keys", "admin-api-keys-form", {
      ready: page.getByRole("table", { name: "API keys" }),
    });
    const keyForm = page.getByRole("form", { name: "New API key" });
    const keys = await db.apiKey.count();
    await keyForm.getByRole("button", { name: "Create key" }).click();
    const userBox = keyForm.getByRole("combobox", { name: "User" });
    await expect.poll(() => fieldError(userBox), { timeout: UI_TIMEOUT }).toBe("Choose the user");
    expect(await fieldError(keyForm.getByLabel("Key name"))).toBe("Must not be empty");
    expect(sent.filter((name) => name === "CreateApiKey")).toEqual([]);
    expect(await db.apiKey.count()).toBe(keys);
    await pickOption(keyForm, "User", `picker-${stamp}-119`, lastUser.email, { keyboard: true });
    expect(await userBox.inputValue()).toBe(lastUser.email);
    expect(await fieldError(userBox)).toBe("");
    await keyForm.getByLabel("Key name").fill("Picked key");
    await expectAccessible(page, "api key form");
    await keyForm.getByRole("button", { name: "Create key" }).click();
    await page.getByTestId("new-api-key").waitFor();
    expect(await db.apiKey.findFirstOrThrow({ where: { name: "Picked key" } })).toMatchObject({
      userId: lastUser.id,
      revokedAt: null,
    });
    expect(await db.apiKey.count()).toBe(keys + 1);
    await shot(page, "admin-api-key-picked");

    // Accounts: a suspension without a reason is refused at the reason, and nothing changes.
    await visit(page, "Accounts", "admin-accounts-form", {
      ready: page.getByRole("table", { name: "Publishers" }),
    });
    await page.getByLabel("Advertiser name").fill("   ");
    await page.getByRole("button", { name: "Create advertiser" }).click();
    await expect
      .poll(() => fieldError(page.getByLabel("Advertiser name")), { timeout: UI_TIMEOUT })
      .toBe("Must not be empty");
    expect(sent.filter((name) => name === "CreateAdvertiser")).toEqual([]);
    const publisher = await db.publisher.findFirstOrThrow({ where: { name: "Native Pulse" } });
    await page.getByRole("button", { name: `Suspend ${publisher.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Suspend ${publisher.name}` });
    await dialog.getByRole("button", { name: "Suspend account" }).click();
    const reason = dialog.getByLabel("Reason for the suspension");
    await expect
      .poll(() => fieldError(reason), { timeout: UI_TIMEOUT })
      .toBe("Say why, in a few words: it is kept in the audit log");
    await expectAccessible(page, "suspend dialog with its error");
    await shot(page, "admin-accounts-suspend-refused");
    expect(sent.filter((name) => name === "SetPublisherStatus")).toEqual([]);
    expect((await db.publisher.findUniqueOrThrow({ where: { id: publisher.id } })).status).toBe("ACTIVE");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await done(session);
  });

  test("admin lists load past their first 100 rows", async ({ dashboard, db }) => {
    // 130 more publishers (each with a user and an application), advertisers and API keys than any
    // first page holds.
    const stamp = Date.now();
    const offer = await db.offer.findFirstOrThrow({ orderBy: { id: "asc" } });
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@leadrail.test" } });
    await db.advertiser.createMany({
      data: Array.from({ length: 130 }, (_, i) => ({
        name: `Bulk Advertiser ${i}`,
        postbackSecret: `bulk-secret-${stamp}-${i}-0123456789abcdef`,
      })),
    });
    await db.publisher.createMany({
      data: Array.from({ length: 130 }, (_, i) => ({ name: `Bulk Publisher ${i}` })),
    });
    const bulk = await db.publisher.findMany({ where: { name: { startsWith: "Bulk Publisher " } } });
    await db.user.createMany({
      data: bulk.map((p, i) => ({
        email: `bulk-${i}@leadrail.test`,
        name: `Bulk ${i}`,
        role: "PUBLISHER" as const,
        publisherId: p.id,
      })),
    });
    await db.offerApplication.createMany({
      data: bulk.map((p) => ({ offerId: offer.id, publisherId: p.id, status: "APPLIED" as const })),
      skipDuplicates: true,
    });
    await db.apiKey.createMany({
      data: Array.from({ length: 130 }, (_, i) => ({
        userId: admin.id,
        name: `bulk ${i}`,
        prefix: "lr_bulk",
        keyHash: `bulk-${stamp}-${i}`,
      })),
    });

    const session = await as(dashboard, "admin@leadrail.test");
    const { page } = session;
    /** The pager says "· 100 rows" and that more exist ("+"); Load more until it shows them all. */
    async function loadAll(label: string, total: number) {
      const pager = page.getByRole("navigation", { name: `${label} pages` });
      const text = async () => (await pager.locator("span").first().textContent()) ?? "";
      const shown = async () => Number((await text()).match(/(\d+) rows$/)?.[1] ?? 0);
      await expect.poll(text, { timeout: UI_TIMEOUT }).toMatch(/\+ · 100 rows$/);
      let count = 100;
      while (count < total) {
        await pager.getByRole("button", { name: "Load more" }).click();
        await expect.poll(shown, { timeout: UI_TIMEOUT }).toBeGreaterThan(count);
        count = await shown();
      }
      expect(await text()).toMatch(new RegExp(`of \\d+ · ${total} rows$`));
      expect(await pager.getByRole("button", { name: "Load more" }).count()).toBe(0);
    }

    await visit(page, "Accounts", "admin-accounts-paged", {
      ready: page.getByRole("table", { name: "Publishers" }),
    });
    await loadAll("Advertisers", await db.advertiser.count());
    await loadAll("Publishers", await db.publisher.count());
    await shot(page, "admin-accounts-loaded-more");

    await visit(page, "Users", "admin-users-paged", { ready: page.getByRole("table", { name: "Users" }) });
    await loadAll("Users", await db.user.count());
    await shot(page, "admin-users-loaded-more");

    await visit(page, "API keys", "admin-api-keys-paged", {
      ready: page.getByRole("table", { name: "API keys" }),
    });
    await loadAll("API keys", await db.apiKey.count());

    await visit(page, "Applications", "admin-applications-paged", {
      ready: page.getByRole("table", { name: "Applications" }),
    });
    await loadAll("Applications", await db.offerApplication.count());
    await expectAccessible(page, "applications loaded more");
    await shot(page, "admin-applications-loaded-more");
    await done(session);
  });

  test("admin sees every custom payout and every offer's quality rules, and opens an offer to change them", async ({
    dashboard,
    db,
  }) => {
    // One custom payout of our own besides the demo's, on another advertiser's offer.
    const offer = await db.offer.findFirstOrThrow({ where: { payoutModel: "CPL" }, orderBy: { id: "desc" } });
    const publisher = await db.publisher.findFirstOrThrow({ where: { name: "Native Pulse" } });
    await db.customPayout.deleteMany({ where: { offerId: offer.id, publisherId: publisher.id } });
    const mine = await db.customPayout.create({
      data: { offerId: offer.id, publisherId: publisher.id, country: "DE", payout: 4321n },
    });
    const session = await as(dashboard, "admin@leadrail.test");
    const { page } = session;

    await visit(page, "Custom payouts", "admin-custom-payouts", {
      ready: page.getByRole("table", { name: "Custom payouts" }),
    });
    await expectAccessible(page, "custom payouts");
    const rows = page.getByRole("table", { name: "Custom payouts" }).locator("tbody tr");
    expect(await rows.count()).toBe(Math.min(25, await db.customPayout.count()));
    const row = page.locator(`tr[data-custom-payout-id="${mine.id}"]`);
    const cells = await row.locator("td").allTextContents();
    expect(cells.slice(0, 4)).toEqual([offer.name, publisher.name, "DE", formatMoney(4321n, offer.currency)]);
    await row.getByRole("link", { name: `Edit offer ${offer.name}` }).click();
    await page.getByRole("heading", { level: 1, name: offer.name }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/offers/${offer.id}`);

    await visit(page, "Quality rules", "admin-quality-rules", {
      ready: page.getByRole("table", { name: "Quality rules" }),
    });
    await expectAccessible(page, "quality rules");
    const offers = await db.offer.findMany({ include: { advertiser: true } });
    const pager = page.getByRole("navigation", { name: "Quality rules pages" });
    if (offers.length > 25) expect(await pager.textContent()).toContain(`${offers.length} rows`);
    const first = offers[0];
    if (!first) throw new Error("the demo has no offers");
    const ruleRow = page.locator(`tr[data-offer-id="${first.id}"]`);
    if ((await ruleRow.count()) > 0) {
      const ruleCells = await ruleRow.locator("td").allTextContents();
      expect(ruleCells[1]).toBe(first.advertiser.name);
      const words = QUALITY_POLICY_WORDS[first.qualityPolicy];
      expect(ruleCells[3]).toBe(words.charAt(0).toUpperCase() + words.slice(1));
      expect(ruleCells.join(" ")).not.toMatch(/\b(REJECT|HOLD|FLAG)\b/);
    }
    await shot(page, "admin-quality-rules");
    await done(session);
  });

  test("the advertiser's inbox shows quality signals in words, never codes", async ({ dashboard, db }) => {
    const flagged = await db.conversion.findFirstOrThrow({
      where: { qualitySignals: { not: [] }, offer: { advertiser: { users: { some: {} } } } },
      include: { offer: { include: { advertiser: { include: { users: true } } } } },
      orderBy: { convertedAt: "desc" },
    });
    const user = flagged.offer.advertiser.users[0];
    if (!user) throw new Error("no advertiser user");
    const session = await as(dashboard, user.email);
    const { page } = session;
    // The inbox: whatever flagged leads its first page holds show labels, not codes.
    await visit(page, "Leads", "advertiser-leads-words");
    for (const badge of await page.locator("tbody .badge-warning").allTextContents()) {
      expect(Object.values(QUALITY_SIGNAL_WORDS)).toContain(badge);
    }
    // The flagged lead's own page names each of its signals in words.
    await page.goto(`${dashboard.url}/leads/${flagged.id}`);
    const signals = page.locator("dt", { hasText: "Signals" }).locator("xpath=following-sibling::dd[1]");
    await signals.waitFor();
    const text = (await signals.textContent()) ?? "";
    const codes = (flagged.qualitySignals as { code: string }[]).map((signal) => signal.code);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) {
      expect(text).toContain(QUALITY_SIGNAL_WORDS[code] ?? "(a signal without words)");
      expect(text).not.toContain(code);
    }
    await shot(page, "advertiser-lead-signals-words");
    await done(session);
  });
});
