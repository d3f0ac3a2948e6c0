// A conversion is credited to its click only within the offer's attribution window, and only to an
// accepted click of the same offer. Everything else is recorded as REJECTED with its reason and pays
// nothing.
import { mintId } from "@leadrail/db";
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

const HOUR = 3_600_000;

describe("attribution", () => {
  test("Redis is asked first: a click the writer has not stored yet is credited", async ({
    db,
    redis,
    factories,
    tracker,
  }) => {
    const { advertiser, offer, publisher, link } = await createWorld(factories);
    const click = await createRedisClick(redis, link, { deviceType: "MOBILE", source: "push" });
    const answer = await getPostback(tracker, {
      click_id: click.id,
      offer_id: String(offer.id),
      token: advertiser.postbackSecret,
    });
    expect(answer.body).toMatchObject({ status: "recorded" });
    expect(await db.conversion.findFirstOrThrow({ where: { offerId: offer.id } })).toMatchObject({
      publisherId: publisher.id,
      deviceType: "MOBILE",
      subs: { source: "push" },
    });
  });

  test("an old click is found in its PostgreSQL partition", async ({ db, factories, tracker }) => {
    const { advertiser, offer, link } = await createWorld(factories, { attributionWindowHours: 24 * 60 });
    const createdAt = new Date(Date.now() - 40 * 24 * HOUR);
    const click = await factories.createClick(link, { createdAt });
    const answer = await getPostback(tracker, { click_id: click.id, token: advertiser.postbackSecret });
    expect(answer.body).toMatchObject({ status: "recorded" });
    expect(await db.conversion.findFirstOrThrow({ where: { offerId: offer.id } })).toMatchObject({
      clickAt: createdAt,
      status: "APPROVED",
    });
  });

  test("a click past the attribution window is recorded as rejected: click_expired", async ({
    db,
    factories,
    tracker,
  }) => {
    const { advertiser, offer, publisher, link } = await createWorld(factories, {
      attributionWindowHours: 24,
    });
    const click = await factories.createClick(link, { createdAt: new Date(Date.now() - 25 * HOUR) });

    const answer = await getPostback(tracker, { click_id: click.id, token: advertiser.postbackSecret });

    expect(answer).toMatchObject({
      status: 200,
      body: { status: "rejected", reason: "click_expired", conversion_id: expect.any(String) },
    });
    expect(await db.conversion.findFirstOrThrow({ where: { offerId: offer.id } })).toMatchObject({
      status: "REJECTED",
      statusReason: "click_expired",
      publisherId: publisher.id,
      payout: 0n,
      revenue: 0n,
      approvedAt: null,
    });
    expect(await dailyStat(db, offer, publisher)).toMatchObject({
      conversions: 1n,
      rejectedConversions: 1n,
      approvedConversions: 0n,
      payout: 0n,
    });
    expect(await logRows(db, offer.id)).toMatchObject([{ outcome: "rejected", reason: "click_expired" }]);
  });

  test("a click within the window in Redis is credited even when older than a day", async ({
    db,
    redis,
    factories,
    tracker,
  }) => {
    const { advertiser, offer, link } = await createWorld(factories, { attributionWindowHours: 48 });
    const click = await createRedisClick(redis, link, { createdAt: Date.now() - 47 * HOUR });
    await getPostback(tracker, { click_id: click.id, token: advertiser.postbackSecret });
    expect((await db.conversion.findFirstOrThrow({ where: { offerId: offer.id } })).status).toBe("APPROVED");
  });

  test.for([
    { label: "an unknown click id", make: "unknown", reason: "no_click" },
    { label: "a malformed click id", make: "malformed", reason: "no_click" },
    { label: "a click of another offer", make: "other-offer", reason: "offer_mismatch" },
    { label: "a rejected click", make: "rejected", reason: "click_rejected" },
  ])(
    "$label is recorded as rejected: $reason",
    async ({ make, reason }, { db, redis, factories, tracker }) => {
      const { advertiser, offer, link, publisher } = await createWorld(factories);
      const otherOffer = await factories.createOffer(advertiser);
      const otherLink = await factories.createLink(publisher, otherOffer);
      const clickId =
        make === "unknown"
          ? mintId()
          : make === "malformed"
            ? "not-a-click"
            : make === "other-offer"
              ? (await factories.createClick(otherLink)).id
              : (await createRedisClick(redis, link, { status: "REJECTED", rejectReason: "paused" })).id;

      const answer = await getPostback(tracker, {
        click_id: clickId,
        offer_id: String(offer.id),
        token: advertiser.postbackSecret,
      });

      expect(answer).toMatchObject({ status: 200, body: { status: "rejected", reason } });
      const conversion = await db.conversion.findFirstOrThrow({ where: { offerId: offer.id } });
      expect(conversion).toMatchObject({
        status: "REJECTED",
        statusReason: reason,
        payout: 0n,
        revenue: 0n,
        transactionId: `click:${clickId}:default`,
        publisherId: make === "rejected" ? publisher.id : null,
        clickId: make === "malformed" ? null : clickId,
      });
      // Replaying it is a duplicate, not a second rejected conversion.
      const again = await getPostback(tracker, {
        click_id: clickId,
        offer_id: String(offer.id),
        token: advertiser.postbackSecret,
      });
      expect(again.body).toEqual({
        status: "duplicate",
        conversion_id: conversion.id,
        conversion_status: "rejected",
      });
      expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(1);
    },
  );

  test("without offer_id, an unknown click leaves nothing to authenticate against", async ({
    db,
    factories,
    tracker,
  }) => {
    const { advertiser } = await createWorld(factories);
    const clickId = mintId();
    const answer = await getPostback(tracker, { click_id: clickId, token: advertiser.postbackSecret });
    expect(answer).toMatchObject({ status: 400, body: { status: "rejected", reason: "offer_id_required" } });
    expect(await db.inboundPostback.findMany({ where: { clickId } })).toMatchObject([
      { outcome: "rejected", reason: "offer_id_required", offerId: null },
    ]);
  });
});
