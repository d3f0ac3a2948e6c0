// The hosted lead form: GET renders the offer's fields for a click, POST validates and records the
// lead as a LEAD_FORM conversion of that click, with consent text and time beside it.
import { createRedisClick, createWorld, dailyStat, describe, expect, test } from "../src/conversion-kit.ts";

const leadFormFields = [
  { name: "name", label: "Full name", type: "text", required: true },
  { name: "email", label: "E-mail", type: "email", required: true },
  { name: "phone", label: "Phone", type: "phone", required: true },
];
const consentText = "I agree that Acme Insurance may call me about my quote.";

function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no hidden ${name} in the form`);
  return match[1] ?? "";
}

async function openForm(url: string, code: string, clickId?: string) {
  const res = await fetch(`${url}/f/${code}${clickId ? `?click_id=${clickId}` : ""}`);
  const html = await res.text();
  return { status: res.status, html, headers: res.headers };
}

async function submit(url: string, code: string, fields: Record<string, string>) {
  const res = await fetch(`${url}/f/${code}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
  return { status: res.status, html: await res.text() };
}

describe("hosted lead form", () => {
  test("renders the fields, the consent box and the click id, without JavaScript", async ({
    redis,
    factories,
    tracker,
  }) => {
    const { link } = await createWorld(factories, {
      leadFormFields,
      consentText,
      name: "Car <insurance> quote",
    });
    const click = await createRedisClick(redis, link);
    const form = await openForm(tracker.url, link.code, click.id);
    expect(form.status).toBe(200);
    expect(form.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(form.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(form.html).toContain("Car &lt;insurance&gt; quote");
    expect(form.html).toContain('name="phone" type="tel"');
    expect(form.html).toContain('name="email" type="email"');
    expect(form.html).toContain(consentText);
    expect(hidden(form.html, "click_id")).toBe(click.id);
    expect(hidden(form.html, "form_token")).toMatch(/^\d+\.[\w-]{16}\.[\w-]{43}$/);
    expect(form.html).not.toContain("<script");
  });

  test("a valid submission records the lead with an E.164 phone and the consent", async ({
    db,
    redis,
    factories,
    tracker,
  }) => {
    const { offer, publisher, link } = await createWorld(factories, { leadFormFields, consentText });
    // A German click: the local number needs no +49.
    const click = await createRedisClick(redis, link, { country: "DE", subs: { sub1: "fb" } });
    const form = await openForm(tracker.url, link.code, click.id);
    const before = new Date();

    const answer = await submit(tracker.url, link.code, {
      click_id: hidden(form.html, "click_id"),
      form_token: hidden(form.html, "form_token"),
      name: "Ada Lovelace",
      email: "Ada@Example.com",
      phone: "030 123456789",
      consent: "yes",
    });

    expect(answer.status).toBe(200);
    expect(answer.html).toContain("Thank you");
    const lead = await db.conversion.findFirstOrThrow({ where: { offerId: offer.id } });
    expect(lead).toMatchObject({
      source: "LEAD_FORM",
      status: "APPROVED",
      publisherId: publisher.id,
      clickId: click.id,
      transactionId: `lead:${click.id}:lead`,
      goal: "lead",
      payout: 1500n,
      leadName: "Ada Lovelace",
      leadEmail: "ada@example.com",
      leadPhone: "+4930123456789",
      leadFields: { name: "Ada Lovelace", email: "ada@example.com", phone: "+4930123456789" },
      consentText,
      subs: { sub1: "fb" },
    });
    expect(lead.consentAt?.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1);
    expect(await dailyStat(db, offer, publisher)).toMatchObject({ conversions: 1n, approvedConversions: 1n });

    // Sending the same form again (double click, refresh) records nothing new.
    const again = await submit(tracker.url, link.code, {
      click_id: click.id,
      form_token: hidden(form.html, "form_token"),
      name: "Ada Lovelace",
      email: "ada@example.com",
      phone: "+49 30 123456789",
      consent: "yes",
    });
    expect(again.status).toBe(200);
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(1);
  });

  test.for([
    {
      label: "a bad e-mail",
      field: "email",
      change: { email: "ada-at-example" },
      message: "Enter a valid e-mail address.",
    },
    {
      label: "an e-mail with markup",
      field: "email",
      change: { email: "<script>alert(1)</script>@x.com" },
      message: "The characters &lt; and &gt; are not allowed here.",
    },
    {
      label: "an e-mail with a quoted markup local part",
      field: "email",
      change: { email: '"<b>"@example.com' },
      message: "The characters &lt; and &gt; are not allowed here.",
    },
    {
      label: "an e-mail whose domain is no host name",
      field: "email",
      change: { email: "ada@example..com" },
      message: "Enter a valid e-mail address.",
    },
    {
      label: "an e-mail with a display name",
      field: "email",
      change: { email: "Ada <ada@example.com>" },
      message: "The characters &lt; and &gt; are not allowed here.",
    },
    {
      label: "a name with markup",
      field: "name",
      change: { name: "<script>alert(1)</script>" },
      message: "The characters &lt; and &gt; are not allowed here.",
    },
    {
      label: "a name with CR LF",
      field: "name",
      change: { name: "Ada\r\nX-Injected: 1" },
      message: "Remove the line breaks, tabs or other invisible characters",
    },
    {
      label: "a name with NUL",
      field: "name",
      change: { name: "Ada\u0000" },
      message: "Remove the line breaks, tabs or other invisible characters",
    },
    {
      label: "a bad phone",
      field: "phone",
      change: { phone: "0000" },
      message: "Enter a valid phone number",
    },
    { label: "missing consent", field: "consent", change: { consent: "" }, message: "Please tick the box" },
    {
      label: "a missing required field",
      field: "name",
      change: { name: "" },
      message: "This field is required.",
    },
  ])(
    "$label → 422, the form again with the message beside the field and the values escaped, nothing recorded",
    async ({ field, change, message }, { db, redis, factories, tracker }) => {
      const { offer, link } = await createWorld(factories, { leadFormFields, consentText });
      const click = await createRedisClick(redis, link, { country: "DE" });
      const form = await openForm(tracker.url, link.code, click.id);
      const fields: Record<string, string> = {
        click_id: click.id,
        form_token: hidden(form.html, "form_token"),
        name: "Ada Lovelace",
        email: "ada@example.com",
        phone: "030 123456789",
        consent: "yes",
        ...change,
      };
      if (fields.consent === "") delete fields.consent;

      const answer = await submit(tracker.url, link.code, fields);

      expect(answer.status).toBe(422);
      expect(answer.html).toContain(`<span class="error" id="${field}-error">${message}`);
      expect(answer.html.match(/aria-invalid="true"/g)).toHaveLength(1);
      // What was typed comes back escaped, never as markup.
      expect(answer.html).not.toContain("<script");
      expect(answer.html).not.toContain("<b>");
      if (field === "name" && fields.name?.includes("<")) {
        expect(answer.html).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
      }
      expect(answer.html).not.toContain("\u0000");
      expect(hidden(answer.html, "click_id")).toBe(click.id);
      expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(0);
      expect(await db.dailyStat.count({ where: { offerId: offer.id } })).toBe(0);
    },
  );

  test("a submission without a click id is the advertiser's direct lead: recorded, never payable", async ({
    db,
    factories,
    tracker,
  }) => {
    const { offer, link } = await createWorld(factories, { leadFormFields, consentText: null });
    const form = await openForm(tracker.url, link.code);
    expect(hidden(form.html, "click_id")).toBe("");
    expect(form.html).not.toContain('name="consent"');
    const answer = await submit(tracker.url, link.code, {
      click_id: "",
      form_token: hidden(form.html, "form_token"),
      name: "Bo",
      email: "bo@example.org",
      phone: "+1 212 555 0100",
    });
    expect(answer.status).toBe(200);
    // The advertiser's own lead: kept (AUTO confirmation approves it), paid to nobody.
    expect(await db.conversion.findFirstOrThrow({ where: { offerId: offer.id } })).toMatchObject({
      status: "APPROVED",
      statusReason: "direct",
      payout: 0n,
      revenue: 0n,
      publisherId: null,
      clickId: null,
      leadPhone: "+12125550100",
      consentText: null,
      consentAt: null,
      consentVersion: null,
      captureChannel: "form",
    });
  });

  test("a forged or foreign form token is refused and nothing recorded", async ({
    db,
    redis,
    factories,
    tracker,
  }) => {
    const { offer, link } = await createWorld(factories, { leadFormFields, consentText });
    const click = await createRedisClick(redis, link);
    const other = await createRedisClick(redis, link);
    const form = await openForm(tracker.url, link.code, click.id);
    const base = { name: "A", email: "a@b.io", phone: "+12125550100", consent: "yes" };
    // The token of click A used for click B; then no token at all.
    const swapped = await submit(tracker.url, link.code, {
      ...base,
      click_id: other.id,
      form_token: hidden(form.html, "form_token"),
    });
    const missing = await submit(tracker.url, link.code, { ...base, click_id: click.id });
    expect([swapped.status, missing.status]).toEqual([403, 403]);
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(0);
  });

  test("unknown links, disabled links and offers without a form answer 404", async ({
    db,
    factories,
    tracker,
  }) => {
    const withForm = await createWorld(factories, { leadFormFields });
    const withoutForm = await createWorld(factories);
    await db.trackingLink.update({ where: { id: withForm.link.id }, data: { disabledAt: new Date() } });
    for (const code of ["no-such-link", withForm.link.code, withoutForm.link.code]) {
      expect((await openForm(tracker.url, code)).status).toBe(404);
    }
  });
});
