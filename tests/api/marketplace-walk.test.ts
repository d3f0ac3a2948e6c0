// The main walk of the marketplace slice, through the real HTTP API: an advertiser creates an offer,
// a publisher finds it in the marketplace with its numbers, applies, the advertiser approves, the
// publisher creates a tracking link. Every step's audit row and tracker invalidation is checked.
import {
  callerFor,
  describe,
  eventually,
  expect,
  expectOk,
  outcome,
  subscribe,
  TRACKER_URL,
  test,
} from "./harness.ts";
import {
  APPLY,
  CREATE_LINK,
  CREATE_OFFER,
  DECIDE,
  MARKETPLACE,
  offerInput,
  SET_OFFER_STATUS,
} from "./operations.ts";

function utcDay(daysAgo: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysAgo));
}

describe("advertiser creates an offer → publisher finds it, applies → approved → link", () => {
  test("the whole walk", async ({ api, db, redis, redisPrefix, factories }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const otherPublisher = await factories.createPublisher();
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const pub = await callerFor(db, "PUBLISHER", publisher);
    const channel = `${redisPrefix}config:invalidate`;
    const invalidations = await subscribe(redis, channel);

    // 1. The advertiser creates the offer: a DRAFT with every term.
    const input = offerInput();
    const offer = expectOk(await api.call(CREATE_OFFER, { input }, adv.key), "createOffer");
    expect(offer).toMatchObject({
      status: "DRAFT",
      visibility: "APPROVAL_REQUIRED",
      payout: { amount: "1500", currency: "USD", formatted: "$15.00" },
      revenue: { amount: "2000", formatted: "$20.00" },
      countries: ["US", "CA"],
      devices: ["MOBILE", "DESKTOP"],
      confirmationMode: "MANUAL",
      holdDays: 7,
      returnWindowDays: 14,
      attributionWindowHours: 168,
      advertiser: { id: String(advertiser.id) },
      caps: [
        { scope: "OFFER", period: "DAILY", metric: "CONVERSIONS", limit: "100", budget: null },
        {
          scope: "PER_PUBLISHER",
          period: "MONTHLY",
          metric: "BUDGET",
          limit: "50000",
          budget: { formatted: "$500.00" },
        },
      ],
    });
    expect(offer.leadFormFields).toHaveLength(3);
    const offerId = Number(offer.id);

    // A draft is not in the marketplace.
    const before = await api.call(MARKETPLACE, { filter: { search: input.name } }, pub.key);
    expect(before.data?.marketplace.edges).toEqual([]);

    // 2. Activate it. Some traffic from other publishers gives it numbers (the last 30 days count).
    expectOk(await api.call(SET_OFFER_STATUS, { id: offer.id, status: "ACTIVE" }, adv.key), "setOfferStatus");
    const stats = (daysAgo: number, clicks: bigint, unique: bigint, approved: bigint, payout: bigint) => ({
      day: utcDay(daysAgo),
      offerId,
      publisherId: otherPublisher.id,
      clicks,
      uniqueClicks: unique,
      approvedConversions: approved,
      conversions: approved,
      payout,
      revenue: (payout * 4n) / 3n,
    });
    await db.dailyStat.createMany({
      data: [
        stats(0, 150n, 100n, 2n, 3000n),
        stats(29, 250n, 200n, 4n, 6000n),
        stats(30, 1000n, 1000n, 90n, 135000n), // one day too old: not counted
      ],
    });

    // 3. The publisher finds it: its payout, EPC per 100 clicks and conversion rate.
    const listed = await api.call(MARKETPLACE, { filter: { search: input.name, country: "US" } }, pub.key);
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.marketplace.totalCount).toBe(1);
    expect(listed.data?.marketplace.edges[0].node).toMatchObject({
      id: offer.id,
      status: "ACTIVE",
      payout: { amount: "1500", formatted: "$15.00" },
      // 9,000 cents approved payout / 400 clicks × 100 = 2,250 cents per 100 clicks.
      epc: { amount: "2250", formatted: "$22.50" },
      conversionRate: 6 / 300,
      clicks30d: "400",
      advertiser: { name: advertiser.name },
      myApplication: null,
    });
    // Not for a country it does not target; publishers never see the revenue.
    const elsewhere = await api.call(MARKETPLACE, { filter: { search: input.name, country: "DE" } }, pub.key);
    expect(elsewhere.data?.marketplace.edges).toEqual([]);
    const revenue = await api.call(`{ marketplace { edges { node { revenue { amount } } } } }`, {}, pub.key);
    expect(revenue.errors?.[0]?.message).toMatch(/Cannot query field "revenue"/);

    // 4. Not approved yet: no link.
    const tooEarly = outcome(
      await api.call(CREATE_LINK, { offerId: offer.id }, pub.key),
      "createTrackingLink",
    );
    expect(tooEarly).toMatchObject({ ok: false, code: "forbidden" });

    // 5. Apply: APPROVAL_REQUIRED waits for the advertiser.
    const application = expectOk(
      await api.call(APPLY, { offerId: offer.id, message: "Native traffic, US mobile" }, pub.key),
      "applyToOffer",
    );
    expect(application).toMatchObject({ status: "APPLIED", message: "Native traffic, US mobile" });
    const again = outcome(await api.call(APPLY, { offerId: offer.id }, pub.key), "applyToOffer");
    expect(again).toMatchObject({ ok: false, code: "conflict" });

    // 6. The advertiser sees the application and approves it.
    const inbox = await api.call(
      `query($offerId: ID) { applications(filter: { offerId: $offerId, status: APPLIED }) { edges { node { id status publisher { id name } offer { id } } } } }`,
      { offerId: offer.id },
      adv.key,
    );
    expect(inbox.data?.applications.edges).toEqual([
      {
        node: {
          id: application.id,
          status: "APPLIED",
          publisher: { id: String(publisher.id), name: publisher.name },
          offer: { id: offer.id },
        },
      },
    ]);
    const approved = expectOk(
      await api.call(DECIDE, { id: application.id, decision: "APPROVED", reason: "welcome" }, adv.key),
      "decideApplication",
    );
    expect(approved).toMatchObject({ status: "APPROVED", decisionReason: "welcome" });

    // 7. The publisher creates a link and gets its tracking URL.
    const link = expectOk(
      await api.call(
        CREATE_LINK,
        { offerId: offer.id, name: "tiktok us", defaultSubs: { sub1: "tt" } },
        pub.key,
      ),
      "createTrackingLink",
    );
    expect(link.code).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(link.url).toBe(`${TRACKER_URL}/c/${link.code}?sub1=tt`);
    expect(link.trackingUrl).toBe(`${TRACKER_URL}/c/${link.code}?sub1=tt&sub2=campaign%207&source=tiktok`);
    expect(link.offer).toEqual({ id: offer.id, name: input.name });
    const mine = await api.call(`{ myLinks { edges { node { id code } } } }`, {}, pub.key);
    expect(mine.data?.myLinks.edges).toEqual([{ node: { id: link.id, code: link.code } }]);
    const stored = await db.trackingLink.findUniqueOrThrow({ where: { id: Number(link.id) } });
    expect(stored).toMatchObject({ publisherId: publisher.id, offerId, defaultSubs: { sub1: "tt" } });

    // Now the marketplace shows the publisher's approval.
    const after = await api.call(MARKETPLACE, { filter: { search: input.name } }, pub.key);
    expect(after.data?.marketplace.edges[0].node.myApplication).toEqual({ status: "APPROVED" });

    // Every change is in the audit log, by the user who made it.
    const trail = await db.auditLog.findMany({
      where: {
        OR: [
          { entityType: "Offer", entityId: offer.id },
          { entityType: "OfferApplication", entityId: application.id },
          { entityType: "TrackingLink", entityId: link.id },
        ],
      },
      orderBy: { id: "asc" },
    });
    expect(trail.map((row) => [row.action, row.actorUserId, row.actorLabel])).toEqual([
      ["offer.create", adv.user.id, "api_key"],
      ["offer.status", adv.user.id, "api_key"],
      ["application.apply", pub.user.id, "api_key"],
      ["application.approve", adv.user.id, "api_key"],
      ["link.create", pub.user.id, "api_key"],
    ]);
    expect(trail[1]).toMatchObject({ before: { status: "DRAFT" }, after: { status: "ACTIVE" } });
    expect(trail[3]).toMatchObject({ before: { status: "APPLIED" }, after: { status: "APPROVED" } });

    // The trackers were told to reload the offer after each change that affects serving it.
    const expected = JSON.stringify({ type: "offer", id: offerId });
    await eventually(() => expect(invalidations.messages).toEqual([expected, expected, expected]));
    invalidations.close();
  });
});
