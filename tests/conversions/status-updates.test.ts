// A postback for a transaction already recorded changes its status instead of recording a new one,
// moving the daily_stats counters: old status -1, new +1, money in and out with APPROVED.
import { capCounterKey } from "@leadrail/db";
import {
  createWorld,
  dailyStat,
  describe,
  expect,
  getPostback,
  logRows,
  test,
} from "../src/conversion-kit.ts";
import { conversionRollups } from "../src/conversion-rollups.ts";

describe("status updates", () => {
  test("pending → approved → reversed moves daily_stats and stamps the times", async ({
    db,
    factories,
    tracker,
  }) => {
    const { advertiser, offer, publisher, link } = await createWorld(factories, {
      confirmationMode: "MANUAL",
    });
    const click = await factories.createClick(link);
    const token = advertiser.postbackSecret;

    const created = await getPostback(tracker, { click_id: click.id, txid: "T-1", status: "pending", token });
    expect(created.body).toMatchObject({ status: "recorded", conversion_status: "pending" });
    expect(await dailyStat(db, offer, publisher)).toMatchObject({
      conversions: 1n,
      pendingConversions: 1n,
      payout: 0n,
    });

    // A status update may name only the transaction.
    const approved = await getPostback(tracker, {
      offer_id: String(offer.id),
      txid: "T-1",
      status: "approved",
      token,
    });
    expect(approved.body).toEqual({
      status: "updated",
      conversion_id: created.body.conversion_id,
      previous_status: "pending",
      conversion_status: "approved",
    });
    expect(await dailyStat(db, offer, publisher)).toMatchObject({
      conversions: 1n,
      pendingConversions: 0n,
      approvedConversions: 1n,
      payout: 1500n,
      revenue: 2000n,
    });
    const afterApproval = await db.conversion.findFirstOrThrow({ where: { offerId: offer.id } });
    expect(afterApproval.approvedAt).not.toBeNull();

    const reversed = await getPostback(tracker, {
      offer_id: String(offer.id),
      txid: "T-1",
      status: "chargeback",
      token,
    });
    expect(reversed.body).toMatchObject({
      status: "updated",
      previous_status: "approved",
      conversion_status: "reversed",
    });
    expect(await dailyStat(db, offer, publisher)).toMatchObject({
      conversions: 1n,
      pendingConversions: 0n,
      approvedConversions: 0n,
      reversedConversions: 1n,
      payout: 0n,
      revenue: 0n,
    });
    const final = await db.conversion.findFirstOrThrow({ where: { offerId: offer.id } });
    expect(final).toMatchObject({
      status: "REVERSED",
      statusReason: "advertiser_reversed",
      approvedAt: afterApproval.approvedAt,
      payout: 1500n,
    });
    expect(final.reversedAt).not.toBeNull();
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(1);
    expect((await logRows(db, offer.id)).map((r) => r.outcome)).toEqual(["recorded", "updated", "updated"]);
    // The report's conversion rollups moved with it: one reversed conversion, no money.
    const rollups = await conversionRollups(db, [offer.id]);
    expect(rollups.stored).toEqual(rollups.recounted);
    expect(rollups.stored.hourly).toMatchObject([
      { conversions: "1", reversed: "1", approved: "0", payout: "0" },
    ]);
  });

  test("rejected after approval is a reversal; the status never goes back", async ({
    db,
    factories,
    tracker,
  }) => {
    const { advertiser, offer, publisher, link } = await createWorld(factories);
    const click = await factories.createClick(link);
    const token = advertiser.postbackSecret;
    await getPostback(tracker, { click_id: click.id, token });

    const rejected = await getPostback(tracker, { click_id: click.id, status: "declined", token });
    expect(rejected.body).toMatchObject({ status: "updated", conversion_status: "reversed" });

    const again = await getPostback(tracker, { click_id: click.id, status: "rejected", token });
    expect(again.body).toMatchObject({ status: "duplicate", conversion_status: "reversed" });

    const revive = await getPostback(tracker, { click_id: click.id, status: "approved", token });
    expect(revive).toMatchObject({
      status: 409,
      body: { status: "rejected", reason: "invalid_transition", conversion_status: "reversed" },
    });
    expect(await dailyStat(db, offer, publisher)).toMatchObject({
      conversions: 1n,
      approvedConversions: 0n,
      reversedConversions: 1n,
      payout: 0n,
    });
    expect((await logRows(db, offer.id)).map((r) => [r.outcome, r.reason])).toEqual([
      ["recorded", null],
      ["updated", "advertiser_rejected"],
      ["duplicate", null],
      ["rejected", "invalid_transition"],
    ]);
  });

  test("pending → rejected frees its cap slot", async ({ db, redis, factories, tracker }) => {
    const { advertiser, offer, publisher, link } = await createWorld(factories, {
      confirmationMode: "MANUAL",
    });
    await db.offerCap.create({
      data: { offerId: offer.id, scope: "OFFER", period: "TOTAL", metric: "CONVERSIONS", limit: 1n },
    });
    const token = advertiser.postbackSecret;
    const a = await factories.createClick(link);
    const b = await factories.createClick(link);
    await getPostback(tracker, { click_id: a.id, token });
    expect((await getPostback(tracker, { click_id: b.id, txid: "B1", token })).body).toMatchObject({
      reason: "cap_reached",
    });

    await getPostback(tracker, { click_id: a.id, status: "rejected", token });
    const key = capCounterKey("", {
      offerId: offer.id,
      scope: "OFFER",
      publisherId: null,
      period: "TOTAL",
      periodKey: "all",
      metric: "CONVERSIONS",
    });
    expect(await redis.get(key)).toBe("0");
    expect((await getPostback(tracker, { click_id: b.id, txid: "B2", token })).body).toMatchObject({
      status: "recorded",
    });
    expect(await dailyStat(db, offer, publisher)).toMatchObject({
      conversions: 3n,
      pendingConversions: 1n,
      rejectedConversions: 2n,
    });
  });

  test("a status update for a transaction never seen, without a click, is refused", async ({
    db,
    factories,
    tracker,
  }) => {
    const { advertiser, offer } = await createWorld(factories);
    const answer = await getPostback(tracker, {
      offer_id: String(offer.id),
      txid: "NEVER-SEEN",
      status: "approved",
      token: advertiser.postbackSecret,
    });
    expect(answer).toMatchObject({ status: 400, body: { reason: "missing_click_id" } });
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(0);
  });

  test("10 concurrent approvals of one pending conversion move the counters once", async ({
    db,
    factories,
    tracker,
  }) => {
    const { advertiser, offer, publisher, link } = await createWorld(factories, {
      confirmationMode: "MANUAL",
    });
    const click = await factories.createClick(link);
    const token = advertiser.postbackSecret;
    await getPostback(tracker, { click_id: click.id, txid: "RACE", token });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        getPostback(tracker, { offer_id: String(offer.id), txid: "RACE", status: "approved", token }),
      ),
    );
    expect(answers.filter((a) => a.body.status === "updated")).toHaveLength(1);
    expect(answers.filter((a) => a.body.status === "duplicate")).toHaveLength(9);
    expect(await dailyStat(db, offer, publisher)).toMatchObject({
      conversions: 1n,
      pendingConversions: 0n,
      approvedConversions: 1n,
      payout: 1500n,
      revenue: 2000n,
    });
    const rollups = await conversionRollups(db, [offer.id]);
    expect(rollups.stored).toEqual(rollups.recounted);
    expect(rollups.stored.daily).toMatchObject([{ conversions: "1", approved: "1", payout: "1500" }]);
  });
});
