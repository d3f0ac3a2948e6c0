// A publisher's lead API screen in Chromium: they create an API key (shown once), copy the example
// request the screen wrote for one of their offers, run it against a tracker, and find the lead in
// their Conversions screen. Then they revoke the key.

import { startTracker } from "../src/conversion-kit.ts";
import { describe, expect } from "../src/fixtures.ts";
import {
  expectAccessible,
  pickOption,
  shot,
  signIn,
  TRACKER_URL,
  test,
  UI_TIMEOUT,
  visit,
} from "./browser.ts";

const PUBLISHER = "arbitragelab@leadrail.test";

interface CurlRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The curl command as the screen writes it: a quoted URL, `-H 'Name: value'` lines and `-d '<json>'`. */
function parseCurl(command: string): CurlRequest {
  const unquote = (text: string) => text.replace(/'\\''/g, "'");
  const url = /-X POST '([^']+)'/.exec(command)?.[1];
  const body = /-d '((?:[^']|'\\'')*)'/.exec(command)?.[1];
  if (!url || body === undefined) throw new Error(`not the expected curl command: ${command}`);
  const headers: Record<string, string> = {};
  for (const [, header] of command.matchAll(/-H '((?:[^']|'\\'')*)'/g)) {
    const [name, ...value] = unquote(header ?? "").split(": ");
    headers[(name ?? "").toLowerCase()] = value.join(": ");
  }
  return { url, headers, body: unquote(body) };
}

describe("lead API screen", { timeout: 180_000 }, () => {
  test("create a key, copy the example, post the lead, see it in Conversions", async ({
    dashboard,
    db,
    redis,
  }) => {
    const tracker = await startTracker({ db, redis });
    const { context, page } = await signIn(dashboard, PUBLISHER);
    try {
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: dashboard.url });
      await visit(page, "Lead API", "publisher-lead-api", { ready: page.getByTestId("lead-api-example") });
      await expect
        .poll(() => page.getByTestId("lead-api-example").textContent())
        .toContain("$LEADRAIL_API_KEY");

      await page.getByLabel("Key name").fill("Landing page server");
      await page.getByRole("button", { name: "Create key" }).click();
      const key = (await page.getByTestId("new-api-key").textContent()) ?? "";
      expect(key).toMatch(/^lr_/);
      await expect.poll(() => page.getByTestId("lead-api-example").textContent()).toContain(key);
      await page.getByRole("table", { name: "Your API keys" }).getByText("Landing page server").waitFor();
      await shot(page, "publisher-lead-api-key");
      await expectAccessible(page, "publisher lead API with a new key");

      await page.getByRole("button", { name: "Copy the example" }).click();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(await page.getByTestId("lead-api-example").textContent());

      // The screen names the network's public tracker; the test runs one in-process.
      const curl = parseCurl(copied);
      expect(curl.url).toBe(`${TRACKER_URL}/v1/leads`);
      const res = await fetch(curl.url.replace(TRACKER_URL, tracker.url), {
        method: "POST",
        headers: curl.headers,
        body: curl.body,
      });
      const answer = (await res.json()) as { lead_id: string; status: string };
      expect(res.status, JSON.stringify(answer)).toBe(201);
      const offerId = (JSON.parse(curl.body) as { offer_id: number }).offer_id;
      const lead = await db.conversion.findUniqueOrThrow({
        where: { id: answer.lead_id },
        include: { offer: true, publisher: true },
      });
      expect(lead).toMatchObject({
        offerId,
        captureChannel: "api",
        clickId: null,
        subs: { sub1: "campaign-1" },
      });
      expect(lead.publisher?.name).toBeTruthy();

      await visit(page, "Conversions", "publisher-lead-api-conversions", {
        ready: page.getByRole("table", { name: "Conversions" }).locator("tbody tr"),
      });
      const row = page
        .getByRole("table", { name: "Conversions" })
        .locator("tbody tr")
        .filter({ hasText: lead.offer.name })
        .filter({ hasText: "campaign-1" });
      await expect.poll(() => row.count(), { timeout: UI_TIMEOUT }).toBe(1);
      await shot(page, "publisher-lead-api-conversion");

      // Revoking the key (after a confirmation) is shown at once.
      await visit(page, "Lead API", "publisher-lead-api-again", {
        ready: page.getByTestId("lead-api-example"),
      });
      await page.getByRole("button", { name: "Revoke key Landing page server" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
      await page.getByRole("status").filter({ hasText: "is revoked" }).waitFor();
      const revoked = await db.apiKey.findFirstOrThrow({ where: { name: "Landing page server" } });
      expect(revoked.revokedAt).not.toBeNull();
    } finally {
      await context.close();
      await tracker.close();
    }
  });

  test("the offer picker finds an offer past the first 100", async ({ dashboard, db, factories }) => {
    // 101 public offers with a lead form: every publisher may post leads for them.
    const advertiser = await factories.createAdvertiser();
    const names = Array.from({ length: 101 }, (_, i) => `Bulk lead offer ${String(i + 1).padStart(3, "0")}`);
    await db.offer.createMany({
      data: names.map((name) => ({
        advertiserId: advertiser.id,
        name,
        vertical: "insurance",
        landingUrl: "https://advertiser.example/landing?click={click_id}",
        status: "ACTIVE" as const,
        visibility: "PUBLIC" as const,
        currency: "USD",
        payoutModel: "CPL" as const,
        defaultPayout: 1500n,
        defaultRevenue: 2000n,
      })),
    });
    const offers = await db.offer.findMany({
      where: { advertiserId: advertiser.id },
      orderBy: { id: "asc" },
    });
    await db.leadForm.createMany({
      data: offers.map((offer) => ({
        offerId: offer.id,
        key: `bulk-e2e-form-${offer.id}`,
        title: offer.name,
        fields: [
          { name: "email", label: "E-mail", type: "email", required: true },
          { name: `answer_${offer.id}`, label: "Answer", type: "text", required: false },
        ],
      })),
    });
    const last = offers[offers.length - 1];
    if (last?.name !== "Bulk lead offer 101") throw new Error("the bulk offers were not made in order");

    const { context, page } = await signIn(dashboard, PUBLISHER);
    try {
      await visit(page, "Lead API", "publisher-lead-api-many", {
        ready: page.getByTestId("lead-api-example"),
      });
      await pickOption(page, "Offer", "bulk lead offer 101", "Bulk lead offer 101");
      await page.getByRole("table", { name: "Fields of offer Bulk lead offer 101" }).waitFor();
      await expect
        .poll(() => page.getByTestId("lead-api-example").textContent(), { timeout: UI_TIMEOUT })
        .toContain(`"offer_id":${last.id},`);
      expect(await page.getByTestId("lead-api-example").textContent()).toContain(`answer_${last.id}`);
      await shot(page, "publisher-lead-api-picked");
      await expectAccessible(page, "publisher lead API with a picked offer");
    } finally {
      await context.close();
    }
  });
});
