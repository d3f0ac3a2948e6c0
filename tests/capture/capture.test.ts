// Lead capture end to end: the widget's JSON (definition, submission, CORS), the hosted HTML form with
// select and checkbox fields, direct leads, chat transcripts, and hosted-form landing for clicks.

import { createRedisClick } from "../src/conversion-kit.ts";
import { click } from "../src/tracker.ts";
import {
  CONSENT,
  createFormWorld,
  definition,
  describe,
  expect,
  GOOD_FIELDS,
  hidden,
  postForm,
  postJson,
  test,
} from "./capture-kit.ts";

const CHROME =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

describe("the widget's JSON endpoints", () => {
  test("the definition carries the form, consent with its version, the FAQ and a token; CORS *", async ({
    factories,
    tracker,
  }) => {
    const faq = [{ question: "Price?", keywords: ["price"], answer: "9 EUR." }];
    const { form } = await createFormWorld(factories, {
      form: { title: "Get a quote", intro: "Two minutes.", consentVersion: 3, faq, submitLabel: "Go" },
    });
    const got = await definition(tracker.url, form.key);
    expect(got.status).toBe(200);
    expect(got.headers.get("access-control-allow-origin")).toBe("*");
    expect(got.headers.get("access-control-allow-credentials")).toBeNull();
    expect(got.body).toMatchObject({
      key: form.key,
      title: "Get a quote",
      intro: "Two minutes.",
      consent: { text: CONSENT, version: 3 },
      submitLabel: "Go",
      faq,
      thankYou: { title: "Thank you" },
    });
    expect(got.body.fields.map((f: { type: string }) => f.type)).toEqual([
      "text",
      "email",
      "phone",
      "select",
      "checkbox",
    ]);
    expect(got.body.token).toMatch(/^\d+\.[\w-]{16}\.[\w-]{43}$/);

    const preflight = await fetch(`${tracker.url}/form/${form.key}`, {
      method: "OPTIONS",
      headers: { origin: "https://publisher.example", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("content-type");
  });

  test("a submission through a click is that click's lead, with consent version and channel", async ({
    db,
    redis,
    factories,
    tracker,
  }) => {
    const { form, offer, publisher, link } = await createFormWorld(factories, {
      form: { consentVersion: 2 },
    });
    const clickRecord = await createRedisClick(redis, link, { country: "US" });
    const def = await definition(tracker.url, form.key, clickRecord.id);
    expect(def.body.clickId).toBe(clickRecord.id);
    const answer = await postJson(tracker.url, form.key, {
      token: def.body.token,
      click_id: clickRecord.id,
      fields: GOOD_FIELDS,
      consent: true,
      channel: "widget",
      hp: "",
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    expect(answer.body).toMatchObject({ ok: true, thankYou: { title: "Thank you" }, reward: null });
    const lead = await db.conversion.findUniqueOrThrow({ where: { id: answer.body.leadId } });
    expect(lead).toMatchObject({
      offerId: offer.id,
      publisherId: publisher.id,
      clickId: clickRecord.id,
      status: "APPROVED",
      payout: 1500n,
      consentText: CONSENT,
      consentVersion: 2,
      captureChannel: "widget",
      conversation: null,
      leadPhone: "+12125550100",
      leadFields: {
        name: "Ada Lovelace",
        email: "ada@example.com",
        phone: "+12125550100",
        plan: "Premium",
        terms: "yes",
      },
    });

    // The same click again (a retry, a second tab): the same lead, nothing new.
    const again = await postJson(tracker.url, form.key, {
      token: (await definition(tracker.url, form.key, clickRecord.id)).body.token,
      click_id: clickRecord.id,
      fields: GOOD_FIELDS,
      consent: true,
    });
    expect(again.status).toBe(201);
    expect(again.body.leadId).toBe(answer.body.leadId);
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(1);
  });

  test("a form without a click is the advertiser's direct lead; the same token again is the same lead", async ({
    db,
    factories,
    tracker,
  }) => {
    const { form, offer } = await createFormWorld(factories);
    const def = await definition(tracker.url, form.key);
    const body = { token: def.body.token, fields: GOOD_FIELDS, consent: true };
    const first = await postJson(tracker.url, form.key, body);
    expect(first.status).toBe(201);
    const lead = await db.conversion.findUniqueOrThrow({ where: { id: first.body.leadId } });
    expect(lead).toMatchObject({
      publisherId: null,
      clickId: null,
      payout: 0n,
      revenue: 0n,
      statusReason: "direct",
      captureChannel: "widget",
    });
    const retry = await postJson(tracker.url, form.key, body);
    expect(retry.status).toBe(201);
    expect(retry.body.leadId).toBe(first.body.leadId);
    // A new token (a new visit) is a new lead.
    const second = await postJson(tracker.url, form.key, {
      ...body,
      token: (await definition(tracker.url, form.key)).body.token,
      fields: { ...GOOD_FIELDS, email: "bo@example.org" },
    });
    expect(second.body.leadId).not.toBe(first.body.leadId);
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(2);
    expect(await db.dailyStat.count({ where: { offerId: offer.id } })).toBe(0);
  });

  test("chat mode stores the conversation beside the lead", async ({ db, factories, tracker }) => {
    const { form } = await createFormWorld(factories);
    const def = await definition(tracker.url, form.key);
    const at = new Date().toISOString();
    const conversation = [
      { from: "visitor", text: "What is the price?", at },
      { from: "bot", text: "9 EUR a month.", at },
      { from: "bot", text: "Your e-mail?", at },
      { from: "visitor", text: "ada@example.com", at },
    ];
    const answer = await postJson(tracker.url, form.key, {
      token: def.body.token,
      fields: GOOD_FIELDS,
      consent: true,
      channel: "chat",
      conversation,
    });
    expect(answer.status).toBe(201);
    const lead = await db.conversion.findUniqueOrThrow({ where: { id: answer.body.leadId } });
    expect(lead.captureChannel).toBe("chat");
    expect(lead.conversation).toEqual(conversation);
  });
});

describe("the hosted HTML form", () => {
  test("renders select and checkbox fields and records the lead from them", async ({
    db,
    factories,
    tracker,
  }) => {
    const { form } = await createFormWorld(factories, { form: { title: "Acme <quote>", intro: "Hello" } });
    const page = await fetch(`${tracker.url}/form/${form.key}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(html).toContain("Acme &lt;quote&gt;");
    expect(html).toContain("<option>Basic</option><option>Premium</option>");
    expect(html).toContain('type="checkbox" name="terms" value="yes" required');
    expect(html).toContain('name="website"');
    expect(html).not.toContain("<script");
    const answer = await postForm(tracker.url, `/form/${form.key}`, {
      click_id: "",
      form_token: hidden(html, "form_token"),
      website: "",
      name: "Grace Hopper",
      email: "grace@example.com",
      plan: "Basic",
      terms: "yes",
      consent: "yes",
    });
    expect(answer.status).toBe(200);
    expect(answer.html).toContain("Thank you");
    const lead = await db.conversion.findFirstOrThrow({ where: { offerId: form.offerId } });
    expect(lead).toMatchObject({
      captureChannel: "form",
      consentVersion: 1,
      leadFields: { name: "Grace Hopper", email: "grace@example.com", plan: "Basic", terms: "yes" },
    });
  });
});

describe("hosted-form landing", () => {
  test("a click on a HOSTED_FORM offer lands on its form with the click id, and the lead is the click's", async ({
    db,
    factories,
    tracker,
  }) => {
    const { form, link, publisher } = await createFormWorld(factories, {
      offer: { landingMode: "HOSTED_FORM" },
    });
    const res = await click(tracker.url, `/c/${link.code}`, {
      "user-agent": CHROME,
      "x-forwarded-for": "8.8.8.8",
    });
    expect(res.status).toBe(302);
    const location = res.headers.get("location") ?? "";
    const match = new RegExp(`^/form/${form.key}\\?click_id=([0-9a-f-]{36})$`).exec(location);
    expect(match).not.toBeNull();
    const clickId = match?.[1] ?? "";
    const page = await fetch(new URL(location, tracker.url));
    const html = await page.text();
    expect(hidden(html, "click_id")).toBe(clickId);
    const answer = await postForm(
      tracker.url,
      `/form/${form.key}`,
      {
        click_id: clickId,
        form_token: hidden(html, "form_token"),
        name: "Ada",
        email: "ada@example.com",
        plan: "Basic",
        terms: "yes",
        consent: "yes",
      },
      "8.8.8.8",
    );
    expect(answer.status).toBe(200);
    const lead = await db.conversion.findFirstOrThrow({ where: { offerId: form.offerId } });
    expect(lead).toMatchObject({ clickId, publisherId: publisher.id, payout: 1500n });
  });

  test("a HOSTED_FORM offer without a form does not redirect anywhere", async ({ factories, tracker }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser, { landingMode: "HOSTED_FORM" });
    const link = await factories.createLink(publisher, offer);
    const res = await click(tracker.url, `/c/${link.code}`, { "user-agent": CHROME });
    expect(res.headers.get("location") ?? "").not.toContain("advertiser.example");
    expect(res.headers.get("location") ?? "").not.toContain("/form/");
  });
});
