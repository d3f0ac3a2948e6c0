// Lead quality end to end: real clicks through the tracker's click path (and the click writer for
// velocity), then leads through the hosted form or postbacks; each signal's verdict, reason and
// payout under the offer's policy (REJECT, HOLD, FLAG).
import { once } from "node:events";
import { type Conversion, type Db, mintId, type Prisma } from "@leadrail/db";
import { pino } from "pino";
import { DEV_IP_HASH_SECRET } from "../../tracker/src/environment.ts";
import { contactKeys } from "../../tracker/src/quality/contact-key.ts";
import { lockContacts } from "../../tracker/src/quality/original-lead-claim.ts";
import { createVelocityFlagger } from "../../tracker/src/quality/velocity.ts";
import { createConnection } from "../../tracker/src/redis-clients.ts";
import { configChannel } from "../../tracker/src/tracking/click-record.ts";
import { createTestWriter, drain } from "../src/click-writer.ts";
import { dailyStat, getPostback } from "../src/conversion-kit.ts";
import type { Factories } from "../src/factories.ts";
import { test as base, describe, expect } from "../src/fixtures.ts";
import { click, proxiedTracker, type RunningTracker } from "../src/tracker.ts";

const test = base.extend("tracker", { scope: "file" }, proxiedTracker);

const CHROME =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const HEADLESS =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36";
const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
const US_IP = "8.8.8.8";
const NL_IP = "193.0.6.139";

const leadFormFields = [
  { name: "name", label: "Name", type: "text", required: true },
  { name: "email", label: "E-mail", type: "email", required: true },
  { name: "phone", label: "Phone", type: "phone", required: false },
];

let ipCounter = 0;
/** A fresh documentation address per visit, so velocity counters of other tests stay apart. */
function freshIp(): string {
  ipCounter += 1;
  return `203.0.113.${ipCounter}`;
}

async function world(factories: Factories, offer: Partial<Prisma.OfferUncheckedCreateInput> = {}) {
  const advertiser = await factories.createAdvertiser();
  const publisher = await factories.createPublisher();
  const created = await factories.createOffer(advertiser, { leadFormFields, ...offer });
  const link = await factories.createLink(publisher, created);
  return { advertiser, publisher, offer: created, link };
}

interface Visit {
  ip?: string;
  ua?: string | null;
  language?: string | null;
}

/** A click through the real click path; returns its id from the landing URL (or null when rejected). */
async function visit(tracker: RunningTracker, code: string, v: Visit = {}): Promise<string | null> {
  const headers: Record<string, string> = { "x-forwarded-for": v.ip ?? freshIp() };
  // fetch sends "node" when no User-Agent is given: an empty one is as close to none as it allows.
  headers["user-agent"] = v.ua === null ? "" : (v.ua ?? CHROME);
  headers["accept-language"] = v.language === null ? "" : (v.language ?? "en-US,en;q=0.9");
  const res = await click(tracker.url, `/c/${code}`, headers);
  const location = res.headers.get("location");
  if (res.status !== 302 || location === null) return null;
  return new URL(location).searchParams.get("click");
}

function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no hidden ${name} in the form`);
  return match[1] ?? "";
}

/** Opens the hosted form for the click and submits it; returns the recorded lead. */
async function submitLead(
  tracker: RunningTracker,
  db: Db,
  code: string,
  clickId: string | null,
  fields: Record<string, string> = {},
): Promise<Conversion> {
  const form = await fetch(`${tracker.url}/f/${code}${clickId ? `?click_id=${clickId}` : ""}`);
  const html = await form.text();
  expect(form.status).toBe(200);
  const body = new URLSearchParams({
    click_id: clickId ? hidden(html, "click_id") : "",
    form_token: hidden(html, "form_token"),
    name: "Ada Lovelace",
    email: `ada.${Math.random().toString(36).slice(2)}@example.com`,
    ...fields,
  });
  const res = await fetch(`${tracker.url}/f/${code}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  expect(res.status).toBe(200);
  const link = await db.trackingLink.findUniqueOrThrow({ where: { code } });
  return db.conversion.findFirstOrThrow({
    where: { offerId: link.offerId, leadEmail: body.get("email")?.toLowerCase() ?? "" },
  });
}

const codes = (c: Conversion) => (c.qualitySignals as { code: string }[]).map((s) => s.code);

describe("click signals reach the lead", () => {
  test("a crawler's click: REJECT → rejected with the reason, nothing paid", async ({
    db,
    factories,
    tracker,
  }) => {
    const w = await world(factories, { qualityPolicy: "REJECT" });
    const clickId = await visit(tracker, w.link.code, { ua: GOOGLEBOT });
    const lead = await submitLead(tracker, db, w.link.code, clickId);
    expect(lead).toMatchObject({ status: "REJECTED", statusReason: "bot_click", payout: 0n, revenue: 0n });
    expect(lead.qualitySignals).toEqual([{ code: "bot_click", detail: "bot_user_agent" }]);
  });

  test("a headless browser: HOLD → pending with the reason, payout stamped but not earned", async ({
    db,
    factories,
    tracker,
  }) => {
    const w = await world(factories, { qualityPolicy: "HOLD" });
    const clickId = await visit(tracker, w.link.code, { ua: HEADLESS });
    const lead = await submitLead(tracker, db, w.link.code, clickId);
    expect(lead).toMatchObject({
      status: "PENDING",
      statusReason: "bot_click",
      payout: 1500n,
      approvedAt: null,
    });
    expect(lead.qualitySignals).toEqual([{ code: "bot_click", detail: "headless_browser" }]);
    const stats = await dailyStat(db, w.offer, w.publisher);
    expect(stats).toMatchObject({ pendingConversions: 1n, approvedConversions: 0n, payout: 0n });
  });

  test("no or absurd User-Agent: FLAG still rejects a bot's lead; no Accept-Language: the usual status", async ({
    db,
    factories,
    tracker,
  }) => {
    const w = await world(factories, { qualityPolicy: "FLAG" });
    const noUa = await submitLead(tracker, db, w.link.code, await visit(tracker, w.link.code, { ua: null }));
    expect(noUa).toMatchObject({ status: "REJECTED", statusReason: "bot_click", payout: 0n });
    expect(noUa.qualitySignals).toEqual([{ code: "bot_click", detail: "no_user_agent" }]);
    const absurd = await submitLead(
      tracker,
      db,
      w.link.code,
      await visit(tracker, w.link.code, { ua: "Mozilla/5.0" }),
    );
    expect(absurd.qualitySignals).toEqual([{ code: "bot_click", detail: "absurd_user_agent" }]);
    const noLang = await submitLead(
      tracker,
      db,
      w.link.code,
      await visit(tracker, w.link.code, { language: null }),
    );
    expect(noLang).toMatchObject({ status: "APPROVED", payout: 1500n });
    expect(noLang.qualitySignals).toEqual([{ code: "suspicious_click", detail: "no_accept_language" }]);
  });

  test("click velocity on one link from one IP, flagged by the click writer", async ({
    db,
    factories,
    tracker,
    redisUrl,
    redisPrefix,
  }) => {
    const w = await world(factories, { qualityPolicy: "REJECT" });
    const logger = pino({ level: "silent" });
    const counters = createConnection(redisUrl, logger, "velocity counters");
    const { writer, close } = createTestWriter(
      { db, redisUrl, redisPrefix },
      {
        velocity: createVelocityFlagger({
          redis: counters,
          keyPrefix: redisPrefix,
          limits: { perIp: 100, perLink: 2 },
        }),
      },
    );
    try {
      const ip = freshIp();
      // Counters are per UTC minute: start well inside one, so the three clicks share it.
      while (Date.now() % 60_000 > 50_000) await new Promise((resolve) => setTimeout(resolve, 200));
      const ids: (string | null)[] = [];
      for (let i = 0; i < 3; i++) ids.push(await visit(tracker, w.link.code, { ip }));
      await drain(writer);
      const rows = await db.click.findMany({ where: { linkId: w.link.id }, orderBy: { id: "asc" } });
      expect(new Set(rows.map((r) => Math.floor(r.createdAt.getTime() / 60_000))).size).toBe(1);
      expect(rows.map((r) => r.fraudReason)).toEqual([null, null, "velocity_link"]);

      const clean = await submitLead(tracker, db, w.link.code, ids[0] ?? null);
      expect(clean).toMatchObject({ status: "APPROVED", payout: 1500n });
      const fast = await submitLead(tracker, db, w.link.code, ids[2] ?? null);
      expect(fast).toMatchObject({ status: "REJECTED", statusReason: "velocity_click", payout: 0n });
      expect(fast.qualitySignals).toEqual([{ code: "velocity_click", detail: "velocity_link" }]);
    } finally {
      await close();
      counters.disconnect();
    }
  });
});

describe("conversion signals", () => {
  test("a lead faster than the offer's minimum: HOLD", async ({ db, factories, tracker }) => {
    const w = await world(factories, { qualityPolicy: "HOLD", minSecondsToConvert: 3600 });
    const lead = await submitLead(tracker, db, w.link.code, await visit(tracker, w.link.code));
    expect(lead).toMatchObject({ status: "PENDING", statusReason: "fast_conversion", payout: 1500n });
    expect(codes(lead)).toEqual(["fast_conversion"]);
  });

  test("the same person twice for one advertiser (Gmail dots and +tags): the second is a duplicate", async ({
    db,
    factories,
    tracker,
  }) => {
    const w = await world(factories, { qualityPolicy: "REJECT" });
    // A second offer of the same advertiser, and one of another advertiser.
    const sibling = await factories.createOffer(w.advertiser, { leadFormFields, qualityPolicy: "REJECT" });
    const siblingLink = await factories.createLink(w.publisher, sibling);
    const stranger = await world(factories, { qualityPolicy: "REJECT" });

    const first = await submitLead(tracker, db, w.link.code, await visit(tracker, w.link.code), {
      email: "ada.lovelace@gmail.com",
      phone: "+4930123456789",
    });
    expect(first).toMatchObject({ status: "APPROVED", payout: 1500n });
    const again = await submitLead(tracker, db, siblingLink.code, await visit(tracker, siblingLink.code), {
      email: "AdaLovelace+promo@googlemail.com",
    });
    expect(again).toMatchObject({ status: "REJECTED", statusReason: "duplicate_lead", payout: 0n });
    expect(again.qualitySignals).toEqual([
      { code: "duplicate_lead", detail: `same email as lead ${first.id}` },
    ]);
    const byPhone = await submitLead(tracker, db, w.link.code, await visit(tracker, w.link.code), {
      phone: "+49 30 123456789",
    });
    expect(byPhone.statusReason).toBe("duplicate_lead");
    const elsewhere = await submitLead(
      tracker,
      db,
      stranger.link.code,
      await visit(tracker, stranger.link.code),
      {
        email: "ada.lovelace@gmail.com",
      },
    );
    expect(elsewhere).toMatchObject({ status: "APPROVED", qualitySignals: [] });
    // The check keeps working after erasure: only the keyed hash is compared.
    expect(first.emailKey).toMatch(/^[\w-]{32}$/);
    expect(first.emailKey).not.toContain("ada");
  });

  test.for([
    { policy: "REJECT", duplicate: ["REJECTED", "duplicate_lead", 0n] },
    { policy: "HOLD", duplicate: ["PENDING", "duplicate_lead", 1500n] },
    { policy: "FLAG", duplicate: ["APPROVED", null, 1500n] },
  ] as const)(
    "20 identical leads at once for one advertiser ($policy): one original, 19 duplicates",
    async ({ policy, duplicate }, { db, factories, tracker }) => {
      const w = await world(factories, { qualityPolicy: policy });
      // Half of them on a second offer of the same advertiser: the check is per advertiser, not per offer.
      const sibling = await factories.createOffer(w.advertiser, { leadFormFields, qualityPolicy: policy });
      const siblingLink = await factories.createLink(w.publisher, sibling);
      const codesUsed = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? w.link.code : siblingLink.code));
      // Clicks and forms first, so that only the submissions run concurrently.
      const forms = await Promise.all(
        codesUsed.map(async (code) => {
          const clickId = await visit(tracker, code);
          expect(clickId).not.toBeNull();
          const html = await (await fetch(`${tracker.url}/f/${code}?click_id=${clickId}`)).text();
          return { code, clickId: hidden(html, "click_id"), token: hidden(html, "form_token") };
        }),
      );
      const email = `twin.${Math.random().toString(36).slice(2)}@example.com`;
      const answers = await Promise.all(
        forms.map((f) =>
          fetch(`${tracker.url}/f/${f.code}`, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ click_id: f.clickId, form_token: f.token, name: "Twin", email }),
          }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(forms.map(() => 200));

      const leads = await db.conversion.findMany({ where: { offerId: { in: [w.offer.id, sibling.id] } } });
      expect(leads).toHaveLength(20);
      const originals = leads.filter((c) => !codes(c).includes("duplicate_lead"));
      expect(originals).toHaveLength(1);
      expect(originals[0]).toMatchObject({ status: "APPROVED", payout: 1500n });
      const duplicates = leads.filter((c) => codes(c).includes("duplicate_lead"));
      expect(duplicates.map((c) => [c.status, c.statusReason, c.payout])).toEqual(
        duplicates.map(() => duplicate),
      );
      for (const c of duplicates) {
        expect(c.qualitySignals).toContainEqual({
          code: "duplicate_lead",
          detail: `same email as lead ${originals[0]?.id}`,
        });
      }
    },
  );

  test("a lead waits only for a lead with the same contact, never for another contact", async ({
    db,
    factories,
    tracker,
  }) => {
    const w = await world(factories, { qualityPolicy: "REJECT" });
    const tag = Math.random().toString(36).slice(2);
    const held = `held.${tag}@example.com`;
    const free = `free.${tag}@example.com`;
    const openForm = async () => {
      const clickId = await visit(tracker, w.link.code);
      const html = await (await fetch(`${tracker.url}/f/${w.link.code}?click_id=${clickId}`)).text();
      return { click_id: hidden(html, "click_id"), form_token: hidden(html, "form_token"), name: "Ada" };
    };
    const send = (form: Record<string, string>, email: string) =>
      fetch(`${tracker.url}/f/${w.link.code}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ...form, email }),
      });
    const [heldForm, freeForm] = [await openForm(), await openForm()];
    const recorded = (email: string) =>
      db.conversion.count({ where: { offerId: w.offer.id, leadEmail: email } });

    // Hold `held`'s contact lock the way an identical lead being inserted holds it.
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let lockTaken = () => {};
    const taken = new Promise<void>((resolve) => {
      lockTaken = resolve;
    });
    const holder = db.$transaction(
      async (tx) => {
        await lockContacts(
          tx,
          w.advertiser.id,
          contactKeys(DEV_IP_HASH_SECRET, { email: held, phone: null }),
        );
        lockTaken();
        await released;
      },
      { timeout: 30_000 },
    );
    try {
      await taken;
      const heldAnswer = send(heldForm, held);
      expect((await send(freeForm, free)).status).toBe(200);
      expect(await recorded(free)).toBe(1);
      expect(await recorded(held)).toBe(0);
      release();
      await holder;
      expect((await heldAnswer).status).toBe(200);
      expect(await recorded(held)).toBe(1);
    } finally {
      release();
      await holder;
    }
  });

  test("disposable e-mail domains: FLAG; invalid ones are refused by the form", async ({
    db,
    factories,
    tracker,
  }) => {
    const w = await world(factories, { qualityPolicy: "FLAG" });
    const disposable = await submitLead(tracker, db, w.link.code, await visit(tracker, w.link.code), {
      email: "someone@mailinator.com",
    });
    expect(disposable).toMatchObject({ status: "APPROVED", payout: 1500n });
    expect(disposable.qualitySignals).toEqual([{ code: "disposable_email", detail: "mailinator.com" }]);
    // An address whose domain is no host name never becomes a lead: the form refuses it (validator's
    // isEmail). The invalid_email_domain signal (lead-signals.ts) stays as a second line only.
    const clickId = await visit(tracker, w.link.code);
    const html = await (await fetch(`${tracker.url}/f/${w.link.code}?click_id=${clickId}`)).text();
    const refused = await fetch(`${tracker.url}/f/${w.link.code}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        click_id: hidden(html, "click_id"),
        form_token: hidden(html, "form_token"),
        name: "Someone",
        email: "someone@example..com",
      }),
    });
    expect(refused.status).toBe(422);
    expect(await db.conversion.count({ where: { offerId: w.offer.id } })).toBe(1);
  });

  test("a lead naming a click we do not know is rejected whatever the policy", async ({
    db,
    factories,
    tracker,
  }) => {
    const w = await world(factories, { qualityPolicy: "FLAG" });
    // (A form with no click id at all is the advertiser's direct lead: tests/capture/capture.test.ts.)
    const lead = await submitLead(tracker, db, w.link.code, mintId(new Date()));
    expect(lead).toMatchObject({ status: "REJECTED", statusReason: "no_click", payout: 0n });
    expect(codes(lead)).toEqual(["no_click"]);
  });

  test("a lead on a click from a country the offer does not target", async ({
    db,
    factories,
    tracker,
    redisUrl,
    redisPrefix,
  }) => {
    const w = await world(factories, { qualityPolicy: "FLAG", countries: ["US"] });
    expect(await visit(tracker, w.link.code, { ip: NL_IP })).toBeNull();
    // A rejected click is not kept in Redis for attribution: the lead finds it once it is stored.
    const { writer, close } = createTestWriter({ db, redisUrl, redisPrefix });
    await drain(writer).finally(close);
    const nl = await db.click.findFirstOrThrow({ where: { linkId: w.link.id } });
    expect(nl.rejectReason).toBe("geo_not_targeted");
    const lead = await submitLead(tracker, db, w.link.code, nl.id);
    expect(lead).toMatchObject({ status: "REJECTED", statusReason: "click_rejected", payout: 0n });
    expect(lead.qualitySignals).toEqual([
      { code: "country_not_targeted", detail: "click rejected: geo_not_targeted" },
    ]);

    // A US click, then the advertiser drops the US before the lead arrives.
    const us = await visit(tracker, w.link.code, { ip: US_IP });
    expect(us).not.toBeNull();
    await db.offer.update({
      where: { id: w.offer.id },
      data: { countries: ["DE"], qualityPolicy: "REJECT" },
    });
    const late = await submitLead(tracker, db, w.link.code, us);
    expect(late).toMatchObject({ status: "REJECTED", statusReason: "country_not_targeted", payout: 0n });
    expect(late.qualitySignals).toEqual([{ code: "country_not_targeted", detail: "country US" }]);
  });

  test("a conversion on a link paused since the click: HOLD", async ({ db, factories, tracker }) => {
    const w = await world(factories, { qualityPolicy: "HOLD" });
    const clickId = await visit(tracker, w.link.code);
    await db.trackingLink.update({ where: { id: w.link.id }, data: { disabledAt: new Date() } });
    const answer = await getPostback(tracker, {
      click_id: clickId ?? "",
      txid: "order-paused",
      token: w.advertiser.postbackSecret,
    });
    expect(answer.status).toBe(200);
    const c = await db.conversion.findFirstOrThrow({ where: { offerId: w.offer.id } });
    expect(c).toMatchObject({ status: "PENDING", statusReason: "link_paused", payout: 1500n });
    expect(codes(c)).toEqual(["link_paused"]);
  });

  test("an admin's block: clicks and conversions are refused, whatever the policy", async ({
    db,
    factories,
    tracker,
    redisPrefix,
  }) => {
    const w = await world(factories, { qualityPolicy: "FLAG" });
    const before = await visit(tracker, w.link.code);
    expect(before).not.toBeNull();
    await db.offerApplication.create({
      data: { offerId: w.offer.id, publisherId: w.publisher.id, status: "APPROVED", blockedAt: new Date() },
    });
    const received = once(tracker.subscriber, "message");
    await tracker.redis.publish(
      configChannel(redisPrefix),
      JSON.stringify({ type: "offer", id: w.offer.id }),
    );
    await received;
    expect(await visit(tracker, w.link.code)).toBeNull();

    // The click made before the block converts: rejected, nothing paid.
    const answer = await getPostback(tracker, {
      click_id: before ?? "",
      txid: "order-blocked",
      token: w.advertiser.postbackSecret,
    });
    expect(answer.body).toMatchObject({ status: "rejected", reason: "publisher_blocked" });
    const c = await db.conversion.findFirstOrThrow({ where: { offerId: w.offer.id } });
    expect(c).toMatchObject({ status: "REJECTED", statusReason: "publisher_blocked", payout: 0n });
  });

  test("rejected leads take no cap slot", async ({ db, factories, tracker }) => {
    const w = await world(factories, { qualityPolicy: "REJECT" });
    await db.offerCap.create({
      data: { offerId: w.offer.id, scope: "OFFER", period: "DAILY", metric: "CONVERSIONS", limit: 1n },
    });
    const bot = await submitLead(
      tracker,
      db,
      w.link.code,
      await visit(tracker, w.link.code, { ua: GOOGLEBOT }),
    );
    expect(bot.statusReason).toBe("bot_click");
    const good = await submitLead(tracker, db, w.link.code, await visit(tracker, w.link.code));
    expect(good).toMatchObject({ status: "APPROVED", payout: 1500n });
    const third = await submitLead(tracker, db, w.link.code, await visit(tracker, w.link.code));
    expect(third.statusReason).toBe("cap_reached");
  });
});
