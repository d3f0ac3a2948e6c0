// The publisher's own side: its conversions (never the leads' personal data), daily stats, postback
// templates.
import { callerFor, describe, expect, expectOk, outcome, test } from "./harness.ts";
import { mutation } from "./operations.ts";

const SET_TEMPLATE = mutation(
  "setPostbackTemplate",
  "$i: PostbackTemplateInput!",
  "input: $i",
  "{ id method urlTemplate statuses secret active offer { id } }",
);

describe("publisher conversions and stats", () => {
  test("conversions show payout and status, never contact data or revenue", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser);
    const publisher = await factories.createPublisher();
    const pub = await callerFor(db, "PUBLISHER", publisher);
    const link = await factories.createLink(publisher, offer);
    const conversion = await factories.createConversion(offer, publisher, {
      linkId: link.id,
      status: "PENDING",
      leadName: "Grace Hopper",
      leadEmail: "grace@example.com",
      leadPhone: "+15550100",
      subs: { sub1: "campaign-9" },
      country: "US",
    });
    await factories.createConversion(offer, publisher, {
      status: "REJECTED",
      statusReason: "duplicate_lead",
    });
    await factories.createConversion(offer, await factories.createPublisher());

    const answer = await api.call(
      `query($f: ConversionFilter) { conversions(filter: $f) { edges { node {
        id status payout { amount formatted } subs { sub1 } country linkId offer { id name } } } } }`,
      { f: { status: "PENDING" } },
      pub.key,
    );
    expect(answer.data?.conversions.edges).toEqual([
      {
        node: {
          id: conversion.id,
          status: "PENDING",
          payout: { amount: "1500", formatted: "$15.00" },
          subs: { sub1: "campaign-9" },
          country: "US",
          linkId: String(link.id),
          offer: { id: String(offer.id), name: offer.name },
        },
      },
    ]);
    expect(JSON.stringify(answer)).not.toMatch(/grace|Hopper|5550100/);
    const all = await api.call(`{ conversions { edges { node { id statusReason } } } }`, {}, pub.key);
    expect(all.data?.conversions.edges).toHaveLength(2);
    for (const field of ["leadEmail", "leadName", "leadPhone", "leadFields", "revenue", "transactionId"]) {
      const refused = await api.call(`{ conversions { edges { node { ${field} } } } }`, {}, pub.key);
      expect(refused.errors?.[0]?.message).toMatch(/Cannot query field/);
    }
  });

  test("stats per day from daily_stats: the publisher's own rows, revenue only for advertisers", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const usd = await factories.createOffer(advertiser);
    const eur = await factories.createOffer(advertiser, { currency: "EUR" });
    const publisher = await factories.createPublisher();
    const other = await factories.createPublisher();
    const pub = await callerFor(db, "PUBLISHER", publisher);
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const day = (d: string) => new Date(`${d}T00:00:00Z`);
    await db.dailyStat.createMany({
      data: [
        {
          day: day("2026-03-01"),
          offerId: usd.id,
          publisherId: publisher.id,
          clicks: 100n,
          uniqueClicks: 90n,
          approvedConversions: 3n,
          payout: 4500n,
          revenue: 6000n,
        },
        {
          day: day("2026-03-01"),
          offerId: eur.id,
          publisherId: publisher.id,
          clicks: 10n,
          approvedConversions: 1n,
          payout: 900n,
          revenue: 1000n,
        },
        {
          day: day("2026-03-02"),
          offerId: usd.id,
          publisherId: publisher.id,
          clicks: 50n,
          pendingConversions: 2n,
        },
        {
          day: day("2026-03-02"),
          offerId: usd.id,
          publisherId: other.id,
          clicks: 70n,
          approvedConversions: 1n,
          payout: 1500n,
          revenue: 2000n,
        },
        { day: day("2026-03-05"), offerId: usd.id, publisherId: publisher.id, clicks: 5n },
      ],
    });
    const query = `query($o: ID) { stats(from: "2026-03-01", to: "2026-03-02", offerId: $o) {
      day currency clicks uniqueClicks approvedConversions pendingConversions payout { amount } revenue { amount } } }`;
    const mine = await api.call(query, {}, pub.key);
    expect(mine.data?.stats).toEqual([
      {
        day: "2026-03-01",
        currency: "EUR",
        clicks: "10",
        uniqueClicks: "0",
        approvedConversions: "1",
        pendingConversions: "0",
        payout: { amount: "900" },
        revenue: null,
      },
      {
        day: "2026-03-01",
        currency: "USD",
        clicks: "100",
        uniqueClicks: "90",
        approvedConversions: "3",
        pendingConversions: "0",
        payout: { amount: "4500" },
        revenue: null,
      },
      {
        day: "2026-03-02",
        currency: "USD",
        clicks: "50",
        uniqueClicks: "0",
        approvedConversions: "0",
        pendingConversions: "2",
        payout: { amount: "0" },
        revenue: null,
      },
    ]);
    const advertiserView = await api.call(query, { o: usd.id }, adv.key);
    expect(advertiserView.data?.stats).toMatchObject([
      { day: "2026-03-01", clicks: "100", revenue: { amount: "6000" } },
      { day: "2026-03-02", clicks: "120", approvedConversions: "1", revenue: { amount: "2000" } },
    ]);
  });
});

describe("postback templates", () => {
  test("add, replace, list and remove; POST_JSON gets a secret; used templates are kept", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser);
    const publisher = await factories.createPublisher();
    await db.offerApplication.create({
      data: { offerId: offer.id, publisherId: publisher.id, status: "APPROVED" },
    });
    const pub = await callerFor(db, "PUBLISHER", publisher);

    const get = expectOk(
      await api.call(
        SET_TEMPLATE,
        {
          i: {
            method: "GET",
            urlTemplate: "https://tracker.pub.example/postback?cid={sub1}&payout={payout}&status={status}",
            statuses: ["APPROVED"],
          },
        },
        pub.key,
      ),
      "setPostbackTemplate",
    );
    expect(get).toMatchObject({
      method: "GET",
      statuses: ["APPROVED"],
      secret: null,
      active: true,
      offer: null,
    });
    const json = expectOk(
      await api.call(
        SET_TEMPLATE,
        { i: { offerId: offer.id, method: "POST_JSON", urlTemplate: "https://hooks.pub.example/leadrail" } },
        pub.key,
      ),
      "setPostbackTemplate",
    );
    expect(json.secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(json.offer).toEqual({ id: String(offer.id) });

    const replaced = expectOk(
      await api.call(
        SET_TEMPLATE,
        {
          i: {
            id: get.id,
            method: "GET",
            urlTemplate: "https://tracker.pub.example/v2?cid={sub1}",
            active: false,
          },
        },
        pub.key,
      ),
      "setPostbackTemplate",
    );
    expect(replaced).toMatchObject({
      id: get.id,
      urlTemplate: "https://tracker.pub.example/v2?cid={sub1}",
      active: false,
      statuses: [],
    });
    const list = await api.call(`{ postbackTemplates { edges { node { id active } } } }`, {}, pub.key);
    expect(list.data?.postbackTemplates.edges).toEqual([
      { node: { id: get.id, active: false } },
      { node: { id: json.id, active: true } },
    ]);

    // One that has fired keeps its delivery log: it can be deactivated, not removed.
    const conversion = await factories.createConversion(offer, publisher);
    await db.postbackDelivery.create({
      data: {
        postbackId: Number(json.id),
        conversionId: conversion.id,
        status: "APPROVED",
        attempt: 1,
        url: "https://hooks.pub.example/leadrail",
        httpStatus: 200,
      },
    });
    const remove = mutation("removePostbackTemplate", "$id: ID!", "id: $id", "");
    expect(outcome(await api.call(remove, { id: json.id }, pub.key), "removePostbackTemplate")).toMatchObject(
      { code: "conflict" },
    );
    expect(expectOk(await api.call(remove, { id: get.id }, pub.key), "removePostbackTemplate")).toBe(get.id);
    expect(await db.publisherPostback.count({ where: { publisherId: publisher.id } })).toBe(1);
    const trail = await db.auditLog.findMany({
      where: { entityType: "PublisherPostback" },
      orderBy: { id: "asc" },
    });
    expect(trail.map((row) => row.action)).toEqual([
      "postback_template.create",
      "postback_template.create",
      "postback_template.update",
      "postback_template.remove",
    ]);
    expect(JSON.stringify(trail.map((row) => row.after))).not.toContain(json.secret);
  });
});
