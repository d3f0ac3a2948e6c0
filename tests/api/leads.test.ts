// The leads inbox: confirming and rejecting PENDING leads (one and in bulk), returning approved ones
// within the return window, the postback log. daily_stats is checked against a recount from the
// conversions table done here in SQL, independently of the API's incremental moves.
import type { Conversion, Db, Offer, Publisher } from "@leadrail/db";
import type { Factories } from "../src/factories.ts";
import { callerFor, describe, expect, expectOk, outcome, test } from "./harness.ts";
import { mutation } from "./operations.ts";

const LEAD_FIELDS = `{ id status statusReason approvedAt decidedAt returnedAt returnReason reversedAt
  leadName leadEmail leadPhone revenue { amount currency } qualitySignals { code detail } offer { id } }`;
const CONFIRM = mutation("confirmLeads", "$ids: [ID!]!", "ids: $ids", LEAD_FIELDS);
const REJECT = mutation(
  "rejectLeads",
  "$ids: [ID!]!, $reason: String!",
  "ids: $ids, reason: $reason",
  LEAD_FIELDS,
);
const RETURN = mutation("returnLead", "$id: ID!, $reason: String!", "id: $id, reason: $reason", LEAD_FIELDS);

const DAY = 24 * 3600 * 1000;

interface CounterRow {
  day: string;
  offer_id: number;
  publisher_id: number;
  pending: bigint;
  approved: bigint;
  rejected: bigint;
  reversed: bigint;
  payout: bigint;
  revenue: bigint;
}

/** What daily_stats' conversion columns must hold for these offers, recounted from the conversions. */
function recount(db: Db, offerIds: number[]): Promise<CounterRow[]> {
  return db.$queryRaw<CounterRow[]>`
    SELECT to_char((converted_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, offer_id, publisher_id,
      count(*) FILTER (WHERE status = 'PENDING') AS pending,
      count(*) FILTER (WHERE status = 'APPROVED') AS approved,
      count(*) FILTER (WHERE status = 'REJECTED') AS rejected,
      count(*) FILTER (WHERE status = 'REVERSED') AS reversed,
      coalesce(sum(payout) FILTER (WHERE status = 'APPROVED'), 0)::bigint AS payout,
      coalesce(sum(revenue) FILTER (WHERE status = 'APPROVED'), 0)::bigint AS revenue
    FROM conversions WHERE offer_id = ANY(${offerIds}::int[]) AND publisher_id IS NOT NULL
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
}

function storedCounters(db: Db, offerIds: number[]): Promise<CounterRow[]> {
  return db.$queryRaw<CounterRow[]>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, offer_id, publisher_id,
      pending_conversions AS pending, approved_conversions AS approved, rejected_conversions AS rejected,
      reversed_conversions AS reversed, payout, revenue
    FROM daily_stats WHERE offer_id = ANY(${offerIds}::int[]) ORDER BY 1, 2, 3`;
}

/** Writes daily_stats for the offers' conversions as the tracker would have (one row per day/publisher). */
async function rollUp(db: Db, offerIds: number[]): Promise<void> {
  await db.$executeRaw`
    INSERT INTO daily_stats (day, offer_id, publisher_id, clicks, conversions, pending_conversions,
      approved_conversions, rejected_conversions, reversed_conversions, payout, revenue)
    SELECT (converted_at AT TIME ZONE 'UTC')::date, offer_id, publisher_id, 100, count(*),
      count(*) FILTER (WHERE status = 'PENDING'), count(*) FILTER (WHERE status = 'APPROVED'),
      count(*) FILTER (WHERE status = 'REJECTED'), count(*) FILTER (WHERE status = 'REVERSED'),
      coalesce(sum(payout) FILTER (WHERE status = 'APPROVED'), 0),
      coalesce(sum(revenue) FILTER (WHERE status = 'APPROVED'), 0)
    FROM conversions WHERE offer_id = ANY(${offerIds}::int[]) AND publisher_id IS NOT NULL
    GROUP BY 1, 2, 3`;
}

async function world(db: Db, factories: Factories) {
  const advertiser = await factories.createAdvertiser();
  const offer = await factories.createOffer(advertiser, {
    confirmationMode: "MANUAL",
    returnWindowDays: 7,
    defaultPayout: 1500n,
    defaultRevenue: 2000n,
  });
  const publishers = [await factories.createPublisher(), await factories.createPublisher()] as const;
  const adv = await callerFor(db, "ADVERTISER", advertiser);
  return { advertiser, offer, publishers, adv };
}

function pendingLead(
  factories: Factories,
  offer: Offer,
  publisher: Publisher,
  overrides: Parameters<Factories["createConversion"]>[2] = {},
): Promise<Conversion> {
  return factories.createConversion(offer, publisher, {
    status: "PENDING",
    source: "LEAD_FORM",
    leadName: "Ada Lovelace",
    leadEmail: `ada-${Math.random().toString(36).slice(2, 8)}@example.com`,
    leadPhone: "+14155550123",
    consentText: "I agree",
    consentAt: new Date(),
    ...overrides,
  });
}

async function auditRows(db: Db, ids: string[]) {
  return db.auditLog.findMany({
    where: { entityType: "Conversion", entityId: { in: ids } },
    orderBy: { id: "asc" },
  });
}

describe("leads inbox", () => {
  test("lists the advertiser's leads with contact fields and quality signals, filtered", async ({
    api,
    db,
    factories,
  }) => {
    const { offer, publishers, adv } = await world(db, factories);
    const other = await world(db, factories);
    const doubtful = await pendingLead(factories, offer, publishers[0], {
      leadEmail: "dupe@example.com",
      qualitySignals: [{ code: "duplicate_lead", detail: "same phone and email as lead t-1" }],
    });
    const approved = await pendingLead(factories, offer, publishers[1], { status: "APPROVED" });
    await pendingLead(factories, other.offer, other.publishers[0]);

    const query = `query($filter: LeadFilter) { leads(filter: $filter) { totalCount edges { node {
      id status leadEmail leadPhone qualitySignals { code detail } revenue { formatted } publisherId } } } }`;
    const all = await api.call(query, {}, adv.key);
    expect(all.data?.leads.totalCount).toBe(2);
    expect(all.data?.leads.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual(
      [doubtful.id, approved.id].sort(),
    );
    const found = await api.call(query, { filter: { search: "DUPE@example", status: "PENDING" } }, adv.key);
    expect(found.data?.leads.edges).toEqual([
      {
        node: {
          id: doubtful.id,
          status: "PENDING",
          leadEmail: "dupe@example.com",
          leadPhone: "+14155550123",
          qualitySignals: [{ code: "duplicate_lead", detail: "same phone and email as lead t-1" }],
          revenue: { formatted: "$20.00" },
          publisherId: String(publishers[0].id),
        },
      },
    ]);
    const byTransaction = await api.call(query, { filter: { search: approved.transactionId } }, adv.key);
    expect(byTransaction.data?.leads.totalCount).toBe(1);
    const bad = await api.call(
      query,
      { filter: { from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" } },
      adv.key,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe("invalid_input");
  });

  test("confirming one lead approves it, moves the counters and audits it", async ({
    api,
    db,
    factories,
  }) => {
    const { offer, publishers, adv } = await world(db, factories);
    const lead = await pendingLead(factories, offer, publishers[0]);
    await pendingLead(factories, offer, publishers[0]);
    await rollUp(db, [offer.id]);

    const [confirmed] = expectOk(await api.call(CONFIRM, { ids: [lead.id] }, adv.key), "confirmLeads") as {
      id: string;
      status: string;
      approvedAt: string;
      decidedAt: string;
    }[];
    expect(confirmed).toMatchObject({ id: lead.id, status: "APPROVED" });
    expect(confirmed?.approvedAt).toBe(confirmed?.decidedAt);

    const stored = await db.conversion.findUniqueOrThrow({ where: { id: lead.id } });
    expect(stored).toMatchObject({ status: "APPROVED", decidedById: adv.user.id });
    expect(stored.approvedAt).toEqual(stored.decidedAt);
    expect(await storedCounters(db, [offer.id])).toEqual(await recount(db, [offer.id]));
    const [row] = await storedCounters(db, [offer.id]);
    expect(row).toMatchObject({ pending: 1n, approved: 1n, payout: 1500n, revenue: 2000n });

    const trail = await auditRows(db, [lead.id]);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      actorUserId: adv.user.id,
      action: "lead.confirm",
      before: { status: "PENDING", payout: "1500", revenue: "2000", currency: "USD" },
      after: { status: "APPROVED", payout: "1500", revenue: "2000" },
    });
  });

  test("rejecting one lead records the reason", async ({ api, db, factories }) => {
    const { offer, publishers, adv } = await world(db, factories);
    const lead = await pendingLead(factories, offer, publishers[0]);
    await rollUp(db, [offer.id]);

    const [rejected] = expectOk(
      await api.call(REJECT, { ids: [lead.id], reason: "invalid_phone" }, adv.key),
      "rejectLeads",
    ) as { status: string; statusReason: string; approvedAt: string | null }[];
    expect(rejected).toMatchObject({ status: "REJECTED", statusReason: "invalid_phone", approvedAt: null });
    expect(await storedCounters(db, [offer.id])).toEqual(await recount(db, [offer.id]));
    expect((await storedCounters(db, [offer.id]))[0]).toMatchObject({
      pending: 0n,
      rejected: 1n,
      payout: 0n,
    });
    expect(await auditRows(db, [lead.id])).toMatchObject([
      {
        action: "lead.reject",
        before: { status: "PENDING" },
        after: { status: "REJECTED", statusReason: "invalid_phone" },
      },
    ]);
  });

  test("bulk decisions across days and publishers, all or nothing", async ({ api, db, factories }) => {
    const { offer, publishers, adv } = await world(db, factories);
    const other = await world(db, factories);
    const yesterday = new Date(Date.now() - DAY);
    const leads = [
      await pendingLead(factories, offer, publishers[0]),
      await pendingLead(factories, offer, publishers[0], { convertedAt: yesterday }),
      await pendingLead(factories, offer, publishers[1]),
      await pendingLead(factories, offer, publishers[1], { convertedAt: yesterday }),
    ];
    const alreadyRejected = await pendingLead(factories, offer, publishers[1], { status: "REJECTED" });
    const notMine = await pendingLead(factories, other.offer, other.publishers[0]);
    await rollUp(db, [offer.id, other.offer.id]);
    const countersBefore = await storedCounters(db, [offer.id, other.offer.id]);
    const auditBefore = await db.auditLog.count();

    // One lead that is not PENDING, or not the advertiser's: the whole batch fails and nothing changes.
    const withDecided = outcome(
      await api.call(CONFIRM, { ids: [leads[0]?.id, alreadyRejected.id] }, adv.key),
      "confirmLeads",
    );
    expect(withDecided).toMatchObject({ ok: false, code: "conflict" });
    const withForeign = outcome(
      await api.call(CONFIRM, { ids: [leads[0]?.id, notMine.id] }, adv.key),
      "confirmLeads",
    );
    expect(withForeign).toMatchObject({ ok: false, code: "not_found" });
    const unknown = outcome(
      await api.call(REJECT, { ids: ["0190c3c0-0000-7000-8000-000000000000"], reason: "x" }, adv.key),
      "rejectLeads",
    );
    expect(unknown).toMatchObject({ ok: false, code: "not_found" });
    expect(await storedCounters(db, [offer.id, other.offer.id])).toEqual(countersBefore);
    expect(await db.auditLog.count()).toBe(auditBefore);
    expect(
      await db.conversion.count({ where: { id: { in: leads.map((l) => l.id) }, status: "PENDING" } }),
    ).toBe(4);
    expect((await db.conversion.findUniqueOrThrow({ where: { id: notMine.id } })).status).toBe("PENDING");

    // Then: three confirmed at once, one rejected.
    const confirmed = expectOk(
      await api.call(CONFIRM, { ids: [leads[0]?.id, leads[1]?.id, leads[2]?.id] }, adv.key),
      "confirmLeads",
    );
    expect(confirmed.map((l: { status: string }) => l.status)).toEqual(["APPROVED", "APPROVED", "APPROVED"]);
    expectOk(
      await api.call(REJECT, { ids: [leads[3]?.id], reason: "duplicate_lead" }, adv.key),
      "rejectLeads",
    );

    expect(await storedCounters(db, [offer.id, other.offer.id])).toEqual(
      await recount(db, [offer.id, other.offer.id]),
    );
    const totals = await db.dailyStat.aggregate({
      where: { offerId: offer.id },
      _sum: {
        approvedConversions: true,
        rejectedConversions: true,
        pendingConversions: true,
        payout: true,
        revenue: true,
      },
    });
    expect(totals._sum).toEqual({
      approvedConversions: 3n,
      rejectedConversions: 2n,
      pendingConversions: 0n,
      payout: 4500n,
      revenue: 6000n,
    });
    const trail = await auditRows(
      db,
      leads.map((l) => l.id),
    );
    expect(trail.map((row) => row.action).sort()).toEqual([
      "lead.confirm",
      "lead.confirm",
      "lead.confirm",
      "lead.reject",
    ]);

    // A second decision on a decided lead is refused.
    const twice = outcome(
      await api.call(REJECT, { ids: [leads[0]?.id], reason: "changed my mind" }, adv.key),
      "rejectLeads",
    );
    expect(twice).toMatchObject({ ok: false, code: "conflict" });
  });

  test("returns within the window reverse an approved lead for good; after the window they are refused", async ({
    api,
    db,
    factories,
  }) => {
    const { offer, publishers, adv } = await world(db, factories);
    const twoDaysAgo = new Date(Date.now() - 2 * DAY);
    const eightDaysAgo = new Date(Date.now() - 8 * DAY);
    const recent = await pendingLead(factories, offer, publishers[0], {
      status: "APPROVED",
      convertedAt: twoDaysAgo,
      approvedAt: twoDaysAgo,
    });
    const old = await pendingLead(factories, offer, publishers[0], {
      status: "APPROVED",
      convertedAt: eightDaysAgo,
      approvedAt: eightDaysAgo,
    });
    const pending = await pendingLead(factories, offer, publishers[0]);
    await rollUp(db, [offer.id]);

    const returned = expectOk(
      await api.call(RETURN, { id: recent.id, reason: "customer never answered" }, adv.key),
      "returnLead",
    );
    expect(returned).toMatchObject({ status: "REVERSED", returnReason: "customer never answered" });
    expect(returned.returnedAt).toBe(returned.reversedAt);
    const stored = await db.conversion.findUniqueOrThrow({ where: { id: recent.id } });
    expect(stored).toMatchObject({ status: "REVERSED", returnReason: "customer never answered" });
    expect(stored.approvedAt).toEqual(twoDaysAgo); // kept: statements know when it became payable
    expect(await storedCounters(db, [offer.id])).toEqual(await recount(db, [offer.id]));
    expect(await auditRows(db, [recent.id])).toMatchObject([
      { action: "lead.return", before: { status: "APPROVED" }, after: { status: "REVERSED" } },
    ]);

    const auditBefore = await db.auditLog.count();
    const tooLate = outcome(await api.call(RETURN, { id: old.id, reason: "late" }, adv.key), "returnLead");
    expect(tooLate).toMatchObject({ ok: false, code: "conflict" });
    expect(tooLate.ok || tooLate.message).toMatch(/return window closed/);
    const notApproved = outcome(
      await api.call(RETURN, { id: pending.id, reason: "x" }, adv.key),
      "returnLead",
    );
    expect(notApproved).toMatchObject({ ok: false, code: "conflict" });

    // The returned lead is locked: no further decision of any kind.
    for (const [query, variables, field] of [
      [RETURN, { id: recent.id, reason: "again" }, "returnLead"],
      [CONFIRM, { ids: [recent.id] }, "confirmLeads"],
      [REJECT, { ids: [recent.id], reason: "x" }, "rejectLeads"],
    ] as const) {
      expect(outcome(await api.call(query, variables, adv.key), field)).toMatchObject({
        ok: false,
        code: "conflict",
      });
    }
    expect((await db.conversion.findUniqueOrThrow({ where: { id: old.id } })).status).toBe("APPROVED");
    expect((await db.conversion.findUniqueOrThrow({ where: { id: recent.id } })).status).toBe("REVERSED");
    expect(await db.auditLog.count()).toBe(auditBefore);
    expect(await storedCounters(db, [offer.id])).toEqual(await recount(db, [offer.id]));
  });

  test("an offer without a return window takes no returns", async ({ api, db, factories }) => {
    const { advertiser, publishers, adv } = await world(db, factories);
    const offer = await factories.createOffer(advertiser, { returnWindowDays: 0 });
    const lead = await pendingLead(factories, offer, publishers[0], {
      status: "APPROVED",
      approvedAt: new Date(),
    });
    const result = outcome(await api.call(RETURN, { id: lead.id, reason: "x" }, adv.key), "returnLead");
    expect(result).toMatchObject({ ok: false, code: "conflict", message: "the offer takes no returns" });
  });
});

describe("postback log", () => {
  test("an advertiser searches its postbacks by click or transaction id; secrets are redacted", async ({
    api,
    db,
    factories,
  }) => {
    const { advertiser, offer, adv } = await world(db, factories);
    const other = await world(db, factories);
    const clickId = "0190c3c0-1111-7000-8000-000000000001";
    await db.inboundPostback.createMany({
      data: [
        {
          advertiserId: advertiser.id,
          offerId: offer.id,
          channel: "POSTBACK",
          method: "GET",
          params: { click_id: clickId, txn: "order-1", token: "s3cret" },
          clickId,
          transactionId: "order-1",
          outcome: "recorded",
        },
        {
          advertiserId: advertiser.id,
          offerId: offer.id,
          channel: "POSTBACK",
          method: "GET",
          params: { txn: "order-2" },
          transactionId: "order-2",
          outcome: "rejected",
          reason: "no_click",
        },
        {
          advertiserId: other.advertiser.id,
          offerId: other.offer.id,
          channel: "PIXEL",
          method: "GET",
          params: { txn: "order-1" },
          transactionId: "order-1",
          outcome: "recorded",
        },
      ],
    });
    const query = `query($filter: PostbackLogFilter) { postbackLog(filter: $filter) { edges { node {
      outcome reason clickId transactionId params offer { id } } } } }`;
    const byClick = await api.call(query, { filter: { search: clickId } }, adv.key);
    expect(byClick.data?.postbackLog.edges).toEqual([
      {
        node: {
          outcome: "recorded",
          reason: null,
          clickId,
          transactionId: "order-1",
          params: { click_id: clickId, txn: "order-1", token: "[redacted]" },
          offer: { id: String(offer.id) },
        },
      },
    ]);
    const byTransaction = await api.call(query, { filter: { search: "order-1" } }, adv.key);
    expect(byTransaction.data?.postbackLog.edges).toHaveLength(1); // not the other advertiser's order-1
    // Ids are bigints in the database; they still come out as GraphQL IDs.
    const ids = await api.call(`{ postbackLog(first: 5) { edges { node { id } } } }`, {}, adv.key);
    expect(ids.errors).toBeUndefined();
    for (const edge of ids.data?.postbackLog.edges ?? []) expect(edge.node.id).toMatch(/^\d+$/);
    const rejected = await api.call(query, { filter: { outcome: "rejected" } }, adv.key);
    expect(rejected.data?.postbackLog.edges.map((e: { node: { reason: string } }) => e.node.reason)).toEqual([
      "no_click",
    ]);
  });
});
