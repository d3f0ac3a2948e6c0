// The bad-input table of lead capture, for the widget's JSON endpoint and the hosted HTML form: every
// case is refused with its status and words, and stores nothing (no lead, no claimed reward code).
import type { Prisma } from "@leadrail/db";
import { vi } from "vitest";
import { createRedisClick } from "../src/conversion-kit.ts";
import {
  createFormWorld,
  definition,
  describe,
  expect,
  GOOD_FIELDS,
  hidden,
  nextIp,
  postForm,
  postJson,
  stored,
  test,
} from "./capture-kit.ts";

interface Ctx {
  key: string;
  token: string;
  otherToken: string;
  clickId: string;
  url: string;
}

interface Case {
  label: string;
  kind: "json" | "html";
  form?: Partial<Omit<Prisma.LeadFormUncheckedCreateInput, "offerId">>;
  offer?: Partial<Prisma.OfferUncheckedCreateInput>;
  /** A token issued this long ago (the tracker runs in this process: its clock is faked meanwhile). */
  tokenAgeMs?: number;
  /** Submissions sent first from the same address (the rate limit). */
  before?: number;
  key?: (ctx: Ctx) => string;
  body: (ctx: Ctx) => unknown;
  contentType?: string;
  status: number;
  /** JSON: the error code, or the field named in `errors`; HTML: words on the page. */
  expect: string;
}

const json = (over: Record<string, unknown>) => (ctx: Ctx) => ({
  token: ctx.token,
  fields: GOOD_FIELDS,
  consent: true,
  ...over,
});
const fields = (over: Record<string, unknown>) => json({ fields: { ...GOOD_FIELDS, ...over } });
const at = new Date().toISOString();
const html = (over: Record<string, string>) => (ctx: Ctx) => ({
  click_id: "",
  form_token: ctx.token,
  website: "",
  name: "Ada",
  email: "ada@example.com",
  plan: "Basic",
  terms: "yes",
  consent: "yes",
  ...over,
});

const CASES: Case[] = [
  {
    label: "fields as an array",
    kind: "json",
    body: json({ fields: ["Ada"] }),
    status: 400,
    expect: "invalid_body",
  },
  {
    label: "fields as a number",
    kind: "json",
    body: json({ fields: 42 }),
    status: 400,
    expect: "invalid_body",
  },
  {
    label: "no fields",
    kind: "json",
    body: json({ fields: undefined }),
    status: 400,
    expect: "invalid_body",
  },
  {
    label: "consent as a string",
    kind: "json",
    body: json({ consent: "yes" }),
    status: 400,
    expect: "invalid_body",
  },
  {
    label: "the token as a number",
    kind: "json",
    body: json({ token: 123 }),
    status: 400,
    expect: "invalid_body",
  },
  {
    label: "an unknown channel",
    kind: "json",
    body: json({ channel: "fax" }),
    status: 400,
    expect: "invalid_body",
  },
  {
    label: "a body that is not JSON",
    kind: "json",
    body: () => "{name: Ada",
    status: 400,
    expect: "invalid_body",
  },
  { label: "a JSON array body", kind: "json", body: () => "[1,2]", status: 400, expect: "invalid_body" },
  {
    label: "a body of 70 KB",
    kind: "json",
    body: fields({ name: "x".repeat(70_000) }),
    status: 413,
    expect: "too_large",
  },
  {
    label: "text/plain",
    kind: "json",
    contentType: "text/plain",
    body: json({}),
    status: 415,
    expect: "Unsupported",
  },
  { label: "missing consent", kind: "json", body: json({ consent: false }), status: 422, expect: "consent" },
  {
    label: "consent left out",
    kind: "json",
    body: json({ consent: undefined }),
    status: 422,
    expect: "consent",
  },
  { label: "a name as a number", kind: "json", body: fields({ name: 5 }), status: 422, expect: "name" },
  {
    label: "a name as an object",
    kind: "json",
    body: fields({ name: { first: "Ada" } }),
    status: 422,
    expect: "name",
  },
  { label: "a checkbox as a number", kind: "json", body: fields({ terms: 1 }), status: 422, expect: "terms" },
  {
    label: "a required checkbox unticked",
    kind: "json",
    body: fields({ terms: false }),
    status: 422,
    expect: "terms",
  },
  {
    label: "an option not offered",
    kind: "json",
    body: fields({ plan: "Gold" }),
    status: 422,
    expect: "plan",
  },
  {
    label: "a name over its maxLength",
    kind: "json",
    body: fields({ name: "x".repeat(101) }),
    status: 422,
    expect: "name",
  },
  {
    label: "an e-mail of 600 characters",
    kind: "json",
    body: fields({ email: `${"a".repeat(590)}@x.com` }),
    status: 422,
    expect: "email",
  },
  {
    label: "markup in the name",
    kind: "json",
    body: fields({ name: "<script>alert(1)</script>" }),
    status: 422,
    expect: "name",
  },
  {
    label: "a line break in the name",
    kind: "json",
    body: fields({ name: "Ada\r\nX-Evil: 1" }),
    status: 422,
    expect: "name",
  },
  {
    label: "a NUL in the e-mail",
    kind: "json",
    body: fields({ email: "ada@example.com\u0000" }),
    status: 422,
    expect: "email",
  },
  {
    label: "an unknown form key",
    kind: "json",
    key: () => "nosuchform1",
    body: json({}),
    status: 404,
    expect: "not_found",
  },
  {
    label: "a paused offer",
    kind: "json",
    offer: { status: "PAUSED" },
    body: json({}),
    status: 404,
    expect: "not_found",
  },
  {
    label: "a stale token",
    kind: "json",
    tokenAgeMs: 25 * 3600_000,
    body: json({}),
    status: 403,
    expect: "stale_token",
  },
  {
    label: "a forged token",
    kind: "json",
    body: json({ token: "1.aaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" }),
    status: 403,
    expect: "invalid_token",
  },
  {
    label: "another form's token",
    kind: "json",
    body: (ctx) => json({ token: ctx.otherToken })(ctx),
    status: 403,
    expect: "invalid_token",
  },
  {
    label: "a token for another click id",
    kind: "json",
    body: (ctx) => json({ click_id: ctx.clickId })(ctx),
    status: 403,
    expect: "invalid_token",
  },
  {
    label: "the honeypot filled",
    kind: "json",
    body: json({ hp: "http://spam.example" }),
    status: 400,
    expect: "honeypot",
  },
  {
    label: "filled too fast",
    kind: "json",
    form: { minFillSeconds: 30 },
    body: json({}),
    status: 400,
    expect: "too_fast",
  },
  {
    label: "rate limited",
    kind: "json",
    form: { rateLimitPerHour: 2 },
    before: 2,
    body: json({}),
    status: 429,
    expect: "rate_limited",
  },
  {
    label: "a chat with markup",
    kind: "json",
    body: json({ channel: "chat", conversation: [{ from: "visitor", text: "<b>hi</b>", at }] }),
    status: 400,
    expect: "invalid_conversation",
  },
  {
    label: "a chat with control characters",
    kind: "json",
    body: json({ channel: "chat", conversation: [{ from: "visitor", text: "hi\u001b[31m", at }] }),
    status: 400,
    expect: "invalid_conversation",
  },
  {
    label: "a chat of 61 messages",
    kind: "json",
    body: json({
      channel: "chat",
      conversation: Array.from({ length: 61 }, () => ({ from: "bot", text: "x", at })),
    }),
    status: 400,
    expect: "invalid_conversation",
  },
  {
    label: "a chat that is a string",
    kind: "json",
    body: json({ channel: "chat", conversation: "hello" }),
    status: 400,
    expect: "invalid_conversation",
  },
  {
    label: "HTML: missing consent",
    kind: "html",
    body: html({ consent: "" }),
    status: 422,
    expect: "Please tick the box to give your consent.",
  },
  {
    label: "HTML: the honeypot filled",
    kind: "html",
    body: html({ website: "spam" }),
    status: 400,
    expect: "only automated programs",
  },
  {
    label: "HTML: a forged token",
    kind: "html",
    body: html({ form_token: "garbage" }),
    status: 403,
    expect: "not valid here",
  },
  {
    label: "HTML: a stale token",
    kind: "html",
    tokenAgeMs: 25 * 3600_000,
    body: html({}),
    status: 403,
    expect: "has expired",
  },
  {
    label: "HTML: filled too fast",
    kind: "html",
    form: { minFillSeconds: 30 },
    body: html({}),
    status: 400,
    expect: "quicker than a person",
  },
  {
    label: "HTML: markup in the name",
    kind: "html",
    body: html({ name: "<b>Ada</b>" }),
    status: 422,
    expect: "The characters &lt; and &gt; are not allowed here.",
  },
  {
    label: "HTML: an option not offered",
    kind: "html",
    body: html({ plan: "Gold" }),
    status: 422,
    expect: "Choose one of the options.",
  },
  {
    label: "HTML: an unknown form key",
    kind: "html",
    key: () => "nosuchform1",
    body: html({}),
    status: 404,
    expect: "Form not found",
  },
  {
    label: "HTML: a body of 70 KB",
    kind: "html",
    body: html({ name: "x".repeat(70_000) }),
    status: 413,
    expect: "too large",
  },
  {
    label: "HTML: rate limited",
    kind: "html",
    form: { rateLimitPerHour: 1 },
    before: 1,
    body: html({}),
    status: 429,
    expect: "Too many forms",
  },
];

async function tokenAt(url: string, key: string, ageMs: number): Promise<string> {
  if (ageMs === 0) return (await definition(url, key)).body.token;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() - ageMs);
  try {
    return (await definition(url, key)).body.token;
  } finally {
    vi.useRealTimers();
  }
}

describe("bad input to lead capture", () => {
  test.for(CASES)("$label → $status, nothing stored", async (c, { db, redis, factories, tracker }) => {
    const { form, offer, link } = await createFormWorld(factories, {
      form: c.form ?? {},
      offer: c.offer ?? {},
    });
    const other = await createFormWorld(factories);
    // A pool with codes: a refusal must not claim one.
    const magnet = await db.leadMagnet.create({
      data: { offerId: offer.id, kind: "CODE_POOL", title: "Code" },
    });
    await db.rewardCode.create({ data: { magnetId: magnet.id, code: "ONLY-ONE" } });
    const clickRecord = await createRedisClick(redis, link);
    const ctx: Ctx = {
      key: form.key,
      url: tracker.url,
      token: await tokenAt(tracker.url, form.key, c.tokenAgeMs ?? 0),
      otherToken: (await definition(tracker.url, other.form.key)).body.token,
      clickId: clickRecord.id,
    };
    const ip = nextIp();
    const key = c.key ? c.key(ctx) : ctx.key;
    const send = (body: unknown) =>
      c.kind === "json"
        ? c.contentType
          ? fetch(`${tracker.url}/form/${key}`, {
              method: "POST",
              headers: { "content-type": c.contentType, "x-forwarded-for": ip },
              body: JSON.stringify(body),
            }).then(async (r) => ({
              status: r.status,
              text: await r.text(),
              body: {} as Record<string, unknown>,
            }))
          : postJson(tracker.url, key, body, ip)
        : postForm(tracker.url, `/form/${key}`, body as Record<string, string>, ip).then((r) => ({
            status: r.status,
            text: r.html,
            body: {} as Record<string, unknown>,
          }));
    // Earlier submissions from the same address (refused too: they are bad input of their own).
    for (let i = 0; i < (c.before ?? 0); i++) await send({ token: "x", fields: {} });
    const before = await stored(db);

    const answer = await send(c.body(ctx));

    expect(answer.status).toBe(c.status);
    if (c.kind === "json" && !c.contentType) {
      expect(answer.body.ok).toBe(false);
      if (c.status === 422) {
        expect(answer.body.error).toBe("invalid_fields");
        expect(Object.keys(answer.body.errors as object)).toContain(c.expect);
        expect(typeof (answer.body.errors as Record<string, string>)[c.expect]).toBe("string");
      } else {
        expect(answer.body.error).toBe(c.expect);
        expect(String(answer.body.message).length).toBeGreaterThan(10);
      }
    } else {
      expect(answer.text).toContain(c.expect);
    }
    if (c.kind === "html" && [400, 403, 422, 429].includes(c.status)) {
      // The visitor sees the form again, with a fresh token.
      expect(hidden(answer.text, "form_token")).not.toBe(ctx.token);
    }
    expect(await stored(db)).toEqual(before);
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(0);
  });

  test("a retried submission (same token) is the same lead: same answer, one lead, one code", async ({
    db,
    factories,
    tracker,
  }) => {
    const { form, offer } = await createFormWorld(factories);
    const magnet = await db.leadMagnet.create({
      data: { offerId: offer.id, kind: "CODE_POOL", title: "Code" },
    });
    await db.rewardCode.createMany({ data: ["R1", "R2"].map((code) => ({ magnetId: magnet.id, code })) });
    const body = {
      token: (await definition(tracker.url, form.key)).body.token,
      fields: GOOD_FIELDS,
      consent: true,
    };
    const first = await postJson(tracker.url, form.key, body);
    const second = await postJson(tracker.url, form.key, body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(1);
    expect(await db.rewardCode.count({ where: { magnetId: magnet.id, conversionId: { not: null } } })).toBe(
      1,
    );
  });
});
