// Every screen of every role's navigation passes axe (no serious or critical WCAG 2.1 A/AA violation),
// and so does the login page. The screens come from the navigation the role sees, so a new screen is
// checked the day it is linked. Every screen is checked before the test fails, so one run lists all.
// Screens reached from a list rather than the navigation (an offer's lead form) are listed below.
import { DEMO_PASSWORD } from "@leadrail/db/seed";
import { describe, expect } from "../src/fixtures.ts";
import { expectAccessible, shot, signIn, test, UI_TIMEOUT } from "./browser.ts";

const ROLES = [
  ["publisher", "arbitragelab@leadrail.test"],
  ["advertiser", "sushiwave@leadrail.test"],
  ["finance", "finance@leadrail.test"],
  ["admin", "admin@leadrail.test"],
] as const;

describe("accessibility", { timeout: 300_000 }, () => {
  test("the login page", async ({ dashboard }) => {
    const context = await dashboard.browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto(dashboard.url);
    await page.getByLabel("Password").waitFor();
    await expectAccessible(page, "login");
    // A refused sign-in shows its message; that state must pass too.
    await page.getByLabel("Email").fill("arbitragelab@leadrail.test");
    await page.getByLabel("Password").fill(`${DEMO_PASSWORD}-wrong`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();
    await expectAccessible(page, "login refused");
    await context.close();
  });

  test.for(ROLES)("every %s screen", async ([role, email], { dashboard }) => {
    const { context, page } = await signIn(dashboard, email);
    const nav = page.getByRole("navigation", { name: "Main" });
    const screens = await nav.getByRole("link").allTextContents();
    expect(screens.length).toBeGreaterThan(1);
    const failures: string[] = [];
    for (const screen of screens) {
      await nav.getByRole("link", { name: screen, exact: true }).click();
      await expect
        .poll(() => nav.getByRole("link", { name: screen, exact: true }).getAttribute("aria-current"), {
          timeout: UI_TIMEOUT,
        })
        .toBe("page");
      const main = page.getByRole("main");
      await main.getByRole("heading", { level: 1 }).first().waitFor();
      // Wait for the screen's data (its loading states gone), so axe sees what a person sees.
      await expect.poll(() => main.locator("[aria-busy='true']").count(), { timeout: UI_TIMEOUT }).toBe(0);
      await shot(page, `a11y-${role}-${screen.toLowerCase().replace(/\W+/g, "-")}`);
      try {
        await expectAccessible(page, `${role} ${screen}`);
      } catch (error) {
        // The assertion's own message says only "expected [ Array(1) ]…": keep the violations it found.
        const found = (error as { actual?: unknown }).actual;
        failures.push(found ? JSON.stringify(found) : String(error instanceof Error ? error.message : error));
      }
    }
    expect(failures).toEqual([]);
    await context.close();
  });

  // Screens reached from another screen rather than the navigation: an offer's Delivery screen (the
  // demo's switched-off destination, then the destination form open for each kind) and a lead's page
  // with its deliveries.
  test("an offer's delivery screen, its form, and a lead's deliveries", async ({ dashboard, db }) => {
    const { context, page } = await signIn(dashboard, "sushiwave@leadrail.test");
    const user = await db.user.findUniqueOrThrow({ where: { email: "sushiwave@leadrail.test" } });
    const offer = await db.offer.findFirstOrThrow({
      where: { advertiserId: user.advertiserId as number },
      orderBy: { id: "asc" },
    });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Offers" }).click();
    await page.getByRole("link", { name: `Delivery of ${offer.name}` }).click();
    const main = page.getByRole("main");
    await main.getByRole("heading", { level: 1, name: "Delivery" }).waitFor();
    await expect.poll(() => main.locator("[aria-busy='true']").count(), { timeout: UI_TIMEOUT }).toBe(0);
    await shot(page, "a11y-advertiser-delivery");
    const failures: string[] = [];
    const check = async (name: string) => {
      try {
        await expectAccessible(page, name);
      } catch (error) {
        // The assertion's own message says only "expected [ Array(1) ]…": keep the violations it found.
        const found = (error as { actual?: unknown }).actual;
        failures.push(found ? JSON.stringify(found) : String(error instanceof Error ? error.message : error));
      }
    };
    await check("advertiser delivery");
    await main.getByRole("button", { name: "Add destination" }).click();
    const form = main.getByRole("form", { name: "Destination settings" });
    // Refused, so the field messages are part of what is checked.
    await form.getByRole("button", { name: "Add destination" }).click();
    await form.getByText("Name: give the destination a name").waitFor();
    await check("advertiser delivery webhook form");
    await form.getByLabel("E-mail").check();
    await form.getByLabel("Recipients").waitFor();
    await shot(page, "a11y-advertiser-delivery-email-form");
    await check("advertiser delivery e-mail form");
    const lead = await db.conversion.findFirstOrThrow({
      where: { offerId: offer.id },
      orderBy: { id: "asc" },
    });
    await page.goto(`${dashboard.url}/leads/${lead.id}`);
    await main.getByRole("heading", { level: 2, name: "Deliveries to your CRM" }).waitFor();
    await expect.poll(() => main.locator("[aria-busy='true']").count(), { timeout: UI_TIMEOUT }).toBe(0);
    await check("advertiser lead deliveries");
    expect(failures).toEqual([]);
    await context.close();
  });

  // The admin's forms in the states the navigation pass does not reach: refused at their fields, and
  // with a search picker's list open (ui/SearchPicker.tsx).
  test("the admin's forms with their field errors and an open search picker", async ({ dashboard }) => {
    const { context, page } = await signIn(dashboard, "admin@leadrail.test");
    const nav = page.getByRole("navigation", { name: "Main" });
    const failures: string[] = [];
    const check = async (name: string) => {
      try {
        await expectAccessible(page, name);
      } catch (error) {
        const found = (error as { actual?: unknown }).actual;
        failures.push(found ? JSON.stringify(found) : String(error instanceof Error ? error.message : error));
      }
    };
    await nav.getByRole("link", { name: "Users", exact: true }).click();
    const form = page.getByRole("form", { name: "New user" });
    await form.getByRole("button", { name: "Create user" }).click();
    await form.locator(".field-error").first().waitFor();
    await check("admin users form refused");
    await form.getByRole("combobox", { name: "Advertiser account" }).fill("a");
    await form.getByRole("listbox", { name: "Matches" }).getByRole("option").first().waitFor();
    await shot(page, "a11y-admin-users-picker-open");
    await check("admin users account picker open");
    await nav.getByRole("link", { name: "API keys", exact: true }).click();
    const keyForm = page.getByRole("form", { name: "New API key" });
    await keyForm.getByRole("button", { name: "Create key" }).click();
    await keyForm.locator(".field-error").first().waitFor();
    await keyForm.getByRole("combobox", { name: "User" }).fill("leadrail");
    await keyForm.getByRole("listbox", { name: "Matches" }).getByRole("option").first().waitFor();
    await shot(page, "a11y-admin-api-keys-picker-open");
    await check("admin api key user picker open");
    expect(failures).toEqual([]);
    await context.close();
  });

  test.for([
    ["advertiser", "sushiwave@leadrail.test"],
    ["admin", "admin@leadrail.test"],
  ] as const)("an offer's lead form screen as %s", async ([role, email], { dashboard }) => {
    const { context, page } = await signIn(dashboard, email);
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Offers", exact: true })
      .click();
    await page
      .getByRole("link", { name: / form for / })
      .first()
      .click();
    await page.getByRole("heading", { level: 1, name: /^Lead form: / }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Lead magnet" }).waitFor();
    await shot(page, `a11y-${role}-lead-form`);
    await expectAccessible(page, `${role} lead form`);
    await context.close();
  });
});
