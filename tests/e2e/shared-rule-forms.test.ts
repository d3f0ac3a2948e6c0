// The publisher's and advertiser's smaller forms check what is typed with the API's own rules
// (@leadrail/db: publisher-postback-input, payout-details, offer-terms, decision-reasons) before any
// round trip — the mistake shows at its field, no mutation is sent, the database is unchanged — and a
// refusal only the API can make lands on the same field. Issue 14, "Dashboard round 2".
import type { Page } from "playwright-core";
import { setLocale } from "../../dashboard/src/ui/format.ts";
import { describe, expect } from "../src/fixtures.ts";
import { expectAccessible, pickOption, shot, signIn, test, UI_TIMEOUT, visit } from "./browser.ts";

setLocale("en-US");

/** Console errors and uncaught exceptions of the page, to be none. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/** How many requests for this GraphQL operation the page has sent so far. */
function countOperation(page: Page, operation: string): () => number {
  let sent = 0;
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().endsWith("/graphql")) {
      if ((request.postData() ?? "").includes(`"operationName":"${operation}"`)) sent += 1;
    }
  });
  return () => sent;
}

/** The text of the error tied to a control by aria-describedby (its hint, if any, left out). */
async function errorOf(page: Page, control: ReturnType<Page["getByLabel"]>): Promise<string> {
  await expect.poll(() => control.getAttribute("aria-invalid"), { timeout: UI_TIMEOUT }).toBe("true");
  const ids = ((await control.getAttribute("aria-describedby")) ?? "").split(" ").filter(Boolean);
  const texts = await Promise.all(
    ids.map((id) => page.locator(`[id="${id}"].field-error`).allTextContents()),
  );
  return texts.flat().join(" ");
}

describe("forms on the API's rules", { timeout: 240_000 }, () => {
  test("postbacks: a bad template is shown before a round trip; a private address is refused by the API at its field", async ({
    dashboard,
    db,
  }) => {
    const publisher = await db.publisher.findFirstOrThrow({ where: { name: "Arbitrage Lab" } });
    const before = await db.publisherPostback.count({ where: { publisherId: publisher.id } });
    const { context, page } = await signIn(dashboard, "arbitragelab@leadrail.test");
    const errors = watchErrors(page);
    const saves = countOperation(page, "SetPostbackTemplate");
    await visit(page, "Postbacks", "forms-postbacks", { heading: "Postbacks" });
    const form = page.getByRole("form", { name: "Add a postback" });
    const url = form.getByLabel("URL template");

    // A macro the tracker does not know, and a secret too short to sign with.
    await url.fill("https://tracker.example/pb?cid={clickid}");
    await form.getByLabel("Method").selectOption("POST_JSON");
    await form.getByLabel("Signing secret (optional)").fill("short");
    await form.getByRole("button", { name: "Save postback" }).click();
    expect(await errorOf(page, url)).toBe("Unknown macro {clickid}");
    expect(await errorOf(page, form.getByLabel("Signing secret (optional)"))).toBe(
      "Must be at least 16 characters",
    );
    await shot(page, "forms-postbacks-mistakes");
    await expectAccessible(page, "postbacks with mistakes");
    expect(saves()).toBe(0);
    expect(await db.publisherPostback.count({ where: { publisherId: publisher.id } })).toBe(before);

    // Mended as typed: the error goes once the field is right.
    await url.fill("https://tracker.example/pb?cid={click_id}");
    await expect.poll(() => url.getAttribute("aria-invalid"), { timeout: UI_TIMEOUT }).toBeNull();

    // The API's own check (a deployment may lift it, so the browser cannot make it): no private network.
    await form.getByLabel("Signing secret (optional)").fill("");
    await url.fill("http://10.20.30.40/pb?cid={click_id}");
    await form.getByRole("button", { name: "Save postback" }).click();
    expect(await errorOf(page, url)).toMatch(
      /^Must not point at a non-public address \(10\.20\.30\.40 is a /,
    );
    expect(saves()).toBe(1);
    expect(await form.getByRole("alert").count()).toBe(0);
    await shot(page, "forms-postbacks-refused");
    expect(await db.publisherPostback.count({ where: { publisherId: publisher.id } })).toBe(before);

    // Right: saved, signed with a secret the API made.
    await url.fill("https://tracker.example/pb?cid={click_id}&e2e=signed");
    await form.getByRole("button", { name: "Save postback" }).click();
    await page.getByRole("status").filter({ hasText: "Postback saved." }).waitFor();
    const saved = await db.publisherPostback.findFirstOrThrow({
      where: {
        publisherId: publisher.id,
        urlTemplate: "https://tracker.example/pb?cid={click_id}&e2e=signed",
      },
    });
    expect(saved).toMatchObject({ method: "POST_JSON", offerId: null, statuses: [], active: true });
    expect(saved.secret?.length ?? 0).toBeGreaterThanOrEqual(16);
    expect(await url.inputValue()).toBe("");
    expect(errors).toEqual([]);
    await context.close();
  });

  test("payment details: the API's refusal of an IBAN lands at the IBAN", async ({ dashboard, db }) => {
    const member = await db.user.findFirstOrThrow({
      where: { role: "PUBLISHER", publisher: { name: "Social Bees" } },
    });
    const publisherId = member.publisherId as number;
    // Social Bees: the one demo publisher the seed leaves without payout details.
    expect(await db.publisherPayoutDetails.count({ where: { publisherId } })).toBe(0);
    const { context, page } = await signIn(dashboard, member.email);
    const errors = watchErrors(page);
    await visit(page, "Payment details", "forms-payment-details", {
      ready: page.getByTestId("current-payout-details"),
    });
    // The browser runs the same rule, so only a request changed on its way can reach the API with
    // a wrong IBAN: this stands for a browser whose copy of the rule is out of date.
    await page.route("**/graphql", async (route) => {
      const body = route.request().postDataJSON() as {
        operationName?: string;
        variables?: { input?: Record<string, unknown> };
      };
      if (body.operationName !== "SetPayoutDetails" || !body.variables?.input) return route.continue();
      body.variables.input.iban = "DE88370400440532013000";
      return route.continue({ postData: JSON.stringify(body) });
    });
    await page.getByLabel("Account holder").fill("Social Bees Ltd");
    await page.getByLabel("IBAN").fill("DE89 3704 0044 0532 0130 00");
    await page.getByRole("button", { name: "Save payment details" }).click();
    expect(await errorOf(page, page.getByLabel("IBAN"))).toMatch(/^This is not a valid IBAN/);
    expect(await page.getByText("Your payment details are saved.").count()).toBe(0);
    await shot(page, "forms-payment-details-refused");
    expect(await db.publisherPayoutDetails.count({ where: { publisherId } })).toBe(0);

    await page.unroute("**/graphql");
    await page.getByRole("button", { name: "Save payment details" }).click();
    await page.getByText("Your payment details are saved.").waitFor();
    expect(await db.publisherPayoutDetails.findUniqueOrThrow({ where: { publisherId } })).toMatchObject({
      iban: "DE89370400440532013000",
      accountHolder: "Social Bees Ltd",
    });
    expect(errors).toEqual([]);
    await context.close();
  });

  test("custom payouts: mistakes at their fields before a round trip; more than the offer earns is refused at the payout", async ({
    dashboard,
    db,
  }) => {
    const offer = await db.offer.findFirstOrThrow({ where: { name: "Sushi Wave — First Order Lead" } });
    expect(offer.currency).toBe("USD");
    const approved = await db.offerApplication.findFirstOrThrow({
      where: { offerId: offer.id, status: "APPROVED", publisher: { name: "Social Bees" } },
    });
    const before = await db.customPayout.count({ where: { offerId: offer.id } });
    const { context, page } = await signIn(dashboard, "sushiwave@leadrail.test");
    const errors = watchErrors(page);
    const saves = countOperation(page, "SetCustomPayout");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Offers" }).click();
    await page.getByRole("link", { name: offer.name, exact: true }).click();
    const panel = page.getByRole("form", { name: "Add a custom payout" });
    await panel.waitFor();

    await panel.getByLabel("Country").fill("XX");
    await panel.getByLabel("Payout (USD)").fill("4.055");
    await panel.getByRole("button", { name: "Set custom payout" }).click();
    expect(await errorOf(page, panel.getByLabel("Publisher"))).toBe("Choose a publisher");
    expect(await errorOf(page, panel.getByLabel("Country"))).toBe(
      "Must be an ISO 3166-1 alpha-2 code, e.g. US",
    );
    expect(await errorOf(page, panel.getByLabel("Payout (USD)"))).toBe("Enter an amount in USD, e.g. 4.20");
    await panel.scrollIntoViewIfNeeded();
    await shot(page, "forms-custom-payout-mistakes");
    await expectAccessible(page, "custom payout mistakes");
    expect(saves()).toBe(0);
    expect(await db.customPayout.count({ where: { offerId: offer.id } })).toBe(before);

    // One cent more than the offer earns per lead: only the API holds the offer's revenue as it is now.
    const tooMuch = offer.defaultRevenue + 1n;
    await pickOption(panel, "Publisher", "social", "Social Bees");
    await panel.getByLabel("Country").fill("us");
    await panel
      .getByLabel("Payout (USD)")
      .fill(`${tooMuch / 100n}.${String(tooMuch % 100n).padStart(2, "0")}`);
    await panel.getByRole("button", { name: "Set custom payout" }).click();
    expect(await errorOf(page, panel.getByLabel("Payout (USD)"))).toBe("Must not exceed the offer's revenue");
    expect(saves()).toBe(1);
    await shot(page, "forms-custom-payout-refused");
    expect(await db.customPayout.count({ where: { offerId: offer.id } })).toBe(before);

    await panel.getByLabel("Payout (USD)").fill("3.10");
    await panel.getByRole("button", { name: "Set custom payout" }).click();
    await panel.getByRole("status").filter({ hasText: "Custom payout saved." }).waitFor();
    expect(
      await db.customPayout.findFirstOrThrow({
        where: { offerId: offer.id, publisherId: approved.publisherId, country: "US" },
      }),
    ).toMatchObject({ payout: 310n, payoutShareBps: null });
    expect(errors).toEqual([]);
    await context.close();
  });

  test("reasons: an overlong block reason and a lead's overlong note are shown before a round trip", async ({
    dashboard,
    db,
  }) => {
    // Applications: the block's reason has the API's 1000-character limit.
    const advertiser = await db.user.findUniqueOrThrow({ where: { email: "sushiwave@leadrail.test" } });
    const application = await db.offerApplication.findFirstOrThrow({
      where: { offer: { advertiserId: advertiser.advertiserId as number }, blockedAt: null },
      include: { offer: true, publisher: true },
    });
    const who = `${application.publisher.name} on ${application.offer.name}`;
    const first = await signIn(dashboard, advertiser.email);
    const errors = watchErrors(first.page);
    const blocks = countOperation(first.page, "BlockPublisherFromOffer");
    await visit(first.page, "Applications", "forms-applications", {
      ready: first.page.locator("tr[data-application-id]"),
    });
    await first.page.getByLabel("Status").selectOption("");
    await first.page.getByRole("button", { name: `Block ${who}` }).click();
    const dialog = first.page.getByRole("dialog");
    const reason = dialog.getByLabel(/^Reason/);
    await reason.fill("x".repeat(1001));
    await dialog.getByRole("button", { name: "Block", exact: true }).click();
    expect(await errorOf(first.page, reason)).toBe("Must be at most 1000 characters");
    await shot(first.page, "forms-block-reason-too-long");
    await expectAccessible(first.page, "block dialog with an overlong reason");
    expect(blocks()).toBe(0);
    expect(
      (await db.offerApplication.findUniqueOrThrow({ where: { id: application.id } })).blockedAt,
    ).toBeNull();
    await reason.fill("  ");
    await expect
      .poll(() => errorOf(first.page, reason), { timeout: UI_TIMEOUT })
      .toBe("Say why you block this publisher; they will read it");
    expect(blocks()).toBe(0);
    expect(errors).toEqual([]);
    await first.context.close();

    // A lead's rejection: code and note are stored as one text of at most 500 characters.
    const nordline = await db.user.findUniqueOrThrow({ where: { email: "nordline@leadrail.test" } });
    const lead = await db.conversion.findFirstOrThrow({
      where: { offer: { advertiserId: nordline.advertiserId as number }, status: "PENDING" },
      orderBy: { convertedAt: "desc" },
    });
    const second = await signIn(dashboard, nordline.email);
    const leadErrors = watchErrors(second.page);
    const rejects = countOperation(second.page, "RejectLeads");
    await second.page.goto(`${dashboard.url}/leads/${lead.id}`);
    const rejectForm = second.page.getByRole("form", { name: "Reject this lead" });
    await rejectForm.getByRole("button", { name: "Reject lead" }).click();
    expect(await errorOf(second.page, rejectForm.getByLabel("Reason code"))).toBe(
      "Choose a reason code; the publisher sees it",
    );
    await rejectForm.getByLabel("Reason code").selectOption("invalid_contact");
    await rejectForm.getByLabel("Note").fill("n".repeat(490));
    await rejectForm.getByRole("button", { name: "Reject lead" }).click();
    expect(await errorOf(second.page, rejectForm.getByLabel("Note"))).toBe("Must be at most 483 characters");
    await shot(second.page, "forms-lead-reject-note-too-long");
    await expectAccessible(second.page, "lead detail with an overlong note");
    expect(rejects()).toBe(0);
    expect((await db.conversion.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("PENDING");

    await rejectForm.getByLabel("Note").fill("phone switched off");
    await rejectForm.getByRole("button", { name: "Reject lead" }).click();
    await second.page.getByRole("status").filter({ hasText: "Lead rejected." }).waitFor();
    expect(await db.conversion.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({
      status: "REJECTED",
      statusReason: "invalid_contact: phone switched off",
    });
    expect(leadErrors).toEqual([]);
    await second.context.close();
  });
});
