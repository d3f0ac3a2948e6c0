// The lead-form screen in headless Chromium as the demo advertiser: build a form with a select and a
// checkbox while the preview follows every keystroke, be refused beside the field, save, send clicks to
// the hosted form, copy the embed snippet, fill a code pool and see it run low (here and on the offer
// list); then the tracker serves what was built (the widget's JSON definition and the form page). And a lead's detail shows its
// capture channel, consent version, reward and chat conversation.
import type { Page } from "playwright-core";
import { describe, expect } from "../src/fixtures.ts";
import { startTracker } from "../src/tracker.ts";
import { expectAccessible, shot, signIn, test, UI_TIMEOUT, visit } from "./browser.ts";

/** Fails the test on any console error or uncaught exception in the page. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return problems;
}

describe("lead forms", { timeout: 240_000 }, () => {
  test("build a form with a live preview, land clicks on it, embed it, fill a code pool; the tracker serves it", async ({
    dashboard,
    db,
    databaseUrl,
    redisUrl,
    redisPrefix,
  }) => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "sushiwave@leadrail.test" } });
    const advertiserId = user.advertiserId as number;
    const offer = await db.offer.findFirstOrThrow({
      where: { advertiserId, status: "ACTIVE", leadForm: null },
      orderBy: { id: "asc" },
    });
    const { context, page } = await signIn(dashboard, user.email);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: dashboard.url });
    const problems = watchConsole(page);
    await visit(page, "Offers", "lead-form-offers");
    const escaped = offer.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    await page.getByRole("link", { name: new RegExp(`form for ${escaped}$`, "i") }).click();
    await page.getByRole("heading", { level: 1, name: `Lead form: ${offer.name}` }).waitFor();
    await page.getByText("This offer has no form yet").waitFor();

    const builder = page.getByRole("form", { name: "Lead form builder" });
    const preview = page.getByTestId("form-preview");
    // The preview follows the title as it is typed.
    await builder.getByLabel("Title", { exact: true }).fill("Free sushi tasting");
    await expect
      .poll(() => preview.locator(".preview-title").first().textContent(), { timeout: UI_TIMEOUT })
      .toBe("Free sushi tasting");

    // A select with its options, and a checkbox.
    await builder.getByRole("button", { name: "Add field" }).click();
    const third = builder.getByRole("group", { name: "Field 3" });
    await third.getByLabel("Label").fill("Favourite roll");
    await third.getByLabel("Type").selectOption("select");
    expect(await third.getByLabel("Identifier").inputValue()).toBe("favourite_roll");
    await third.getByLabel("Required").check();
    await builder.getByRole("button", { name: "Add field" }).click();
    const fourth = builder.getByRole("group", { name: "Field 4" });
    await fourth.getByLabel("Label").fill("Send me the menu");
    await fourth.getByLabel("Type").selectOption("checkbox");
    await preview.getByLabel("Send me the menu").waitFor();
    expect(await preview.getByRole("checkbox", { name: "Send me the menu" }).count()).toBe(1);

    // Saving a select without options is refused beside its input; nothing is stored.
    await builder.getByRole("button", { name: "Save form" }).click();
    const options = third.getByLabel("Options (one per line)");
    await expect.poll(() => options.getAttribute("aria-invalid"), { timeout: UI_TIMEOUT }).toBe("true");
    await page
      .locator("#form-save-summary")
      .getByText("Field 3 options: must have at least one option")
      .waitFor();
    await shot(page, "lead-form-refused");
    expect(await db.leadForm.count({ where: { offerId: offer.id } })).toBe(0);

    await options.fill("Salmon\nTuna\nVeggie");
    await expect
      .poll(() => preview.getByLabel("Favourite roll").locator("option").allTextContents(), {
        timeout: UI_TIMEOUT,
      })
      .toEqual(["Choose…", "Salmon", "Tuna", "Veggie"]);
    // Reordered with the buttons: the checkbox above the select, in the preview too.
    await builder.getByRole("button", { name: "Move field 4 up" }).click();
    await expect
      .poll(
        async () => (await preview.locator(".preview-form label").allTextContents()).map((t) => t.trim()),
        {
          timeout: UI_TIMEOUT,
        },
      )
      .toEqual(["Your name *", "E-mail *", "Send me the menu", "Favourite roll *"]);
    await builder.getByLabel("Consent text").fill("I agree that Sushi Wave may e-mail me about the tasting.");
    await preview.getByText("I agree that Sushi Wave may e-mail me about the tasting.").waitFor();
    await builder.getByLabel("Submit button").fill("Book my tasting");
    await preview.getByRole("button", { name: "Book my tasting" }).waitFor();
    await builder.getByRole("button", { name: "Save form" }).click();
    await page.locator("#form-save-summary").getByText("Saved.").waitFor();
    const form = await db.leadForm.findUniqueOrThrow({ where: { offerId: offer.id } });
    expect(form).toMatchObject({
      title: "Free sushi tasting",
      submitLabel: "Book my tasting",
      consentText: "I agree that Sushi Wave may e-mail me about the tasting.",
      consentVersion: 1,
      fields: [
        { name: "name", label: "Your name", type: "text", required: true },
        { name: "email", label: "E-mail", type: "email", required: true },
        { name: "send_me_the_menu", label: "Send me the menu", type: "checkbox", required: false },
        {
          name: "favourite_roll",
          label: "Favourite roll",
          type: "select",
          required: true,
          options: ["Salmon", "Tuna", "Veggie"],
        },
      ],
    });
    await page.getByText("Current version: 1.").waitFor();
    // The refetch that brought the saved form back did not take the confirmation with it.
    expect(await page.locator("#form-save-summary").textContent()).toContain("Saved.");
    await shot(page, "lead-form-saved");
    await expectAccessible(page, "lead form");

    // Clicks land on the hosted form now.
    const landing = page.getByRole("form", { name: "Landing" });
    await landing.getByLabel(/The hosted lead form/).check();
    await landing.getByRole("button", { name: "Use this landing" }).click();
    await landing.getByText("Clicks now land on the hosted form.").waitFor();
    expect((await db.offer.findUniqueOrThrow({ where: { id: offer.id } })).landingMode).toBe("HOSTED_FORM");

    // The embed snippet: a pop-up on exit intent, copied as shown.
    const embed = page.getByRole("region", { name: "Embed on your site" });
    await embed.getByLabel("Display").selectOption("popup");
    await embed.getByLabel("Open it").selectOption("exit");
    const snippet = embed.getByTestId("embed-snippet");
    const expected = `<script src="https://t.leadrail.test/w.js" data-form="${form.key}" data-mode="popup" data-trigger="exit" async></script>`;
    await expect.poll(() => snippet.textContent(), { timeout: UI_TIMEOUT }).toBe(expected);
    await embed.getByRole("button", { name: "Copy snippet" }).click();
    await embed.getByRole("button", { name: "Copied" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    expect(await embed.getByTestId("hosted-url").textContent()).toBe(
      `https://t.leadrail.test/form/${form.key}`,
    );

    // A code pool warned at 5 codes: three codes (one pasted twice), then low.
    const magnet = page.getByRole("form", { name: "Lead magnet" });
    await magnet.getByLabel("Kind").selectOption("CODE_POOL");
    await magnet.getByLabel("Reward title").fill("A free roll on your first order");
    await magnet.getByLabel("Warn when codes left are at most").fill("5");
    await magnet.getByRole("button", { name: "Save lead magnet" }).click();
    await magnet.getByText("Lead magnet saved.").waitFor();
    const codes = page.getByRole("form", { name: "Add codes" });
    await codes.getByLabel(/^Codes/).fill("ROLL-1\nROLL-2\nROLL-2\nROLL-3");
    await codes.getByRole("button", { name: "Add codes" }).click();
    await codes.getByText("3 codes added, 1 skipped (already in the pool or repeated).").waitFor();
    await page.getByRole("alert").filter({ hasText: "Running low: only 3 codes left" }).waitFor();
    // A CSV export: its first column, header skipped; ROLL-3 is in the pool already.
    await codes.getByLabel("Or import a CSV or text file").setInputFiles({
      name: "codes.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("code,value\nROLL-3,1\nROLL-4,1\n"),
    });
    await expect.poll(() => codes.getByLabel(/^Codes/).inputValue()).toContain("ROLL-4");
    await codes.getByRole("button", { name: "Add codes" }).click();
    await codes.getByText("1 code added, 1 skipped (already in the pool or repeated).").waitFor();
    await expect.poll(() => page.getByTestId("pool-left").textContent(), { timeout: UI_TIMEOUT }).toBe("4");
    const stored = await db.leadMagnet.findUniqueOrThrow({
      where: { offerId: offer.id },
      include: { codes: true },
    });
    expect(stored).toMatchObject({
      kind: "CODE_POOL",
      lowStockThreshold: 5,
      title: "A free roll on your first order",
    });
    expect(stored.codes.map((c) => c.code).sort()).toEqual(["ROLL-1", "ROLL-2", "ROLL-3", "ROLL-4"]);
    await shot(page, "lead-form-magnet-low");
    await expectAccessible(page, "lead form with a low code pool");

    // The offer list says so too.
    await visit(page, "Offers", "lead-form-offers-low");
    await page
      .getByRole("row", { name: new RegExp(offer.name) })
      .getByText("codes low: 4 left")
      .waitFor();
    expect(problems).toEqual([]);
    await context.close();

    // The tracker serves what was built: the widget's definition (/form/<key>.json) and a publisher's
    // form page (/f/<link code>, which resolves the offer's form).
    const publisher = await db.publisher.findFirstOrThrow({ orderBy: { id: "asc" } });
    const link = await db.trackingLink.create({
      data: { publisherId: publisher.id, offerId: offer.id, code: `lf${Date.now().toString(36)}` },
    });
    const tracker = await startTracker({ db, databaseUrl, redisUrl, redisPrefix });
    try {
      const definition = await fetch(`${tracker.url}/form/${form.key}.json`);
      expect(definition.status).toBe(200);
      expect(await definition.json()).toMatchObject({
        key: form.key,
        title: "Free sushi tasting",
        submitLabel: "Book my tasting",
        consent: { text: "I agree that Sushi Wave may e-mail me about the tasting.", version: 1 },
        fields: [
          { name: "name", type: "text", required: true },
          { name: "email", type: "email", required: true },
          { name: "send_me_the_menu", type: "checkbox", required: false },
          { name: "favourite_roll", type: "select", required: true, options: ["Salmon", "Tuna", "Veggie"] },
        ],
      });
      const response = await fetch(`${tracker.url}/f/${link.code}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      for (const text of [
        "Free sushi tasting",
        "Send me the menu",
        "Favourite roll",
        "I agree that Sushi Wave may e-mail me about the tasting.",
      ]) {
        expect(html).toContain(text);
      }
      expect(html.indexOf("Send me the menu")).toBeLessThan(html.indexOf("Favourite roll"));
    } finally {
      await tracker.close();
    }
  });

  test("a lead's detail shows its capture channel, consent version, reward and chat conversation", async ({
    dashboard,
    db,
  }) => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "nordline@leadrail.test" } });
    const lead = await db.conversion.findFirstOrThrow({
      where: { offer: { advertiserId: user.advertiserId as number }, status: "PENDING" },
      orderBy: { convertedAt: "desc" },
    });
    await db.conversion.update({
      where: { id: lead.id },
      data: {
        captureChannel: "chat",
        consentText: "I agree to be called.",
        consentAt: new Date(),
        consentVersion: 3,
        rewardKind: "CODE_POOL",
        rewardCode: "WELCOME-42",
        rewardGivenAt: new Date(),
        conversation: [
          { from: "bot", text: "Any question before we start?", at: new Date().toISOString() },
          { from: "visitor", text: "Is roaming included?", at: new Date().toISOString() },
          { from: "bot", text: "Yes, in the whole EU.", at: new Date().toISOString() },
        ],
      },
    });
    const { context, page } = await signIn(dashboard, user.email);
    const problems = watchConsole(page);
    await page.goto(`${dashboard.url}/leads/${lead.id}`);
    await page.getByRole("heading", { level: 2, name: "Conversation" }).waitFor();
    const main = page.getByRole("main");
    await main.getByText("Chat widget").waitFor();
    await main.getByText(/version 3/).waitFor();
    await main.getByText(/code WELCOME-42, given/).waitFor();
    const chat = page.getByRole("list", { name: "Chat conversation" });
    expect(await chat.getByRole("listitem").allTextContents()).toEqual([
      "Form Any question before we start?",
      "Visitor Is roaming included?",
      "Form Yes, in the whole EU.",
    ]);
    await shot(page, "lead-detail-chat");
    await expectAccessible(page, "lead detail with a chat");
    expect(problems).toEqual([]);
    await context.close();
  });
});
