// The server-to-server postback end to end: a click (in Redis or PostgreSQL), a postback, the
// conversion, its daily_stats row and its postback-log row.
import {
  createRedisClick,
  createWorld,
  dailyStat,
  describe,
  expect,
  getPostback,
  logRows,
  test,
} from "../src/conversion-kit.ts";

describe("GET /postback", () => {
  test("records an approved conversion for a click stored in PostgreSQL", async ({
    db,
    factories,
    tracker,
  }) => {
    const { advertiser, publisher, offer, link } = await createWorld(factories);
    const click = await factories.createClick(link, { sub1: "campaign-7", source: "native", country: "DE" });

    const answer = await getPostback(tracker, {
      click_id: click.id,
      offer_id: String(offer.id),
      token: advertiser.postbackSecret,
      txid: "ORDER-1",
    });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      status: "recorded",
      conversion_id: expect.any(String),
      conversion_status: "approved",
      transaction_id: "ORDER-1",
    });
    const conversion = await db.conversion.findUniqueOrThrow({
      where: { id: String(answer.body.conversion_id) },
    });
    expect(conversion).toMatchObject({
      offerId: offer.id,
      publisherId: publisher.id,
      linkId: link.id,
      clickId: click.id,
      clickAt: click.createdAt,
      transactionId: "ORDER-1",
      goal: "default",
      source: "POSTBACK",
      status: "APPROVED",
      statusReason: null,
      currency: "USD",
      payout: 1500n,
      revenue: 2000n,
      subs: { sub1: "campaign-7", source: "native" },
      country: "DE",
    });
    expect(conversion.approvedAt).toEqual(conversion.convertedAt);

    expect(await dailyStat(db, offer, publisher)).toMatchObject({
      conversions: 1n,
      approvedConversions: 1n,
      pendingConversions: 0n,
      payout: 1500n,
      revenue: 2000n,
    });
    const [logged] = await logRows(db, offer.id);
    expect(logged).toMatchObject({
      advertiserId: advertiser.id,
      channel: "POSTBACK",
      method: "GET",
      outcome: "recorded",
      reason: null,
      clickId: click.id,
      transactionId: "ORDER-1",
      conversionId: conversion.id,
    });
    // The secret is never logged.
    expect(logged?.params).toEqual({ click_id: click.id, offer_id: String(offer.id), txid: "ORDER-1" });
  });

  test("finds a click that is only in Redis yet, and derives the offer from it", async ({
    db,
    redis,
    factories,
    tracker,
  }) => {
    const { advertiser, publisher, offer, link } = await createWorld(factories);
    const click = await createRedisClick(redis, link, { country: "FR", subs: { sub2: "x" } });
    expect(await db.click.count({ where: { id: click.id } })).toBe(0);

    const answer = await getPostback(tracker, { clickid: click.id, token: advertiser.postbackSecret });

    expect(answer.body).toMatchObject({ status: "recorded", transaction_id: `click:${click.id}:default` });
    expect(await db.conversion.findFirstOrThrow({ where: { offerId: offer.id } })).toMatchObject({
      publisherId: publisher.id,
      clickId: click.id,
      clickAt: new Date(click.createdAt),
      country: "FR",
      subs: { sub2: "x" },
      status: "APPROVED",
    });
  });

  test("a MANUAL offer keeps the conversion pending until the advertiser decides", async ({
    db,
    factories,
    tracker,
  }) => {
    const { advertiser, publisher, offer, link } = await createWorld(factories, {
      confirmationMode: "MANUAL",
    });
    const click = await factories.createClick(link);

    const answer = await getPostback(tracker, { cid: click.id, token: advertiser.postbackSecret });

    expect(answer.body).toMatchObject({ status: "recorded", conversion_status: "pending" });
    const conversion = await db.conversion.findFirstOrThrow({ where: { offerId: offer.id } });
    expect(conversion).toMatchObject({ status: "PENDING", approvedAt: null, payout: 1500n });
    expect(await dailyStat(db, offer, publisher)).toMatchObject({
      conversions: 1n,
      pendingConversions: 1n,
      approvedConversions: 0n,
      payout: 0n,
      revenue: 0n,
    });
  });
});
