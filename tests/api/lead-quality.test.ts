// Lead quality in the API: the offer's quality rules, lead temperature and contact cadence in the
// inbox, erasure of a lead's personal data (money and statements untouched), and the fraud report,
// each with its tenancy and bad-input answers.
import { type Conversion, type Db, mintId, recentClicksKey, timeOfId } from "@leadrail/db";
import type { Factories } from "../src/factories.ts";
import { approveStatement, createClick, createStatement } from "../src/factories.ts";
import { callerFor, describe, expect, expectOk, type GraphQLAnswer, outcome, test } from "./harness.ts";
import { mutation } from "./operations.ts";

const MIN = 60_000;
const HOUR = 60 * MIN;
const ago = (ms: number) => new Date(Date.now() - ms);

const SET_RULES = mutation(
  "setOfferQualityRules",
  "$offerId: ID!, $input: QualityRulesInput!",
  "offerId: $offerId, input: $input",
  "{ id qualityPolicy minSecondsToConvert duplicateWindowDays contactLimit contactPeriodHours }",
);
const LEAD_QUALITY = `query($id: String!) { leads(first: 5, filter: { search: $id }) { edges { node {
  id temperature temperatureReasons nextContactAt contactAttempts { channel note createdAt }
  leadName leadEmail leadPhone leadFields erasedAt consentText status statusReason qualitySignals { code detail }
} } } }`;
const CONTACT = `mutation($leadId: ID!, $channel: ContactChannel!, $note: String) {
  recordContactAttempt(leadId: $leadId, channel: $channel, note: $note) {
    __typename
    ... on DomainError { code message }
    ... on ContactLimitReached { code message nextContactAt }
    ... on MutationRecordContactAttemptSuccess { data { id channel note createdAt } }
  }
}`;
const ERASE = mutation(
  "eraseLeadPersonalData",
  "$id: ID!",
  "id: $id",
  "{ id erasedAt leadName leadEmail leadPhone leadFields status consentText consentAt }",
);
const FRAUD = `query($from: DateTime!, $to: DateTime!, $offerId: ID, $publisherId: ID) {
  fraudReport(from: $from, to: $to, offerId: $offerId, publisherId: $publisherId) {
    offerId publisherId clicks botClicks velocityClicks conversions duplicateLeads fastConversions
    rejectedConversions heldLeads botClickShare velocityClickShare duplicateLeadShare fastConversionShare rejectionRate
  }
}`;

const leadFormFields = [
  { name: "name", label: "Name", type: "text", required: true },
  { name: "email", label: "E-mail", type: "email", required: true },
  { name: "phone", label: "Phone", type: "phone", required: false },
  { name: "zip", label: "ZIP", type: "text", required: false },
];

type World = Awaited<ReturnType<typeof world>>;

async function world(factories: Factories) {
  const advertiser = await factories.createAdvertiser();
  const publisher = await factories.createPublisher();
  const offer = await factories.createOffer(advertiser, { leadFormFields, confirmationMode: "MANUAL" });
  const link = await factories.createLink(publisher, offer);
  return { advertiser, publisher, offer, link };
}

/** A lead as the tracker records it: its click a while ago, the form's fields. */
async function lead(
  factories: Factories,
  w: Awaited<ReturnType<typeof world>>,
  opts: {
    clickAgo?: number;
    fields?: Record<string, string>;
    signals?: unknown[];
    returning?: boolean;
    status?: "PENDING" | "APPROVED" | "REJECTED";
  } = {},
) {
  const clickAt = ago(opts.clickAgo ?? 5 * MIN);
  const fields = opts.fields ?? { name: "Ada", email: "ada@example.com", phone: "+4930123456", zip: "10115" };
  return factories.createConversion(w.offer, w.publisher, {
    source: "LEAD_FORM",
    status: opts.status ?? "PENDING",
    linkId: w.link.id,
    clickId: mintId(clickAt),
    clickAt,
    convertedAt: new Date(clickAt.getTime() + 30_000),
    leadName: fields.name ?? null,
    leadEmail: fields.email ?? null,
    leadPhone: fields.phone ?? null,
    leadFields: fields,
    consentText: "I agree to be called.",
    consentAt: clickAt,
    qualitySignals: (opts.signals ?? []) as never,
    returningVisitor: opts.returning ?? false,
    emailKey: "k-email",
  });
}

/**
 * Everywhere a lead's click and postbacks leave the person's data, as the tracker writes it: the
 * click (sub ids, source, IP-derived fields), the lead's copy of the subs, its advertiser postbacks'
 * log rows (one recorded, one refused that only names the click), its publisher postback deliveries
 * (one redirected to a URL repeating the query).
 */
async function personalTrail(db: Db, w: World, l: Conversion, postbackId: number) {
  const clickId = l.clickId as string;
  const subs = { sub1: `ada.sub@example.com-${l.id}`, sub2: "+4930123456", source: "ada-lovelace-fb" };
  await createClick(db, w.link, {
    id: clickId,
    createdAt: l.clickAt as Date,
    ipHash: "hash-of-ip",
    referrer: "https://ref.example/?email=ada@example.com",
    country: "DE",
    os: "Linux",
    browser: "Chrome",
    ...subs,
  });
  await db.conversion.update({ where: { id: l.id }, data: { subs } });
  const base = { advertiserId: w.advertiser.id, offerId: w.offer.id, channel: "POSTBACK" as const };
  await db.inboundPostback.createMany({
    data: [
      {
        ...base,
        method: "GET",
        params: { click_id: clickId, email: "ada@example.com", status: "approved" },
        clickId,
        transactionId: l.transactionId,
        outcome: "recorded",
        conversionId: l.id,
      },
      {
        ...base,
        method: "GET",
        params: { click_id: clickId, name: "Ada" },
        clickId,
        outcome: "rejected",
        reason: "invalid_token",
      },
    ],
  });
  const url = `https://pub.example/pb?c=${clickId}&s=${encodeURIComponent(subs.sub1)}`;
  await db.postbackDelivery.createMany({
    data: [
      { postbackId, conversionId: l.id, status: "APPROVED", attempt: 1, url, httpStatus: 200 },
      {
        postbackId,
        conversionId: l.id,
        status: "APPROVED",
        attempt: 2,
        url,
        httpStatus: 301,
        error: `redirect not followed (${url.replace("https:", "http:")})`,
      },
    ],
  });
  return readTrail(db, l);
}

async function readTrail(db: Db, l: Conversion) {
  const clickId = l.clickId as string;
  return {
    click: await db.click.findUniqueOrThrow({
      where: { id_createdAt: { id: clickId, createdAt: l.clickAt as Date } },
    }),
    logs: await db.inboundPostback.findMany({ where: { clickId }, orderBy: { id: "asc" } }),
    deliveries: await db.postbackDelivery.findMany({ where: { conversionId: l.id }, orderBy: { id: "asc" } }),
  };
}

describe("offer quality rules", () => {
  test("the advertiser sets them, audited; others cannot; bad values change nothing", async ({
    api,
    db,
    factories,
  }) => {
    const w = await world(factories);
    const owner = await callerFor(db, "ADVERTISER", w.advertiser);
    const stranger = await callerFor(db, "ADVERTISER", await factories.createAdvertiser());
    const publisher = await callerFor(db, "PUBLISHER", w.publisher);
    const input = { policy: "HOLD", minSecondsToConvert: 5, contactLimit: 2 };

    const set = expectOk(
      await api.call(SET_RULES, { offerId: w.offer.id, input }, owner.key),
      "setOfferQualityRules",
    );
    expect(set).toMatchObject({
      qualityPolicy: "HOLD",
      minSecondsToConvert: 5,
      duplicateWindowDays: 30,
      contactLimit: 2,
      contactPeriodHours: 24,
    });
    const row = await db.auditLog.findFirstOrThrow({
      where: { action: "offer.quality_rules", entityId: String(w.offer.id) },
    });
    expect(row).toMatchObject({ actorUserId: owner.user.id, before: { qualityPolicy: "FLAG" } });

    expect(
      outcome(
        await api.call(SET_RULES, { offerId: w.offer.id, input }, stranger.key),
        "setOfferQualityRules",
      ),
    ).toMatchObject({ ok: false, code: "not_found" });
    expect(
      outcome(
        await api.call(SET_RULES, { offerId: w.offer.id, input }, publisher.key),
        "setOfferQualityRules",
      ),
    ).toMatchObject({ ok: false, code: "forbidden" });
    for (const bad of [{ contactLimit: 0 }, { minSecondsToConvert: -1 }, { contactPeriodHours: 0 }]) {
      expect(
        outcome(
          await api.call(SET_RULES, { offerId: w.offer.id, input: bad }, owner.key),
          "setOfferQualityRules",
        ),
      ).toMatchObject({ ok: false, code: "invalid_input" });
    }
    expect(await db.offer.findUniqueOrThrow({ where: { id: w.offer.id } })).toMatchObject({
      qualityPolicy: "HOLD",
      contactLimit: 2,
      minSecondsToConvert: 5,
    });
  });
});

describe("lead temperature in the inbox", () => {
  test("fresh and complete is HOT; old, sparse or doubtful is not; rejected is COLD", async ({
    api,
    db,
    factories,
  }) => {
    const w = await world(factories);
    const owner = await callerFor(db, "ADVERTISER", w.advertiser);
    const read = async (id: string) => {
      const answer = await api.call(
        LEAD_QUALITY,
        { id: (await db.conversion.findUniqueOrThrow({ where: { id } })).transactionId },
        owner.key,
      );
      if (answer.errors || !answer.data?.leads.edges[0]) throw new Error(JSON.stringify(answer));
      return answer.data?.leads.edges[0].node;
    };
    const fresh = await lead(factories, w);
    expect(await read(fresh.id)).toMatchObject({
      temperature: "HOT",
      temperatureReasons: ["clicked_15m", "complete_form"],
    });
    const twoHours = await lead(factories, w, { clickAgo: 90 * MIN, fields: { name: "A", email: "a@x.io" } });
    expect(await read(twoHours.id)).toMatchObject({
      temperature: "WARM",
      temperatureReasons: ["clicked_2h"],
    });
    const returning = await lead(factories, w, {
      clickAgo: 90 * MIN,
      fields: { name: "A", email: "a@x.io" },
      returning: true,
    });
    expect(await read(returning.id)).toMatchObject({
      temperature: "HOT",
      temperatureReasons: ["clicked_2h", "returning_visitor"],
    });
    const doubtful = await lead(factories, w, {
      signals: [{ code: "disposable_email", detail: "mailinator.com" }],
    });
    expect(await read(doubtful.id)).toMatchObject({
      temperature: "WARM",
      temperatureReasons: ["clicked_15m", "complete_form", "quality_signals"],
    });
    const stale = await lead(factories, w, { clickAgo: 80 * HOUR, fields: { name: "A" } });
    expect(await read(stale.id)).toMatchObject({
      temperature: "COLD",
      temperatureReasons: ["clicked_over_72h", "sparse_form"],
    });
    const rejected = await lead(factories, w, { status: "REJECTED" });
    expect(await read(rejected.id)).toMatchObject({
      temperature: "COLD",
      temperatureReasons: ["not_payable"],
    });
  });
});

describe("contact cadence", () => {
  test("attempts up to the offer's limit; the next is refused with when contact is allowed again", async ({
    api,
    db,
    factories,
  }) => {
    const w = await world(factories);
    await db.offer.update({ where: { id: w.offer.id }, data: { contactLimit: 2, contactPeriodHours: 6 } });
    const owner = await callerFor(db, "ADVERTISER", w.advertiser);
    const l = await lead(factories, w);

    const first = await api.call(CONTACT, { leadId: l.id, channel: "CALL", note: "no answer" }, owner.key);
    expect(first.data?.recordContactAttempt).toMatchObject({
      __typename: "MutationRecordContactAttemptSuccess",
      data: { channel: "CALL", note: "no answer" },
    });
    const second = await api.call(CONTACT, { leadId: l.id, channel: "EMAIL" }, owner.key);
    expect(second.data?.recordContactAttempt.__typename).toBe("MutationRecordContactAttemptSuccess");
    const firstAt = new Date(first.data?.recordContactAttempt.data.createdAt);

    const third = await api.call(CONTACT, { leadId: l.id, channel: "MESSAGE" }, owner.key);
    expect(third.data?.recordContactAttempt).toMatchObject({
      __typename: "ContactLimitReached",
      code: "rate_limited",
      nextContactAt: new Date(firstAt.getTime() + 6 * HOUR).toISOString(),
    });
    expect(await db.contactAttempt.count({ where: { conversionId: l.id } })).toBe(2);
    const inbox = await api.call(LEAD_QUALITY, { id: l.transactionId }, owner.key);
    expect(inbox.data?.leads.edges[0].node).toMatchObject({
      nextContactAt: new Date(firstAt.getTime() + 6 * HOUR).toISOString(),
      contactAttempts: [{ channel: "EMAIL" }, { channel: "CALL", note: "no answer" }],
    });

    // An attempt that left the window frees a slot.
    await db.contactAttempt.updateMany({
      where: { conversionId: l.id, channel: "CALL" },
      data: { createdAt: ago(6 * HOUR) },
    });
    const fourth = await api.call(CONTACT, { leadId: l.id, channel: "CALL" }, owner.key);
    expect(fourth.data?.recordContactAttempt.__typename).toBe("MutationRecordContactAttemptSuccess");
  });

  test("advertiser only, own leads only, valid input only", async ({ api, db, factories }) => {
    const w = await world(factories);
    const l = await lead(factories, w);
    const stranger = await callerFor(db, "ADVERTISER", await factories.createAdvertiser());
    const publisher = await callerFor(db, "PUBLISHER", w.publisher);
    const admin = await callerFor(db, "ADMIN");
    const owner = await callerFor(db, "ADVERTISER", w.advertiser);
    const code = async (vars: Record<string, unknown>, key: string | null) => {
      const answer = await api.call(CONTACT, vars, key);
      return answer.data?.recordContactAttempt?.code ?? answer.errors?.[0]?.extensions?.code;
    };
    expect(await code({ leadId: l.id, channel: "CALL" }, stranger.key)).toBe("not_found");
    expect(await code({ leadId: l.id, channel: "CALL" }, publisher.key)).toBe("forbidden");
    expect(await code({ leadId: l.id, channel: "CALL" }, admin.key)).toBe("forbidden");
    expect(await code({ leadId: l.id, channel: "CALL" }, null)).toBe("unauthenticated");
    expect(await code({ leadId: "not-a-uuid", channel: "CALL" }, owner.key)).toBe("invalid_input");
    expect(await code({ leadId: l.id, channel: "CALL", note: "x".repeat(1001) }, owner.key)).toBe(
      "invalid_input",
    );
    expect(await db.contactAttempt.count({ where: { conversionId: l.id } })).toBe(0);
  });
});

describe("erasing a lead's personal data", () => {
  test("blanks the person, keeps money, status, consent and a balanced approved statement", async ({
    api,
    db,
    factories,
  }) => {
    const w = await world(factories);
    const owner = await callerFor(db, "ADVERTISER", w.advertiser);
    const finance = await callerFor(db, "FINANCE");
    const approver = await callerFor(db, "FINANCE");
    const hook = await db.publisherPostback.create({
      data: { publisherId: w.publisher.id, urlTemplate: "https://pub.example/pb?c={click_id}&s={sub1}" },
    });
    const l = await lead(factories, w, { status: "APPROVED" });
    // Its neighbour on the same offer, click and publisher, with the same kind of trail: untouched.
    const other = await lead(factories, w, { status: "APPROVED" });
    const trail = await personalTrail(db, w, l, hook.id);
    const otherTrail = await personalTrail(db, w, other, hook.id);
    const otherLead = await db.conversion.findUniqueOrThrow({ where: { id: other.id } });
    await db.contactAttempt.create({
      data: { conversionId: l.id, channel: "CALL", note: "Ada asked to call after 6" },
    });
    const statement = await createStatement(db, w.publisher, [l], { generatedById: finance.user.id });
    await approveStatement(db, statement, approver.user);

    const erased = expectOk(await api.call(ERASE, { id: l.id }, owner.key), "eraseLeadPersonalData");
    expect(erased).toMatchObject({
      leadName: null,
      leadEmail: null,
      leadPhone: null,
      leadFields: null,
      status: "APPROVED",
      consentText: "I agree to be called.",
    });
    expect(erased.erasedAt).not.toBeNull();

    const after = await db.conversion.findUniqueOrThrow({ where: { id: l.id } });
    expect(after).toMatchObject({
      payout: l.payout,
      revenue: l.revenue,
      currency: l.currency,
      status: "APPROVED",
      emailKey: "k-email",
      transactionId: l.transactionId,
      clickId: l.clickId,
      country: null,
      deviceType: null,
    });
    expect(after.subs).toEqual({});
    expect(await readTrail(db, l)).toEqual({
      click: {
        ...trail.click,
        ipHash: null,
        referrer: null,
        country: null,
        os: null,
        browser: null,
        sub1: null,
        sub2: null,
        source: null,
      },
      logs: trail.logs.map((row) => ({ ...row, params: {} })),
      deliveries: trail.deliveries.map((row) => ({
        ...row,
        url: "https://pub.example",
        error: row.error === null ? null : "redirect not followed",
      })),
    });
    expect((await db.contactAttempt.findFirstOrThrow({ where: { conversionId: l.id } })).note).toBe("");
    // Nothing of the neighbour changed.
    expect(await db.conversion.findUniqueOrThrow({ where: { id: other.id } })).toEqual(otherLead);
    expect(await readTrail(db, other)).toEqual(otherTrail);

    // The statement still pays the lead: same line, total = sum of lines, still APPROVED.
    const stored = await db.payoutStatement.findUniqueOrThrow({
      where: { id: statement.id },
      include: { lines: true },
    });
    expect(stored.status).toBe("APPROVED");
    expect(stored.lines.map((line) => [line.conversionId, line.amount])).toEqual([[l.id, l.payout]]);
    expect(stored.total).toBe(stored.lines.reduce((sum, line) => sum + line.amount, 0n));

    // Audited, without the erased values.
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "lead.erase", entityId: l.id } });
    expect(audit.actorUserId).toBe(owner.user.id);
    expect(audit.before).toMatchObject({
      erased: expect.arrayContaining(["subs", "click.subIds", "inboundPostbacks.params"]),
    });
    const text = JSON.stringify([audit.before, audit.after]);
    for (const value of [
      "Ada",
      "ada@example.com",
      "+4930123456",
      "10115",
      "hash-of-ip",
      "call after 6",
      "ada.sub@",
    ]) {
      expect(text).not.toContain(value);
    }
    // Again: nothing changes, no second audit row.
    expectOk(await api.call(ERASE, { id: l.id }, owner.key), "eraseLeadPersonalData");
    expect(await db.auditLog.count({ where: { action: "lead.erase", entityId: l.id } })).toBe(1);
    // Erased leads cannot be contacted any more.
    const contact = await api.call(CONTACT, { leadId: l.id, channel: "CALL" }, owner.key);
    expect(contact.data?.recordContactAttempt).toMatchObject({ code: "conflict" });
  });

  test("is refused, changing nothing, while the lead's click still waits in the click stream", async ({
    api,
    db,
    factories,
    redis,
  }) => {
    const w = await world(factories);
    const owner = await callerFor(db, "ADVERTISER", w.advertiser);
    const l = await lead(factories, w, { status: "APPROVED" });
    const clickId = l.clickId as string;
    // The tracker's pointer to the stream entry holding the click: the writer has not stored it yet.
    const pointers = recentClicksKey("", (timeOfId(clickId) as Date).getTime());
    await redis.hset(pointers, clickId, "1-0");
    const before = await db.conversion.findUniqueOrThrow({ where: { id: l.id } });

    const refused = outcome(await api.call(ERASE, { id: l.id }, owner.key), "eraseLeadPersonalData");
    expect(refused).toMatchObject({ code: "conflict" });
    expect(await db.conversion.findUniqueOrThrow({ where: { id: l.id } })).toEqual(before);
    expect(await db.auditLog.count({ where: { action: "lead.erase", entityId: l.id } })).toBe(0);

    // Stored: the writer deletes the pointer, and erasure goes ahead.
    await redis.hdel(pointers, clickId);
    const erased = expectOk(await api.call(ERASE, { id: l.id }, owner.key), "eraseLeadPersonalData");
    expect(erased).toMatchObject({ leadEmail: null });
    expect(await db.auditLog.count({ where: { action: "lead.erase", entityId: l.id } })).toBe(1);
  });

  test("erasing again finishes a lead erased before erasure reached its click and logs", async ({
    api,
    db,
    factories,
  }) => {
    const w = await world(factories);
    const owner = await callerFor(db, "ADVERTISER", w.advertiser);
    const hook = await db.publisherPostback.create({
      data: { publisherId: w.publisher.id, urlTemplate: "https://pub.example/pb?c={click_id}&s={sub1}" },
    });
    const l = await lead(factories, w, { status: "APPROVED" });
    await personalTrail(db, w, l, hook.id);
    // As the earlier erasure left it: the lead blanked and marked, its click and logs not.
    const erasedAt = new Date("2026-11-01T12:00:00.000Z");
    await db.conversion.update({
      where: { id: l.id },
      data: { leadName: null, leadEmail: null, leadPhone: null, subs: {}, erasedAt },
    });

    const erased = expectOk(await api.call(ERASE, { id: l.id }, owner.key), "eraseLeadPersonalData");
    expect(erased.erasedAt).toBe(erasedAt.toISOString());
    const click = await db.click.findFirstOrThrow({ where: { id: l.clickId as string } });
    expect(click).toMatchObject({ sub1: null, sub2: null, source: null, ipHash: null, referrer: null });
    const logs = await db.inboundPostback.findMany({ where: { clickId: l.clickId } });
    expect(logs.map((row) => row.params)).toEqual([{}, {}]);
    const deliveries = await db.postbackDelivery.findMany({ where: { conversionId: l.id } });
    for (const delivery of deliveries) expect(delivery.url).toBe("https://pub.example");
    expect(await db.auditLog.count({ where: { action: "lead.erase", entityId: l.id } })).toBe(0);
  });

  test("the offer's advertiser or an admin; nobody else; bad ids refused", async ({ api, db, factories }) => {
    const w = await world(factories);
    const l = await lead(factories, w);
    const stranger = await callerFor(db, "ADVERTISER", await factories.createAdvertiser());
    const publisher = await callerFor(db, "PUBLISHER", w.publisher);
    const finance = await callerFor(db, "FINANCE");
    const admin = await callerFor(db, "ADMIN");
    expect(outcome(await api.call(ERASE, { id: l.id }, stranger.key), "eraseLeadPersonalData")).toMatchObject(
      { code: "not_found" },
    );
    expect(
      outcome(await api.call(ERASE, { id: l.id }, publisher.key), "eraseLeadPersonalData"),
    ).toMatchObject({ code: "forbidden" });
    expect(outcome(await api.call(ERASE, { id: l.id }, finance.key), "eraseLeadPersonalData")).toMatchObject({
      code: "forbidden",
    });
    expect(outcome(await api.call(ERASE, { id: "nope" }, admin.key), "eraseLeadPersonalData")).toMatchObject({
      code: "invalid_input",
    });
    expect((await db.conversion.findUniqueOrThrow({ where: { id: l.id } })).leadEmail).toBe(
      "ada@example.com",
    );
    expectOk(await api.call(ERASE, { id: l.id }, admin.key), "eraseLeadPersonalData");
    expect((await db.conversion.findUniqueOrThrow({ where: { id: l.id } })).leadEmail).toBeNull();
  });
});

describe("fraud report", () => {
  test("per publisher × offer, each caller its own rows", async ({ api, db, factories }) => {
    const a = await world(factories);
    const otherPublisher = await factories.createPublisher();
    const aLink2 = await factories.createLink(otherPublisher, a.offer);
    const b = await world(factories);
    const now = Date.now();
    const at = (i: number) => new Date(now - HOUR + i * 1000);
    // a.offer × a.publisher: 4 clicks, 2 bots (one also velocity), 1 velocity human
    await createClick(db, a.link, { createdAt: at(1), isBot: true, fraudReason: "bot_user_agent" });
    await createClick(db, a.link, { createdAt: at(2), isBot: true, fraudReason: "velocity_ip" });
    await createClick(db, a.link, { createdAt: at(3), fraudReason: "velocity_link" });
    await createClick(db, a.link, { createdAt: at(4) });
    // Outside the period: not counted.
    await createClick(db, a.link, { createdAt: new Date(now - 48 * HOUR), isBot: true });
    await createClick(db, aLink2, { createdAt: at(5) });
    await createClick(db, b.link, { createdAt: at(6), isBot: true });
    const conv = (
      w: { offer: typeof a.offer },
      publisher: typeof a.publisher,
      data: Record<string, unknown>,
    ) => factories.createConversion(w.offer, publisher, { convertedAt: at(10), ...data });
    await conv(a, a.publisher, {
      status: "REJECTED",
      payout: 0n,
      statusReason: "duplicate_lead",
      qualitySignals: [{ code: "duplicate_lead", detail: "x" }],
    });
    await conv(a, a.publisher, {
      status: "PENDING",
      statusReason: "fast_conversion",
      qualitySignals: [{ code: "fast_conversion", detail: "1 s" }],
    });
    await conv(a, a.publisher, { status: "APPROVED" });
    await conv(a, a.publisher, {
      status: "APPROVED",
      qualitySignals: [
        { code: "fast_conversion", detail: "2 s" },
        { code: "duplicate_lead", detail: "y" },
      ],
    });
    await conv(b, b.publisher, { status: "APPROVED" });

    const admin = await callerFor(db, "ADMIN");
    const range = { from: new Date(now - 24 * HOUR).toISOString(), to: new Date(now + HOUR).toISOString() };
    const all = await api.call(FRAUD, { ...range, offerId: a.offer.id }, admin.key);
    expect(all.errors).toBeUndefined();
    expect(all.data?.fraudReport).toEqual([
      {
        offerId: String(a.offer.id),
        publisherId: String(a.publisher.id),
        clicks: "4",
        botClicks: "2",
        velocityClicks: "2",
        conversions: "4",
        duplicateLeads: "2",
        fastConversions: "2",
        rejectedConversions: "1",
        heldLeads: "1",
        botClickShare: 0.5,
        velocityClickShare: 0.5,
        duplicateLeadShare: 0.5,
        fastConversionShare: 0.5,
        rejectionRate: 0.25,
      },
      expect.objectContaining({
        publisherId: String(otherPublisher.id),
        clicks: "1",
        conversions: "0",
        rejectionRate: 0,
      }),
    ]);

    const pairs = (answer: GraphQLAnswer) =>
      ((answer.data?.fraudReport ?? []) as { offerId: string; publisherId: string }[])
        .map((r) => `${r.offerId}/${r.publisherId}`)
        .sort();
    const ids = [a, b].flatMap((w) => [w.offer.id]);
    const mine = (list: string[]) => list.filter((p) => ids.includes(Number(p.split("/")[0])));
    const advertiserA = await callerFor(db, "ADVERTISER", a.advertiser);
    expect(pairs(await api.call(FRAUD, range, advertiserA.key))).toEqual(
      [`${a.offer.id}/${a.publisher.id}`, `${a.offer.id}/${otherPublisher.id}`].sort(),
    );
    const publisherB = await callerFor(db, "PUBLISHER", b.publisher);
    expect(pairs(await api.call(FRAUD, range, publisherB.key))).toEqual([`${b.offer.id}/${b.publisher.id}`]);
    expect(mine(pairs(await api.call(FRAUD, range, admin.key)))).toHaveLength(3);
    // A publisher naming another publisher gets nothing of theirs.
    expect(pairs(await api.call(FRAUD, { ...range, publisherId: a.publisher.id }, publisherB.key))).toEqual(
      [],
    );

    const finance = await callerFor(db, "FINANCE");
    expect((await api.call(FRAUD, range, finance.key)).errors?.[0]?.extensions?.code).toBe("forbidden");
    expect((await api.call(FRAUD, range, null)).errors?.[0]?.extensions?.code).toBe("unauthenticated");
    const backwards = { from: range.to, to: range.from };
    expect((await api.call(FRAUD, backwards, admin.key)).errors?.[0]?.extensions?.code).toBe("invalid_input");
    const tooLong = { from: new Date(now - 400 * 24 * HOUR).toISOString(), to: range.to };
    expect((await api.call(FRAUD, tooLong, admin.key)).errors?.[0]?.extensions?.code).toBe("invalid_input");
  });
});
