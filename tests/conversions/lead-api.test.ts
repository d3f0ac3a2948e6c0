// The publishers' lead API (POST /v1/leads): bad input is refused with the field named and stores
// nothing; good leads go through the hosted form's rules and recorder; a request id makes it
// idempotent; keys, offers and clicks are the publisher's own.
import { type Db, generateApiKey, type Offer, type Publisher } from "@leadrail/db";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { vi } from "vitest";
import { apiKeyCacheKey } from "../../tracker/src/lead-api/api-key-cache.ts";
import { answerExpiry } from "../../tracker/src/lead-api/idempotency.ts";
import { expireRows } from "../../tracker/src/maintenance/expire-rows.ts";
import { createOutboxRelay } from "../../tracker/src/postbacks/outbox-relay.ts";
import {
  test as base,
  createRedisClick,
  createWorld,
  describe,
  expect,
  startTracker,
} from "../src/conversion-kit.ts";
import type { Factories } from "../src/factories.ts";

// A short key cache so that the revocation test can wait it out; a limit the table never reaches.
const test = base.extend("tracker", { scope: "file" }, async ({ db, redis }, { onCleanup }) => {
  const tracker = await startTracker({
    db,
    redis,
    leadApi: { keyCacheSeconds: 1, rateLimitPerMinute: 1000 },
  });
  onCleanup(() => tracker.close());
  return tracker;
});

const leadFormFields = [
  { name: "name", label: "Full name", type: "text", required: true },
  { name: "email", label: "E-mail", type: "email", required: true },
  { name: "phone", label: "Phone", type: "phone", required: false },
];
const consentText = "I agree that Acme may call me about my quote.";

async function createKey(db: Db, factories: Factories, publisher: Publisher): Promise<string> {
  const user = await factories.createUser("PUBLISHER", publisher);
  const { key, prefix, keyHash } = generateApiKey();
  await db.apiKey.create({ data: { userId: user.id, name: "server", prefix, keyHash } });
  return key;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function post(
  url: string,
  key: string | null,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${url}/v1/leads`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: res.headers,
  };
}

/** A world whose offer has a form with consent, a publisher with a key. */
async function leadWorld(
  factories: Factories,
  db: Db,
  offerOverrides: Parameters<Factories["createOffer"]>[1] = {},
) {
  const world = await createWorld(factories, { leadFormFields, consentText, ...offerOverrides });
  const key = await createKey(db, factories, world.publisher);
  return { ...world, key };
}

function goodLead(offer: Offer, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    offer_id: offer.id,
    fields: { name: "Ada Lovelace", email: `ada.${Math.random().toString(36).slice(2)}@example.com` },
    consent: { given: true },
    sub1: "campaign-7",
    ...extra,
  };
}

const conversionCount = (db: Db, offer: Offer) => db.conversion.count({ where: { offerId: offer.id } });
const requestRows = (db: Db, publisher: Publisher) =>
  db.leadApiRequest.count({ where: { publisherId: publisher.id } });

type Case = {
  name: string;
  status: number;
  error: string;
  field: string;
  /** The body (object or raw text); `offer` is the world's offer. */
  body: (offer: Offer) => unknown;
  headers?: Record<string, string>;
};

const long = (n: number) => "x".repeat(n);

const CASES: Case[] = [
  { name: "not JSON", status: 400, error: "invalid_json", field: "body", body: () => "{offer_id: 1" },
  { name: "a JSON array", status: 422, error: "invalid_input", field: "body", body: () => [1, 2] },
  { name: "a JSON string", status: 422, error: "invalid_input", field: "body", body: () => '"lead"' },
  {
    name: "offer_id missing",
    status: 422,
    error: "invalid_input",
    field: "offer_id",
    body: (o) => ({ ...goodLead(o), offer_id: undefined }),
  },
  {
    name: "offer_id a float",
    status: 422,
    error: "invalid_input",
    field: "offer_id",
    body: (o) => goodLead(o, { offer_id: 1.5 }),
  },
  {
    name: "offer_id negative",
    status: 422,
    error: "invalid_input",
    field: "offer_id",
    body: (o) => goodLead(o, { offer_id: -3 }),
  },
  {
    name: "offer_id a word",
    status: 422,
    error: "invalid_input",
    field: "offer_id",
    body: (o) => goodLead(o, { offer_id: "one" }),
  },
  {
    name: "offer_id an object",
    status: 422,
    error: "invalid_input",
    field: "offer_id",
    body: (o) => goodLead(o, { offer_id: { id: o.id } }),
  },
  {
    name: "fields missing",
    status: 422,
    error: "invalid_input",
    field: "fields",
    body: (o) => ({ ...goodLead(o), fields: undefined }),
  },
  {
    name: "fields an array",
    status: 422,
    error: "invalid_input",
    field: "fields",
    body: (o) => goodLead(o, { fields: ["Ada"] }),
  },
  {
    name: "a field value a number",
    status: 422,
    error: "invalid_input",
    field: "fields.name",
    body: (o) => goodLead(o, { fields: { name: 42, email: "a@example.com" } }),
  },
  {
    name: "a field value an object",
    status: 422,
    error: "invalid_input",
    field: "fields.email",
    body: (o) => goodLead(o, { fields: { name: "Ada", email: { a: 1 } } }),
  },
  {
    name: "a text field given true",
    status: 422,
    error: "invalid_input",
    field: "fields.name",
    body: (o) => goodLead(o, { fields: { name: true, email: "a@example.com" } }),
  },
  {
    name: "a required field missing",
    status: 422,
    error: "invalid_input",
    field: "fields.email",
    body: (o) => goodLead(o, { fields: { name: "Ada" } }),
  },
  {
    name: "a required field blank",
    status: 422,
    error: "invalid_input",
    field: "fields.name",
    body: (o) => goodLead(o, { fields: { name: "   ", email: "a@example.com" } }),
  },
  {
    name: "an unknown field",
    status: 422,
    error: "invalid_input",
    field: "fields.emial",
    body: (o) => goodLead(o, { fields: { name: "Ada", email: "a@example.com", emial: "x" } }),
  },
  {
    name: "not an e-mail",
    status: 422,
    error: "invalid_input",
    field: "fields.email",
    body: (o) => goodLead(o, { fields: { name: "Ada", email: "ada@localhost" } }),
  },
  {
    name: "not a phone",
    status: 422,
    error: "invalid_input",
    field: "fields.phone",
    body: (o) => goodLead(o, { fields: { name: "Ada", email: "a@example.com", phone: "12" } }),
  },
  {
    name: "oversize field (501)",
    status: 422,
    error: "invalid_input",
    field: "fields.name",
    body: (o) => goodLead(o, { fields: { name: long(501), email: "a@example.com" } }),
  },
  {
    name: "huge field (3000)",
    status: 422,
    error: "invalid_input",
    field: "fields.name",
    body: (o) => goodLead(o, { fields: { name: long(3000), email: "a@example.com" } }),
  },
  {
    name: "markup in a field",
    status: 422,
    error: "invalid_input",
    field: "fields.name",
    body: (o) => goodLead(o, { fields: { name: "<script>alert(1)</script>", email: "a@example.com" } }),
  },
  {
    name: "a line break in a field",
    status: 422,
    error: "invalid_input",
    field: "fields.name",
    body: (o) => goodLead(o, { fields: { name: "Ada\nLovelace", email: "a@example.com" } }),
  },
  {
    name: "NUL in a field",
    status: 422,
    error: "invalid_input",
    field: "fields.name",
    body: (o) => goodLead(o, { fields: { name: "Ada\u0000", email: "a@example.com" } }),
  },
  {
    name: "C1 control in a field",
    status: 422,
    error: "invalid_input",
    field: "fields.name",
    body: (o) => goodLead(o, { fields: { name: "Ada\u0085", email: "a@example.com" } }),
  },
  {
    name: "consent missing",
    status: 422,
    error: "invalid_input",
    field: "consent",
    body: (o) => ({ ...goodLead(o), consent: undefined }),
  },
  {
    name: "consent not given",
    status: 422,
    error: "invalid_input",
    field: "consent.given",
    body: (o) => goodLead(o, { consent: { given: false } }),
  },
  {
    name: "consent given as a string",
    status: 422,
    error: "invalid_input",
    field: "consent.given",
    body: (o) => goodLead(o, { consent: { given: "yes" } }),
  },
  {
    name: "consent a boolean",
    status: 422,
    error: "invalid_input",
    field: "consent",
    body: (o) => goodLead(o, { consent: true }),
  },
  {
    name: "consent of an old text",
    status: 422,
    error: "invalid_input",
    field: "consent.text_version",
    body: (o) => goodLead(o, { consent: { given: true, text_version: 7 } }),
  },
  {
    name: "a sub ID too long",
    status: 422,
    error: "invalid_input",
    field: "sub2",
    body: (o) => goodLead(o, { sub2: long(256) }),
  },
  {
    name: "a sub ID a number",
    status: 422,
    error: "invalid_input",
    field: "sub3",
    body: (o) => goodLead(o, { sub3: 17 }),
  },
  {
    name: "markup in a sub ID",
    status: 422,
    error: "invalid_input",
    field: "subs.sub4",
    body: (o) => ({ ...goodLead(o), sub1: undefined, subs: { sub4: "<b>" } }),
  },
  {
    name: "a tab in a sub ID",
    status: 422,
    error: "invalid_input",
    field: "sub5",
    body: (o) => goodLead(o, { sub5: "a\tb" }),
  },
  {
    name: "sub11 does not exist",
    status: 422,
    error: "invalid_input",
    field: "sub11",
    body: (o) => goodLead(o, { sub11: "x" }),
  },
  {
    name: "subs and sub1 both",
    status: 422,
    error: "invalid_input",
    field: "subs",
    body: (o) => goodLead(o, { subs: { sub2: "y" } }),
  },
  {
    name: "an unknown top-level key",
    status: 422,
    error: "invalid_input",
    field: "payout",
    body: (o) => goodLead(o, { payout: 999 }),
  },
  {
    name: "ip not an address",
    status: 422,
    error: "invalid_input",
    field: "ip",
    body: (o) => goodLead(o, { ip: "999.1.1.1" }),
  },
  {
    name: "user_agent with a line break",
    status: 422,
    error: "invalid_input",
    field: "user_agent",
    body: (o) => goodLead(o, { user_agent: "Mozilla\r\nX-Evil: 1" }),
  },
  {
    name: "click_id not a click id",
    status: 422,
    error: "invalid_input",
    field: "click_id",
    body: (o) => goodLead(o, { click_id: "abc" }),
  },
  {
    name: "click_id unknown",
    status: 422,
    error: "invalid_input",
    field: "click_id",
    body: (o) => goodLead(o, { click_id: "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b" }),
  },
  {
    name: "request_id with a space",
    status: 422,
    error: "invalid_input",
    field: "request_id",
    body: (o) => goodLead(o, { request_id: "a b" }),
  },
  {
    name: "request_id too long",
    status: 422,
    error: "invalid_input",
    field: "request_id",
    body: (o) => goodLead(o, { request_id: long(201) }),
  },
  {
    name: "Idempotency-Key and request_id differ",
    status: 422,
    error: "invalid_input",
    field: "request_id",
    body: (o) => goodLead(o, { request_id: "r-1" }),
    headers: { "idempotency-key": "r-2" },
  },
  {
    name: "unknown offer",
    status: 404,
    error: "offer_not_found",
    field: "offer_id",
    body: (o) => goodLead(o, { offer_id: 2_000_000_000 }),
  },
  {
    name: "body over 32 KB",
    status: 413,
    error: "payload_too_large",
    field: "body",
    body: (o) => goodLead(o, { fields: { name: long(40_000), email: "a@example.com" } }),
  },
  {
    name: "form-encoded body",
    status: 415,
    error: "unsupported_media_type",
    field: "Content-Type",
    body: () => "offer_id=1",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  },
  {
    name: "no API key",
    status: 401,
    error: "unauthorized",
    field: "Authorization",
    body: (o) => goodLead(o),
    headers: { authorization: "" },
  },
  {
    name: "a made-up API key",
    status: 401,
    error: "unauthorized",
    field: "Authorization",
    body: (o) => goodLead(o),
    headers: { authorization: "Bearer lr_madeupmadeupmadeupmadeupmadeupmadeup12345" },
  },
  {
    name: "Basic instead of Bearer",
    status: 401,
    error: "unauthorized",
    field: "Authorization",
    body: (o) => goodLead(o),
    headers: { authorization: "Basic dXNlcjpwYXNz" },
  },
];

describe("lead API: bad input", () => {
  test(`the table has at least 30 cases (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  test.for(CASES)(
    "$name → $status $error naming $field, nothing stored",
    async (c, { db, factories, tracker }) => {
      const { offer, publisher, key } = await leadWorld(factories, db);
      const headers = { "idempotency-key": `bad-${Math.random()}`, ...c.headers };
      const answer = await post(tracker.url, key, c.body(offer), headers);
      expect(answer.status).toBe(c.status);
      expect(answer.body.error).toBe(c.error);
      if (c.status === 422) expect(Object.keys(answer.body.fields as object)).toContain(c.field);
      else expect(answer.body.field).toBe(c.field);
      expect(typeof answer.body.message).toBe("string");
      expect(await conversionCount(db, offer)).toBe(0);
      expect(await requestRows(db, publisher)).toBe(0);
    },
  );
});

describe("lead API: tenancy and access", () => {
  test("another publisher's click id is refused like an unknown one", async ({
    db,
    redis,
    factories,
    tracker,
  }) => {
    const { offer, publisher, key } = await leadWorld(factories, db);
    const other = await factories.createPublisher();
    const otherLink = await factories.createLink(other, offer);
    const click = await createRedisClick(redis, otherLink);
    const answer = await post(tracker.url, key, goodLead(offer, { click_id: click.id }));
    expect(answer.status).toBe(422);
    expect(answer.body.fields).toEqual({ click_id: "no click of yours on this offer has this id" });
    expect(await conversionCount(db, offer)).toBe(0);
    expect(await requestRows(db, publisher)).toBe(0);
  });

  test("the publisher's click on another offer is refused", async ({ db, redis, factories, tracker }) => {
    const { offer, advertiser, publisher, key } = await leadWorld(factories, db);
    const second = await factories.createOffer(advertiser, { leadFormFields, consentText });
    const link = await factories.createLink(publisher, second);
    const click = await createRedisClick(redis, link);
    const answer = await post(tracker.url, key, goodLead(offer, { click_id: click.id }));
    expect(answer.status).toBe(422);
    expect(Object.keys(answer.body.fields as object)).toEqual(["click_id"]);
    expect(await conversionCount(db, offer)).toBe(0);
  });

  test("a private offer of another network partner is not found; approval-required without approval is 403", async ({
    db,
    factories,
    tracker,
  }) => {
    const { advertiser, publisher, key } = await leadWorld(factories, db);
    const hidden = await factories.createOffer(advertiser, { leadFormFields, visibility: "PRIVATE" });
    const gated = await factories.createOffer(advertiser, {
      leadFormFields,
      visibility: "APPROVAL_REQUIRED",
    });
    const lead = (offer: Offer) => ({
      offer_id: offer.id,
      fields: { name: "Ada", email: "ada@example.com" },
    });

    const foreign = await post(tracker.url, key, lead(hidden));
    expect([foreign.status, foreign.body.error, foreign.body.field]).toEqual([
      404,
      "offer_not_found",
      "offer_id",
    ]);
    const unapproved = await post(tracker.url, key, lead(gated));
    expect([unapproved.status, unapproved.body.error, unapproved.body.field]).toEqual([
      403,
      "not_approved",
      "offer_id",
    ]);

    await db.offerApplication.create({
      data: { offerId: gated.id, publisherId: publisher.id, status: "APPLIED" },
    });
    expect((await post(tracker.url, key, lead(gated))).status).toBe(403);
    await db.offerApplication.update({
      where: { offerId_publisherId: { offerId: gated.id, publisherId: publisher.id } },
      data: { status: "APPROVED" },
    });
    expect((await post(tracker.url, key, lead(gated))).status).toBe(201);
    expect(await db.conversion.count({ where: { offerId: hidden.id } })).toBe(0);
    expect(await db.conversion.count({ where: { offerId: gated.id } })).toBe(1);
  });

  test("a blocked publisher's offer is not found, a paused offer is 409", async ({
    db,
    factories,
    tracker,
  }) => {
    const { offer, advertiser, publisher, key } = await leadWorld(factories, db);
    const paused = await factories.createOffer(advertiser, {
      leadFormFields,
      visibility: "APPROVAL_REQUIRED",
    });
    await db.offerApplication.create({
      data: { offerId: paused.id, publisherId: publisher.id, status: "APPROVED" },
    });
    await db.offer.update({ where: { id: paused.id }, data: { status: "PAUSED" } });
    const answer = await post(tracker.url, key, {
      offer_id: paused.id,
      fields: { name: "Ada", email: "a@example.com" },
    });
    expect([answer.status, answer.body.error, answer.body.field]).toEqual([
      409,
      "offer_not_active",
      "offer_id",
    ]);

    await db.offerApplication.create({
      data: { offerId: offer.id, publisherId: publisher.id, status: "APPROVED", blockedAt: new Date() },
    });
    const blocked = await post(tracker.url, key, goodLead(offer));
    expect([blocked.status, blocked.body.error]).toEqual([404, "offer_not_found"]);
    expect(await conversionCount(db, offer)).toBe(0);
  });

  test("an advertiser's or admin's key is refused with 403", async ({ db, factories, tracker }) => {
    const { offer, advertiser } = await leadWorld(factories, db);
    for (const user of [
      await factories.createUser("ADVERTISER", advertiser),
      await factories.createUser("ADMIN"),
    ]) {
      const { key, prefix, keyHash } = generateApiKey();
      await db.apiKey.create({ data: { userId: user.id, name: "k", prefix, keyHash } });
      const answer = await post(tracker.url, key, goodLead(offer));
      expect([answer.status, answer.body.error, answer.body.field]).toEqual([
        403,
        "forbidden",
        "Authorization",
      ]);
    }
    expect(await conversionCount(db, offer)).toBe(0);
  });

  test("a revoked key and a suspended account stop working once the cached entry expires", async ({
    db,
    redis,
    factories,
    tracker,
  }) => {
    const { offer, publisher, key } = await leadWorld(factories, db);
    expect((await post(tracker.url, key, goodLead(offer))).status).toBe(201);
    await db.apiKey.updateMany({
      where: { keyHash: { not: "" }, user: { publisherId: publisher.id } },
      data: { revokedAt: new Date() },
    });
    await waitUntilExpired(redis, key);
    const revoked = await post(tracker.url, key, goodLead(offer));
    expect([revoked.status, revoked.body.error]).toEqual([401, "unauthorized"]);

    const second = await leadWorld(factories, db);
    expect((await post(tracker.url, second.key, goodLead(second.offer))).status).toBe(201);
    await db.publisher.update({ where: { id: second.publisher.id }, data: { status: "SUSPENDED" } });
    await waitUntilExpired(redis, second.key);
    expect((await post(tracker.url, second.key, goodLead(second.offer))).status).toBe(401);
    expect(await conversionCount(db, offer)).toBe(1);
    expect(await conversionCount(db, second.offer)).toBe(1);
  });
});

/** Waits (at most the cache TTL and a margin) until Redis has expired the key's cached owner. The
 * fixture's client adds the file's prefix itself, so the key is named without one. */
async function waitUntilExpired(redis: Redis, key: string): Promise<void> {
  for (let i = 0; i < 100 && (await redis.exists(apiKeyCacheKey("", key))) === 1; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(await redis.exists(apiKeyCacheKey("", key))).toBe(0);
}

describe("lead API: leads", () => {
  test("without a click id the lead is the publisher's own traffic, paid, with sub IDs and consent", async ({
    db,
    factories,
    tracker,
  }) => {
    const { offer, publisher, key } = await leadWorld(factories, db);
    const answer = await post(tracker.url, key, {
      offer_id: offer.id,
      fields: { name: "Ada  Lovelace", email: "Ada@Example.com", phone: "+49 30 123456789" },
      consent: { given: true, text_version: 1 },
      subs: { sub1: "fb", sub3: "ad-9" },
      ip: "81.2.69.142",
      user_agent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      lead_id: expect.any(String),
      status: "APPROVED",
      payout: { amount: "1500", currency: "USD" },
    });
    const lead = await db.conversion.findUniqueOrThrow({ where: { id: answer.body.lead_id as string } });
    expect(lead).toMatchObject({
      offerId: offer.id,
      publisherId: publisher.id,
      clickId: null,
      source: "LEAD_FORM",
      status: "APPROVED",
      statusReason: null,
      payout: 1500n,
      leadName: "Ada Lovelace",
      leadEmail: "ada@example.com",
      leadPhone: "+4930123456789",
      consentText,
      consentVersion: 1,
      captureChannel: "api",
      subs: { sub1: "fb", sub3: "ad-9" },
      country: "GB",
    });
    expect(lead.consentAt).not.toBeNull();
    const signals = (lead.qualitySignals as { code: string }[]).map((s) => s.code);
    expect(signals).not.toContain("no_click");
    expect(signals).not.toContain("fast_conversion");
  });

  test("with the publisher's click id the lead is that click's, sub IDs from the click and the body", async ({
    db,
    redis,
    factories,
    tracker,
  }) => {
    const { offer, publisher, link, key } = await leadWorld(factories, db);
    const click = await createRedisClick(redis, link, {
      country: "DE",
      subs: { sub1: "from-click", sub2: "kept" },
      createdAt: Date.now() - 60_000,
    });
    const answer = await post(tracker.url, key, {
      offer_id: String(offer.id),
      click_id: click.id.toUpperCase(),
      fields: { name: "Ada", email: "ada.click@example.com", phone: "030 123456789" },
      consent: { given: true },
      sub1: "from-api",
    });
    expect(answer.status).toBe(201);
    const lead = await db.conversion.findUniqueOrThrow({ where: { id: answer.body.lead_id as string } });
    expect(lead).toMatchObject({
      publisherId: publisher.id,
      linkId: link.id,
      clickId: click.id,
      country: "DE",
      leadPhone: "+4930123456789",
      subs: { sub1: "from-api", sub2: "kept" },
    });
    // One lead per click, whichever way it comes: a second post for the click is refused.
    const again = await post(tracker.url, key, goodLead(offer, { click_id: click.id }));
    expect([again.status, again.body.error, again.body.field]).toEqual([409, "click_converted", "click_id"]);
    expect(await conversionCount(db, offer)).toBe(1);
  });

  test("a fresh click is a fast conversion; without a click there is no such signal", async ({
    db,
    redis,
    factories,
    tracker,
  }) => {
    const { offer, link, key } = await leadWorld(factories, db, { minSecondsToConvert: 30 });
    const click = await createRedisClick(redis, link);
    const fast = await post(tracker.url, key, goodLead(offer, { click_id: click.id }));
    const clickless = await post(tracker.url, key, goodLead(offer));
    const signals = async (id: unknown) =>
      (
        (await db.conversion.findUniqueOrThrow({ where: { id: id as string } })).qualitySignals as {
          code: string;
        }[]
      ).map((s) => s.code);
    expect(await signals(fast.body.lead_id)).toContain("fast_conversion");
    expect(await signals(clickless.body.lead_id)).not.toContain("fast_conversion");
  });

  test("the same e-mail twice is a duplicate lead (rejected under a REJECT policy)", async ({
    db,
    factories,
    tracker,
  }) => {
    const { offer, key } = await leadWorld(factories, db, { qualityPolicy: "REJECT" });
    const fields = { name: "Ada", email: "same.person@example.com" };
    const first = await post(tracker.url, key, goodLead(offer, { fields }));
    const second = await post(tracker.url, key, goodLead(offer, { fields }));
    expect(first.body.status).toBe("APPROVED");
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      status: "REJECTED",
      reason: "duplicate_lead",
      payout: { amount: "0" },
    });
  });

  test("a bot's user agent is never paid; a country outside the offer's is flagged", async ({
    db,
    factories,
    tracker,
  }) => {
    const { offer, key } = await leadWorld(factories, db, { qualityPolicy: "REJECT", countries: ["US"] });
    const bot = await post(
      tracker.url,
      key,
      goodLead(offer, { user_agent: "Googlebot/2.1 (+http://www.google.com/bot.html)" }),
    );
    expect(bot.body).toMatchObject({ status: "REJECTED", reason: "bot_click" });
    const abroad = await post(tracker.url, key, goodLead(offer, { ip: "81.2.69.142" }));
    expect(abroad.body).toMatchObject({ status: "REJECTED", reason: "country_not_targeted" });
  });

  test("caps: past the daily cap the lead is recorded as cap_reached and pays nothing", async ({
    db,
    factories,
    tracker,
  }) => {
    const { offer, key } = await leadWorld(factories, db);
    await db.offerCap.create({
      data: { offerId: offer.id, scope: "OFFER", period: "DAILY", metric: "CONVERSIONS", limit: 2 },
    });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await post(tracker.url, key, goodLead(offer)));
    expect(answers.map((a) => a.body.status)).toEqual(["APPROVED", "APPROVED", "REJECTED"]);
    expect(answers[2]?.body).toMatchObject({
      reason: "cap_reached",
      payout: { amount: "0", currency: "USD" },
    });
  });
});

describe("lead API: idempotency", () => {
  test("the same request id and body answers the same lead again; another body is 409", async ({
    db,
    factories,
    tracker,
  }) => {
    const { offer, publisher, key } = await leadWorld(factories, db);
    const body = goodLead(offer, { request_id: "order-1001" });
    const first = await post(tracker.url, key, body);
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();

    // The same lead with its keys in another order, the id in the header instead: the same request.
    const { request_id: _id, ...withoutId } = body;
    const reordered = Object.fromEntries(Object.entries(withoutId).reverse());
    const replay = await post(tracker.url, key, reordered, { "idempotency-key": "order-1001" });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");

    const changed = await post(tracker.url, key, { ...body, sub1: "another" });
    expect([changed.status, changed.body.error, changed.body.field]).toEqual([
      409,
      "idempotency_conflict",
      "request_id",
    ]);
    expect(await conversionCount(db, offer)).toBe(1);
    expect(await requestRows(db, publisher)).toBe(1);
  });

  test("ten concurrent copies of one request record one lead and give one answer", async ({
    db,
    factories,
    tracker,
  }) => {
    const { offer, publisher, key } = await leadWorld(factories, db);
    const body = goodLead(offer);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => post(tracker.url, key, body, { "idempotency-key": "burst-1" })),
    );
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
    expect(new Set(answers.map((a) => a.body.lead_id)).size).toBe(1);
    expect(await conversionCount(db, offer)).toBe(1);
    expect(await requestRows(db, publisher)).toBe(1);
  });

  test("request ids are per publisher: another publisher may use the same one", async ({
    db,
    factories,
    tracker,
  }) => {
    const one = await leadWorld(factories, db);
    const two = await leadWorld(factories, db);
    const a = await post(tracker.url, one.key, goodLead(one.offer, { request_id: "shared-id" }));
    const b = await post(tracker.url, two.key, goodLead(two.offer, { request_id: "shared-id" }));
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.lead_id).not.toBe(b.body.lead_id);
  });

  test("records past the retention are deleted in batches, recent ones kept; a replay inside the window answers the stored answer, one after it is a new request", async ({
    db,
    factories,
    tracker,
  }) => {
    const { offer, publisher, key } = await leadWorld(factories, db);
    const bodies = new Map<string, Record<string, unknown>>();
    const answers = new Map<string, Record<string, unknown>>();
    for (const id of ["old-1", "old-2", "old-3", "week-old", "fresh"]) {
      const body = goodLead(offer, { request_id: id });
      const answer = await post(tracker.url, key, body);
      expect(answer.status).toBe(201);
      bodies.set(id, body);
      answers.set(id, answer.body);
    }
    const age = (ids: string[], days: number) => db.$executeRaw`
      UPDATE lead_api_requests SET created_at = now() - make_interval(days => ${days})
      WHERE publisher_id = ${publisher.id} AND request_id = ANY(${ids})`;
    await age(["old-1", "old-2", "old-3"], 8);
    // Just inside a 7-day window.
    await age(["week-old"], 6);
    const kept = async () =>
      (
        await db.leadApiRequest.findMany({
          where: { publisherId: publisher.id },
          select: { requestId: true },
          orderBy: { requestId: "asc" },
        })
      ).map((row) => row.requestId);

    // Batches of 2: the three old rows take two DELETEs, the loop must not stop after the first.
    expect(await expireRows(db, answerExpiry(7), 2)).toBe(3);
    expect(await kept()).toEqual(["fresh", "week-old"]);
    // The leads themselves stay: only the request ids are forgotten.
    expect(await conversionCount(db, offer)).toBe(5);

    // Inside the window: the stored answer, no second lead.
    const replay = await post(tracker.url, key, bodies.get("week-old"));
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(answers.get("week-old"));
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await conversionCount(db, offer)).toBe(5);

    // After it: a new request, checked and recorded again without Idempotent-Replayed. Without a
    // click id the lead's transaction id is the request id's, so the offer still has one lead for it:
    // the answer names that lead, and a new record holds the answer.
    const late = await post(tracker.url, key, bodies.get("old-1"));
    expect(late.status).toBe(201);
    expect(late.headers.get("idempotent-replayed")).toBeNull();
    expect(late.body.lead_id).toBe(answers.get("old-1")?.lead_id);
    expect(await conversionCount(db, offer)).toBe(5);
    expect(await kept()).toEqual(["fresh", "old-1", "week-old"]);
    // No stored body to compare with: another body is not a 409 any more, and is still not a second lead.
    const changed = await post(tracker.url, key, { ...bodies.get("old-2"), sub1: "another" });
    expect([changed.status, changed.body.lead_id]).toEqual([201, answers.get("old-2")?.lead_id]);
    expect(await conversionCount(db, offer)).toBe(5);

    // The tracker's own periodic job: the outbox relay's cleanup, run when it starts.
    await age(["fresh"], 30);
    const relay = createOutboxRelay({
      db,
      logger: pino({ level: "silent" }),
      sources: [],
      intervalMs: 50,
      expiries: [answerExpiry(7)],
    });
    relay.start();
    try {
      await vi.waitFor(async () => expect(await kept()).toEqual(["old-1", "old-2", "week-old"]), {
        timeout: 10_000,
        interval: 50,
      });
    } finally {
      await relay.stop();
    }
  });

  test("a key over its rate limit gets 429 with Retry-After and stores nothing", async ({
    db,
    redis,
    factories,
  }) => {
    const tracker = await startTracker({
      db,
      redis,
      leadApi: { keyCacheSeconds: 30, rateLimitPerMinute: 2 },
    });
    try {
      const { offer, key } = await leadWorld(factories, db);
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await post(tracker.url, key, goodLead(offer)));
      expect(answers.map((a) => a.status)).toEqual([201, 201, 429]);
      expect(answers[2]?.body.error).toBe("rate_limited");
      expect(Number(answers[2]?.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await conversionCount(db, offer)).toBe(2);
    } finally {
      await tracker.close();
    }
  });
});
