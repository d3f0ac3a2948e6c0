// Lead delivery from the dashboard, end to end, as the demo advertiser in headless Chromium: add a
// webhook destination (field mapping, a fixed field) pointing at a receiver this test runs, send a
// test lead, and see the receiver get the mapped, signed payload and the attempt appear on screen;
// replay it from the log; then a real lead sent from its lead page and replayed from there. The
// deliveries are made by the tracker's own worker and outbox relay (tests/delivery/kit.ts
// startLeadDeliveries) on this file's database and Redis prefix.
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { SIGNATURE_HEADER, verifyLeadSignature } from "@leadrail/db/lead-delivery-signature";
import { startLeadDeliveries } from "../delivery/kit.ts";
import { eventually } from "../src/conversion-kit.ts";
import { describe, expect } from "../src/fixtures.ts";
import { expectAccessible, shot, signIn, test, UI_TIMEOUT } from "./browser.ts";

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** The advertiser's CRM: records each request and answers `answer` (200 with a small JSON body at first). */
async function crmReceiver() {
  const received: Received[] = [];
  const state = { answer: { status: 200, body: '{"ok":true,"id":"crm-1"}' } };
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      res.writeHead(state.answer.status, { "content-type": "application/json" }).end(state.answer.body);
    });
  });
  // No host: the dual-stack wildcard, so "localhost" reaches it whichever address it resolves to.
  server.listen(0);
  await once(server, "listening");
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}/crm/leads`,
    received,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("lead delivery in the dashboard", { timeout: 240_000 }, () => {
  test("add a webhook, send a test lead, see it arrive signed and on screen, replay it", async ({
    dashboard,
    db,
    redis,
    redisPrefix,
  }) => {
    const crm = await crmReceiver();
    // The tracker's worker and relay, as its process runs them (private networks allowed: the receiver
    // is on this machine; the API refuses loopback IP literals, the worker guards after DNS).
    const deliveries = startLeadDeliveries(redis, redisPrefix, db);
    try {
      const user = await db.user.findUniqueOrThrow({ where: { email: "sushiwave@leadrail.test" } });
      const offer = await db.offer.findFirstOrThrow({
        where: { advertiserId: user.advertiserId as number, status: "ACTIVE" },
        orderBy: { id: "asc" },
      });
      const { context, page } = await signIn(dashboard, "sushiwave@leadrail.test");

      // From the offer list to the offer's delivery screen.
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Offers" }).click();
      await page.getByRole("link", { name: `Delivery of ${offer.name}` }).click();
      await page.getByRole("heading", { level: 1, name: "Delivery" }).waitFor();
      await page.locator("main [aria-busy='true']").first().waitFor({ state: "detached" });
      await shot(page, "delivery-screen");

      await page.getByRole("button", { name: "Add destination" }).click();
      const form = page.getByRole("form", { name: "Destination settings" });
      // Saving with nothing filled in: the shared model's refusals beside the inputs, nothing stored.
      await form.getByRole("button", { name: "Add destination" }).click();
      await form.getByText("Name: give the destination a name").waitFor();
      await form.getByText("URL: an http or https URL").waitFor();
      await expect
        .poll(() => form.getByLabel("Name", { exact: true }).getAttribute("aria-invalid"))
        .toBe("true");
      await shot(page, "delivery-form-refused");

      await form.getByLabel("Name", { exact: true }).fill("Sushi CRM");
      await form.getByLabel("URL", { exact: true }).fill(crm.url);
      await form.getByLabel("CRM field name 1").fill("FullName");
      await form.getByLabel("CRM field name 2").fill("EmailAddress");
      await form.getByLabel("CRM field name 3").fill("Phone");
      await form.getByRole("button", { name: "Add a fixed field" }).click();
      await form.getByLabel("Fixed field name 1").fill("campaign");
      await form.getByLabel("Fixed field value 1").fill("winter");
      await form.getByLabel("Treat the lead as refused when your CRM answers with status").fill("409");
      await form.getByLabel("Reason we record on the lead").fill("Duplicate in our CRM");
      // The preview is the worker's own mapping over its sample lead.
      const preview = form.getByTestId("payload-preview");
      await expect
        .poll(async () => JSON.parse((await preview.textContent()) ?? "null"))
        .toEqual({
          FullName: "Test Lead",
          EmailAddress: "test.lead@example.com",
          Phone: "+15555550100",
          campaign: "winter",
        });
      await shot(page, "delivery-form");
      await expectAccessible(page, "delivery form");
      await form.getByRole("button", { name: "Add destination" }).click();

      // The signing secret, shown once.
      const secret = (await page.getByTestId("destination-secret").textContent()) ?? "";
      const stored = await db.leadDestination.findFirstOrThrow({
        where: { offerId: offer.id, name: "Sushi CRM" },
      });
      expect(secret).toBe(stored.secret);
      expect(stored).toMatchObject({
        kind: "WEBHOOK",
        url: crm.url,
        format: "JSON",
        active: true,
        trigger: "REAL_TIME",
        fieldMapping: [
          { from: "name", to: "FullName" },
          { from: "email", to: "EmailAddress" },
          { from: "phone", to: "Phone" },
        ],
        staticFields: { campaign: "winter" },
        refusalRule: { httpStatuses: [409], reason: "Duplicate in our CRM" },
      });
      await page.getByRole("button", { name: "I have copied it" }).click();
      expect(await page.getByTestId("destination-secret").count()).toBe(0);

      // Send test lead: the result shows when the attempt arrives.
      const card = page.getByRole("article", { name: "Sushi CRM" });
      await card.getByText("Refused when your CRM answers with status 409").waitFor();
      await card.getByRole("button", { name: "Send test lead" }).click();
      await card
        .getByTestId("test-result")
        .getByText("Delivered: your CRM answered 200.")
        .waitFor({ timeout: UI_TIMEOUT });
      expect(crm.received).toHaveLength(1);
      const [first] = crm.received;
      expect(first?.method).toBe("POST");
      expect(first?.url).toBe("/crm/leads");
      expect(first?.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(first?.body ?? "")).toEqual({
        FullName: "Test Lead",
        EmailAddress: "test.lead@example.com",
        Phone: "+15555550100",
        campaign: "winter",
      });
      const signature = String(first?.headers[SIGNATURE_HEADER.toLowerCase()] ?? "");
      expect(verifyLeadSignature(signature, first?.body ?? "", secret, Math.floor(Date.now() / 1000))).toBe(
        true,
      );
      expect(
        verifyLeadSignature(signature, first?.body ?? "", `${secret}x`, Math.floor(Date.now() / 1000)),
      ).toBe(false);

      // The attempt is in the log, with what was sent and what came back.
      const log = card.getByRole("table", { name: "Attempt log of Sushi CRM" });
      const rows = log.locator("tbody tr[data-attempt-id]");
      await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(1);
      await rows.first().getByText("Request and answer").click();
      await expect
        .poll(() => rows.first().getByTestId("attempt-request").textContent())
        .toContain('"FullName":"Test Lead"');
      await expect
        .poll(() => rows.first().getByTestId("attempt-response").textContent())
        .toContain('"id":"crm-1"');
      await shot(page, "delivery-test-sent");
      await expectAccessible(page, "delivery screen with its log");

      // Replay from the log: sent again, a second attempt on screen and in the database.
      await rows
        .first()
        .getByRole("button", { name: /^Replay attempt/ })
        .click();
      await eventually(async () => crm.received.length === 2, UI_TIMEOUT);
      expect(crm.received[1]?.body).toBe(first?.body);
      await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(2);
      const attempts = await db.leadDeliveryAttempt.findMany({
        where: { destinationId: stored.id },
        orderBy: { id: "asc" },
      });
      expect(attempts.map((a) => [a.test, a.outcome, a.responseStatus])).toEqual([
        [true, "DELIVERED", 200],
        [true, "DELIVERED", 200],
      ]);
      expect(attempts[1]?.replayOfId).toBe(attempts[0]?.deliveryId);

      // The CRM says no: the refusal rule's reason is what the screen reports (a test lead rejects nothing).
      crm.state.answer = { status: 409, body: '{"error":"duplicate"}' };
      await card.getByRole("button", { name: "Send test lead" }).click();
      await card
        .getByTestId("test-result")
        .getByText("Your CRM answered 409 and refused the lead: Duplicate in our CRM.")
        .waitFor({ timeout: UI_TIMEOUT });
      await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(3);
      await rows.first().getByText("Refused by the CRM").waitFor();
      crm.state.answer = { status: 200, body: '{"ok":true,"id":"crm-2"}' };

      // A real lead of the offer, sent from its lead page (it arrived before the destination existed).
      const lead = await db.conversion.findFirstOrThrow({
        where: { offerId: offer.id, erasedAt: null, leadEmail: { not: null }, leadName: { not: null } },
        orderBy: { convertedAt: "desc" },
      });
      await page.goto(`${dashboard.url}/leads/${lead.id}`);
      const deliveriesTable = page.getByRole("table", { name: "Deliveries of this lead" });
      const leadRows = deliveriesTable.locator("tbody tr[data-attempt-id]");
      await page.getByText("Not sent anywhere yet").waitFor();
      const sendForm = page.getByRole("form", { name: "Send this lead" });
      await sendForm.getByLabel("Send this lead to").selectOption({ label: "Sushi CRM" });
      await sendForm.getByRole("button", { name: "Send now" }).click();
      await eventually(async () => crm.received.length === 4, UI_TIMEOUT);
      expect(JSON.parse(crm.received[3]?.body ?? "")).toMatchObject({
        FullName: lead.leadName,
        EmailAddress: lead.leadEmail,
        campaign: "winter",
      });
      await expect.poll(() => leadRows.count(), { timeout: UI_TIMEOUT }).toBe(1);
      await leadRows.first().getByText("Sushi CRM").waitFor();
      await leadRows
        .first()
        .getByRole("button", { name: /^Replay attempt/ })
        .click();
      await page
        .getByRole("status")
        .getByText(/Sent again: the lead goes to Sushi CRM/)
        .waitFor();
      await eventually(async () => crm.received.length === 5, UI_TIMEOUT);
      await expect.poll(() => leadRows.count(), { timeout: UI_TIMEOUT }).toBe(2);
      await shot(page, "delivery-lead-page");
      await expectAccessible(page, "lead page with deliveries");
      expect(
        await db.leadDeliveryAttempt.count({
          where: { conversionId: lead.id, destinationId: stored.id, test: false },
        }),
      ).toBe(2);
      await context.close();
    } finally {
      await deliveries.close();
      await crm.close();
    }
  });
});
