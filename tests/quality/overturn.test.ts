// Overturning a quality-policy rejection end to end: real leads through the tracker's click path and
// hosted form under a REJECT policy, then overturnLeadRejection through the API: status, stamped
// money, daily_stats, the postback outbox row, the audit row, and the cap slot taken with the
// tracker's own counters (the tracker then sees it). Refused, changing nothing: a full cap, a lead
// the advertiser rejected, other rejections that are final, another advertiser's lead.
import type { Conversion, Db, Prisma } from "@leadrail/db";
import { capCounterKey, mintId } from "@leadrail/db";
import { test as apiTest, callerFor, describe, expect, expectOk, outcome } from "../api/harness.ts";
import { mutation } from "../api/operations.ts";
import { dailyStat } from "../src/conversion-kit.ts";
import type { Factories } from "../src/factories.ts";
import { click, proxiedTracker, type RunningTracker } from "../src/tracker.ts";

const test = apiTest.extend("tracker", { scope: "file" }, proxiedTracker);

const OVERTURN = mutation(
  "overturnLeadRejection",
  "$id: ID!",
  "id: $id",
  "{ id status statusReason approvedAt decidedAt revenue { amount currency } qualitySignals { code } }",
);
const REJECT = mutation(
  "rejectLeads",
  "$ids: [ID!]!, $reason: String!",
  "ids: $ids, reason: $reason",
  "{ id status }",
);

const CHROME =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

const leadFormFields = [
  { name: "name", label: "Name", type: "text", required: true },
  { name: "email", label: "E-mail", type: "email", required: true },
];

let ipCounter = 0;
function freshIp(): string {
  ipCounter += 1;
  return `203.0.113.${ipCounter}`;
}

async function world(db: Db, factories: Factories, offer: Partial<Prisma.OfferUncheckedCreateInput> = {}) {
  const advertiser = await factories.createAdvertiser();
  const publisher = await factories.createPublisher();
  const created = await factories.createOffer(advertiser, {
    leadFormFields,
    qualityPolicy: "REJECT",
    confirmationMode: "AUTO",
    ...offer,
  });
  const link = await factories.createLink(publisher, created);
  const adv = await callerFor(db, "ADVERTISER", advertiser);
  return { advertiser, publisher, offer: created, link, adv };
}

/** A click through the real click path; its id from the landing URL. */
async function visit(
  tracker: RunningTracker,
  code: string,
  ua: string,
  language = "en-US,en;q=0.9",
): Promise<string> {
  const res = await click(tracker.url, `/c/${code}`, {
    "x-forwarded-for": freshIp(),
    "user-agent": ua,
    "accept-language": language,
  });
  const location = res.headers.get("location");
  expect(res.status).toBe(302);
  const id = new URL(location ?? "").searchParams.get("click");
  if (!id) throw new Error("no click id on the landing URL");
  return id;
}

function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no hidden ${name} in the form`);
  return match[1] ?? "";
}

/** Opens the hosted form for the click (or none) and submits it; returns the recorded lead. */
async function submitLead(tracker: RunningTracker, db: Db, code: string, clickId: string | null) {
  const form = await fetch(`${tracker.url}/f/${code}${clickId ? `?click_id=${clickId}` : ""}`);
  const html = await form.text();
  expect(form.status).toBe(200);
  const email = `ada.${Math.random().toString(36).slice(2)}@example.com`;
  const body = new URLSearchParams({
    click_id: clickId ? hidden(html, "click_id") : "",
    form_token: hidden(html, "form_token"),
    name: "Ada Lovelace",
    email,
  });
  const res = await fetch(`${tracker.url}/f/${code}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  expect(res.status).toBe(200);
  const link = await db.trackingLink.findUniqueOrThrow({ where: { code } });
  return db.conversion.findFirstOrThrow({ where: { offerId: link.offerId, leadEmail: email } });
}

/**
 * A lead from a browser click without Accept-Language (suspicious, not a bot): the REJECT policy
 * rejects it for suspicious_click. (Not a crawler's: a bot click's lead is never payable, so it
 * cannot be overturned — tested below.)
 */
async function policyLead(tracker: RunningTracker, db: Db, code: string): Promise<Conversion> {
  const lead = await submitLead(tracker, db, code, await visit(tracker, code, CHROME, ""));
  expect(lead).toMatchObject({
    status: "REJECTED",
    statusReason: "suspicious_click",
    payout: 0n,
    revenue: 0n,
  });
  return lead;
}

/** Everything the overturn may change, to prove a refusal changed nothing. */
async function footprint(db: Db, lead: Conversion) {
  return {
    lead: await db.conversion.findUniqueOrThrow({ where: { id: lead.id } }),
    stats: await db.dailyStat.findMany({ where: { offerId: lead.offerId } }),
    outbox: await db.postbackOutbox.count({ where: { conversionId: lead.id } }),
    audit: await db.auditLog.count({ where: { entityType: "Conversion", entityId: lead.id } }),
  };
}

describe("overturning a quality-policy rejection", () => {
  test("approves the lead: stamped money, daily stats, publisher postback, audit", async ({
    api,
    db,
    factories,
    tracker,
  }) => {
    const w = await world(db, factories, { defaultPayout: 1500n, defaultRevenue: 2000n });
    const lead = await policyLead(tracker, db, w.link.code);
    expect(await dailyStat(db, w.offer, w.publisher, lead.convertedAt)).toMatchObject({
      rejectedConversions: 1n,
      approvedConversions: 0n,
      payout: 0n,
    });

    const answer = expectOk(await api.call(OVERTURN, { id: lead.id }, w.adv.key), "overturnLeadRejection");
    expect(answer).toMatchObject({
      id: lead.id,
      status: "APPROVED",
      statusReason: "suspicious_click",
      revenue: { amount: "2000", currency: "USD" },
      qualitySignals: [{ code: "suspicious_click" }],
    });

    const stored = await db.conversion.findUniqueOrThrow({ where: { id: lead.id } });
    expect(stored).toMatchObject({
      status: "APPROVED",
      payout: 1500n,
      revenue: 2000n,
      decidedById: w.adv.user.id,
    });
    expect(stored.approvedAt).toEqual(stored.decidedAt);
    expect(await dailyStat(db, w.offer, w.publisher, lead.convertedAt)).toMatchObject({
      rejectedConversions: 0n,
      approvedConversions: 1n,
      payout: 1500n,
      revenue: 2000n,
    });
    // The tracker queued the rejection's postback; the overturn adds the approval's.
    const outbox = await db.postbackOutbox.findMany({
      where: { conversionId: lead.id },
      orderBy: { id: "asc" },
    });
    expect(outbox.map((row) => row.status)).toEqual(["REJECTED", "APPROVED"]);
    expect(outbox[1]).toMatchObject({ offerId: w.offer.id, publisherId: w.publisher.id });
    const trail = await db.auditLog.findMany({ where: { entityType: "Conversion", entityId: lead.id } });
    expect(trail).toEqual([
      expect.objectContaining({
        actorUserId: w.adv.user.id,
        action: "lead.overturn",
        before: {
          status: "REJECTED",
          statusReason: "suspicious_click",
          payout: "0",
          revenue: "0",
          currency: "USD",
        },
        after: expect.objectContaining({ status: "APPROVED", payout: "1500", revenue: "2000" }),
      }),
    ]);

    // Once approved it is no longer a rejection to overturn.
    const again = outcome(await api.call(OVERTURN, { id: lead.id }, w.adv.key), "overturnLeadRejection");
    expect(again).toMatchObject({ ok: false, code: "conflict" });
  });

  test("an admin may overturn too, and the publisher's custom payout is what is stamped", async ({
    api,
    db,
    factories,
    tracker,
  }) => {
    const w = await world(db, factories);
    await db.customPayout.create({
      data: { offerId: w.offer.id, publisherId: w.publisher.id, payout: 1750n },
    });
    const lead = await policyLead(tracker, db, w.link.code);
    const admin = await callerFor(db, "ADMIN");
    expectOk(await api.call(OVERTURN, { id: lead.id }, admin.key), "overturnLeadRejection");
    expect(await db.conversion.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({
      status: "APPROVED",
      payout: 1750n,
      revenue: 2000n,
      decidedById: admin.user.id,
    });
  });

  test("takes a cap slot with the tracker's counters: refused with cap_reached when full", async ({
    api,
    db,
    factories,
    tracker,
    redis,
  }) => {
    const w = await world(db, factories);
    const cap = await db.offerCap.create({
      data: { offerId: w.offer.id, scope: "OFFER", period: "TOTAL", metric: "CONVERSIONS", limit: 1n },
    });
    const key = capCounterKey("", {
      offerId: w.offer.id,
      scope: "OFFER",
      publisherId: null,
      period: "TOTAL",
      periodKey: "all",
      metric: "CONVERSIONS",
    });
    const clean = await submitLead(tracker, db, w.link.code, await visit(tracker, w.link.code, CHROME));
    expect(clean).toMatchObject({ status: "APPROVED", payout: 1500n });
    expect(await redis.get(key)).toBe("1");
    const lead = await policyLead(tracker, db, w.link.code);

    const before = await footprint(db, lead);
    const full = outcome(await api.call(OVERTURN, { id: lead.id }, w.adv.key), "overturnLeadRejection");
    expect(full).toMatchObject({ ok: false, code: "cap_reached" });
    expect(await footprint(db, lead)).toEqual(before);
    expect(await redis.get(key)).toBe("1");

    // With room for one more, the overturn takes it...
    await db.offerCap.update({ where: { id: cap.id }, data: { limit: 2n } });
    expectOk(await api.call(OVERTURN, { id: lead.id }, w.adv.key), "overturnLeadRejection");
    expect(await redis.get(key)).toBe("2");
    // ...and the tracker counts it: the next clean lead finds the cap full.
    const late = await submitLead(tracker, db, w.link.code, await visit(tracker, w.link.code, CHROME));
    expect(late).toMatchObject({ status: "REJECTED", statusReason: "cap_reached", payout: 0n });
  });

  test("seeds a missing counter from PostgreSQL, counting the payable leads of the period", async ({
    api,
    db,
    factories,
    tracker,
    redis,
  }) => {
    const w = await world(db, factories);
    const clean = await submitLead(tracker, db, w.link.code, await visit(tracker, w.link.code, CHROME));
    expect(clean.status).toBe("APPROVED");
    const lead = await policyLead(tracker, db, w.link.code);
    // The cap arrives after the first lead: no counter exists yet, so the overturn seeds it (1 payable
    // lead this month) and finds the monthly budget of 2000 minor units too small for 1500 more.
    await db.offerCap.create({
      data: {
        offerId: w.offer.id,
        scope: "PER_PUBLISHER",
        period: "MONTHLY",
        metric: "BUDGET",
        limit: 2000n,
      },
    });
    const refused = outcome(await api.call(OVERTURN, { id: lead.id }, w.adv.key), "overturnLeadRejection");
    expect(refused).toMatchObject({ ok: false, code: "cap_reached" });
    const month = lead.convertedAt.toISOString().slice(0, 7);
    const key = capCounterKey("", {
      offerId: w.offer.id,
      scope: "PER_PUBLISHER",
      publisherId: w.publisher.id,
      period: "MONTHLY",
      periodKey: month,
      metric: "BUDGET",
    });
    expect(await redis.get(key)).toBe("1500");
    expect((await db.conversion.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("REJECTED");
  });

  test("concurrent overturns: one slot left, exactly one lead gets it; one lead, taken once", async ({
    api,
    db,
    factories,
    tracker,
    redis,
  }) => {
    const w = await world(db, factories);
    await db.offerCap.create({
      data: { offerId: w.offer.id, scope: "OFFER", period: "TOTAL", metric: "CONVERSIONS", limit: 2n },
    });
    const key = capCounterKey("", {
      offerId: w.offer.id,
      scope: "OFFER",
      publisherId: null,
      period: "TOTAL",
      periodKey: "all",
      metric: "CONVERSIONS",
    });
    await submitLead(tracker, db, w.link.code, await visit(tracker, w.link.code, CHROME));
    const leads = [
      await policyLead(tracker, db, w.link.code),
      await policyLead(tracker, db, w.link.code),
      await policyLead(tracker, db, w.link.code),
    ];
    const answers = await Promise.all(
      leads.map(async (lead) =>
        outcome(await api.call(OVERTURN, { id: lead.id }, w.adv.key), "overturnLeadRejection"),
      ),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).map((a) => (a.ok ? null : a.code))).toEqual([
      "cap_reached",
      "cap_reached",
    ]);
    expect(await redis.get(key)).toBe("2");
    expect(await db.conversion.count({ where: { offerId: w.offer.id, status: "APPROVED" } })).toBe(2);

    // The same lead twice at once: the row lock lets one in, the other finds it approved.
    await db.offerCap.updateMany({ where: { offerId: w.offer.id }, data: { limit: 10n } });
    const again = await policyLead(tracker, db, w.link.code);
    const twice = await Promise.all(
      [0, 1].map(async () =>
        outcome(await api.call(OVERTURN, { id: again.id }, w.adv.key), "overturnLeadRejection"),
      ),
    );
    expect(twice.map((a) => (a.ok ? "ok" : a.code)).sort()).toEqual(["conflict", "ok"]);
    expect(await redis.get(key)).toBe("3");
  });

  test("gives the slot back when the transaction fails after taking it", async ({
    api,
    db,
    factories,
    tracker,
    redis,
  }) => {
    const w = await world(db, factories);
    await db.offerCap.create({
      data: { offerId: w.offer.id, scope: "OFFER", period: "TOTAL", metric: "CONVERSIONS", limit: 5n },
    });
    const key = capCounterKey("", {
      offerId: w.offer.id,
      scope: "OFFER",
      publisherId: null,
      period: "TOTAL",
      periodKey: "all",
      metric: "CONVERSIONS",
    });
    await submitLead(tracker, db, w.link.code, await visit(tracker, w.link.code, CHROME));
    expect(await redis.get(key)).toBe("1");
    const lead = await policyLead(tracker, db, w.link.code);
    // A real failure late in the transaction (after the slot is taken): the outbox insert for this
    // lead raises. The file's database is its own clone, so the trigger touches no other test.
    await db.$executeRawUnsafe(`
      CREATE FUNCTION fail_overturn_outbox() RETURNS trigger AS $$
      BEGIN
        IF NEW.conversion_id = '${lead.id}'::uuid THEN RAISE EXCEPTION 'outbox refused for the test'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`
      CREATE TRIGGER fail_overturn_outbox BEFORE INSERT ON postback_outbox
      FOR EACH ROW EXECUTE FUNCTION fail_overturn_outbox()`);
    try {
      const before = await footprint(db, lead);
      const failed = await api.call(OVERTURN, { id: lead.id }, w.adv.key);
      expect(failed.errors?.length ?? 0).toBeGreaterThan(0);
      expect(await footprint(db, lead)).toEqual(before);
      expect(await redis.get(key)).toBe("1");
    } finally {
      await db.$executeRawUnsafe("DROP TRIGGER fail_overturn_outbox ON postback_outbox");
      await db.$executeRawUnsafe("DROP FUNCTION fail_overturn_outbox()");
    }
    expectOk(await api.call(OVERTURN, { id: lead.id }, w.adv.key), "overturnLeadRejection");
    expect(await redis.get(key)).toBe("2");
  });

  test("refuses rejections that are final, and other advertisers' leads", async ({
    api,
    db,
    factories,
    tracker,
  }) => {
    const w = await world(db, factories, { qualityPolicy: "HOLD" });
    // Held by the policy, then rejected by the advertiser: their decision, with a signal code as reason.
    const held = await submitLead(tracker, db, w.link.code, await visit(tracker, w.link.code, GOOGLEBOT));
    expect(held).toMatchObject({ status: "PENDING", statusReason: "bot_click" });
    expectOk(await api.call(REJECT, { ids: [held.id], reason: "bot_click" }, w.adv.key), "rejectLeads");
    // A click we do not know: an attribution failure.
    const noClick = await submitLead(tracker, db, w.link.code, mintId(new Date()));
    expect(noClick.status).toBe("REJECTED");
    // A blocked publisher's lead and a cap rejection (recorded as the tracker records them).
    const blocked = await factories.createConversion(w.offer, w.publisher, {
      status: "REJECTED",
      statusReason: "publisher_blocked",
      payout: 0n,
      revenue: 0n,
    });
    const capped = await factories.createConversion(w.offer, w.publisher, {
      status: "REJECTED",
      statusReason: "cap_reached",
      payout: 0n,
      revenue: 0n,
    });
    for (const lead of [held, noClick, blocked, capped]) {
      const before = await footprint(db, lead);
      const refused = outcome(await api.call(OVERTURN, { id: lead.id }, w.adv.key), "overturnLeadRejection");
      expect(refused).toMatchObject({ ok: false, code: "conflict" });
      expect(await footprint(db, lead)).toEqual(before);
    }

    // Another advertiser's policy rejection: not found, for them as for a lead that does not exist.
    const other = await world(db, factories);
    const theirs = await policyLead(tracker, db, other.link.code);
    const stranger = outcome(await api.call(OVERTURN, { id: theirs.id }, w.adv.key), "overturnLeadRejection");
    expect(stranger).toMatchObject({ ok: false, code: "not_found" });
    expect((await db.conversion.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("REJECTED");
  });
});
