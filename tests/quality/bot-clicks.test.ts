// A bot's click is counted (as a click and a bot click) but is never a unique visitor and never pays:
// through the real click path, the click writer, postbacks and the hosted form under each quality
// policy, and the API's decisions that could make a lead APPROVED (confirmLeads, overturnLeadRejection).
import type { Conversion, Db, Prisma, QualityPolicy } from "@leadrail/db";
import { test as apiTest, callerFor, describe, expect, outcome } from "../api/harness.ts";
import { mutation } from "../api/operations.ts";
import { createTestWriter, dailyClicks, drain } from "../src/click-writer.ts";
import { createRedisClick, dailyStat, getPostback } from "../src/conversion-kit.ts";
import type { Factories } from "../src/factories.ts";
import { click, proxiedTracker, type RunningTracker, streamClicks } from "../src/tracker.ts";

const test = apiTest.extend("tracker", { scope: "file" }, proxiedTracker);

const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
const CHROME =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const POLICIES: readonly QualityPolicy[] = ["REJECT", "HOLD", "FLAG"];

const CONFIRM = mutation("confirmLeads", "$ids: [ID!]!", "ids: $ids", "{ id status }");
const OVERTURN = mutation("overturnLeadRejection", "$id: ID!", "id: $id", "{ id status }");

let ipCounter = 0;
function freshIp(): string {
  ipCounter += 1;
  return `198.51.100.${ipCounter}`;
}

async function world(factories: Factories, offer: Partial<Prisma.OfferUncheckedCreateInput> = {}) {
  const advertiser = await factories.createAdvertiser();
  const publisher = await factories.createPublisher();
  const created = await factories.createOffer(advertiser, {
    leadFormFields: [
      { name: "name", label: "Name", type: "text", required: true },
      { name: "email", label: "E-mail", type: "email", required: true },
    ],
    ...offer,
  });
  const link = await factories.createLink(publisher, created);
  return { advertiser, publisher, offer: created, link };
}

/** A click through the real click path; its id from the landing URL. */
async function visit(tracker: RunningTracker, code: string, ua: string, ip = freshIp()): Promise<string> {
  const res = await click(tracker.url, `/c/${code}`, {
    "x-forwarded-for": ip,
    "user-agent": ua,
    "accept-language": "en-US,en;q=0.9",
  });
  expect(res.status).toBe(302);
  const id = new URL(res.headers.get("location") ?? "").searchParams.get("click");
  if (!id) throw new Error("no click id on the landing URL");
  return id;
}

function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no hidden ${name} in the form`);
  return match[1] ?? "";
}

async function submitLead(
  tracker: RunningTracker,
  db: Db,
  code: string,
  clickId: string,
): Promise<Conversion> {
  const html = await (await fetch(`${tracker.url}/f/${code}?click_id=${clickId}`)).text();
  const email = `bot.${Math.random().toString(36).slice(2)}@example.com`;
  const res = await fetch(`${tracker.url}/f/${code}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      click_id: hidden(html, "click_id"),
      form_token: hidden(html, "form_token"),
      name: "Crawler",
      email,
    }),
  });
  expect(res.status).toBe(200);
  const link = await db.trackingLink.findUniqueOrThrow({ where: { code } });
  return db.conversion.findFirstOrThrow({ where: { offerId: link.offerId, leadEmail: email } });
}

describe("a bot's click is never unique", () => {
  test("Googlebot: not unique in the stream, the clicks table or daily_stats; a browser beside it is", async ({
    db,
    factories,
    tracker,
    redis,
    redisUrl,
    redisPrefix,
  }) => {
    const w = await world(factories);
    const ip = freshIp();
    const botId = await visit(tracker, w.link.code, GOOGLEBOT, ip);
    const personId = await visit(tracker, w.link.code, CHROME, ip);
    const sent = (await streamClicks(redis)).map((e) => e.click).filter((c) => c.linkId === w.link.id);
    expect(sent.map((c) => [c.id, c.isBot, c.isUnique])).toEqual([
      [botId, true, false],
      [personId, false, true],
    ]);

    const { writer, close } = createTestWriter({ db, redisUrl, redisPrefix });
    try {
      await drain(writer);
    } finally {
      await close();
    }
    const rows = await db.click.findMany({ where: { linkId: w.link.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.id, r.isBot, r.isUnique])).toEqual([
      [botId, true, false],
      [personId, false, true],
    ]);
    expect(await dailyClicks(db, w.offer.id, w.publisher.id)).toEqual({
      clicks: 2n,
      uniqueClicks: 1n,
      botClicks: 1n,
      rejectedClicks: 0n,
    });
  });

  test("the click writer stores a bot record that claims to be unique (an older tracker's) as not unique", async ({
    db,
    factories,
    redis,
    redisUrl,
    redisPrefix,
  }) => {
    const w = await world(factories);
    const record = await createRedisClick(redis, w.link, {
      isBot: true,
      isUnique: true,
      fraudReason: "bot_user_agent",
    });
    const { writer, close } = createTestWriter({ db, redisUrl, redisPrefix });
    try {
      await drain(writer);
    } finally {
      await close();
    }
    expect(await db.click.findFirstOrThrow({ where: { id: record.id } })).toMatchObject({
      isBot: true,
      isUnique: false,
    });
    expect(await dailyClicks(db, w.offer.id, w.publisher.id)).toMatchObject({
      uniqueClicks: 0n,
      botClicks: 1n,
    });
  });
});

describe("a bot's click never pays", () => {
  for (const policy of POLICIES) {
    test(`postback on an AUTO offer, ${policy}: not approved, in the answer and the row; nothing earned`, async ({
      db,
      factories,
      tracker,
    }) => {
      const w = await world(factories, { qualityPolicy: policy, confirmationMode: "AUTO" });
      const token = w.advertiser.postbackSecret;
      for (const status of [undefined, "approved"]) {
        const clickId = await visit(tracker, w.link.code, GOOGLEBOT);
        const txid = `ORDER-${status ?? "none"}`;
        const answer = await getPostback(tracker, {
          click_id: clickId,
          txid,
          token,
          ...(status ? { status } : {}),
        });
        expect(answer.status).toBe(200);
        expect(answer.body.conversion_status ?? "rejected").not.toBe("approved");
        const row = await db.conversion.findFirstOrThrow({
          where: { offerId: w.offer.id, transactionId: txid },
        });
        expect(row.status).not.toBe("APPROVED");
        expect(row.statusReason).toBe("bot_click");
        expect(row.approvedAt).toBeNull();

        // Nor on the advertiser's later word.
        const update = await getPostback(tracker, { click_id: clickId, txid, token, status: "approved" });
        expect(update.status).not.toBe(200);
        expect(update.body).toMatchObject({ reason: "invalid_transition" });
        expect((await db.conversion.findUniqueOrThrow({ where: { id: row.id } })).status).toBe(row.status);
      }
      const stats = await dailyStat(db, w.offer, w.publisher);
      expect(stats).toMatchObject({ approvedConversions: 0n, payout: 0n, revenue: 0n });
    });
  }

  for (const policy of POLICIES) {
    test(`hosted lead form, ${policy}: not approved, and the API cannot approve it`, async ({
      api,
      db,
      factories,
      tracker,
    }) => {
      const w = await world(factories, { qualityPolicy: policy, confirmationMode: "AUTO" });
      const lead = await submitLead(tracker, db, w.link.code, await visit(tracker, w.link.code, GOOGLEBOT));
      expect(lead.status).toBe(policy === "HOLD" ? "PENDING" : "REJECTED");
      expect(lead.statusReason).toBe("bot_click");
      // Never unique, yet not a returning visitor either (the inbox's temperature would say so).
      expect(lead.returningVisitor).toBeNull();

      const adv = await callerFor(db, "ADVERTISER", w.advertiser);
      const admin = await callerFor(db, "ADMIN");
      const attempt =
        lead.status === "PENDING"
          ? outcome(await api.call(CONFIRM, { ids: [lead.id] }, adv.key), "confirmLeads")
          : outcome(await api.call(OVERTURN, { id: lead.id }, admin.key), "overturnLeadRejection");
      expect(attempt).toMatchObject({ ok: false, code: "conflict" });
      expect(await db.conversion.findUniqueOrThrow({ where: { id: lead.id } })).toEqual(lead);
      expect(await dailyStat(db, w.offer, w.publisher)).toMatchObject({
        approvedConversions: 0n,
        payout: 0n,
      });
    });
  }
});
