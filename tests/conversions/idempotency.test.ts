// The same transaction of an offer is recorded once, however many times and however concurrently the
// advertiser sends it.
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

describe("idempotency", () => {
  test("a replayed postback is a duplicate carrying the first conversion's id", async ({
    db,
    factories,
    tracker,
  }) => {
    const { advertiser, offer, publisher, link } = await createWorld(factories);
    const click = await factories.createClick(link);
    const params = { click_id: click.id, txid: "REPLAY-1", token: advertiser.postbackSecret };

    const first = await getPostback(tracker, params);
    const second = await getPostback(tracker, params);

    expect(second).toEqual({
      status: 200,
      body: { status: "duplicate", conversion_id: first.body.conversion_id, conversion_status: "approved" },
    });
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(1);
    expect(await dailyStat(db, offer, publisher)).toMatchObject({ conversions: 1n, payout: 1500n });
    expect((await logRows(db, offer.id)).map((r) => [r.outcome, r.conversionId])).toEqual([
      ["recorded", first.body.conversion_id],
      ["duplicate", first.body.conversion_id],
    ]);
  });

  test("without a transaction id, the click and goal make the postback idempotent", async ({
    db,
    factories,
    tracker,
  }) => {
    const { advertiser, offer, link } = await createWorld(factories);
    const click = await factories.createClick(link);
    const first = await getPostback(tracker, { click_id: click.id, token: advertiser.postbackSecret });
    const again = await getPostback(tracker, { clickid: click.id, token: advertiser.postbackSecret });
    const otherGoal = await getPostback(tracker, {
      click_id: click.id,
      goal: "upsell",
      token: advertiser.postbackSecret,
    });
    expect(again.body).toMatchObject({ status: "duplicate", conversion_id: first.body.conversion_id });
    expect(otherGoal.body).toMatchObject({ status: "recorded" });
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(2);
  });

  test("20 identical postbacks at once record exactly one conversion", async ({
    db,
    redis,
    factories,
    tracker,
  }) => {
    const { advertiser, offer, publisher, link } = await createWorld(factories);
    const click = await createRedisClick(redis, link);
    const params = { click_id: click.id, txid: "RACE-1", token: advertiser.postbackSecret };

    const answers = await Promise.all(Array.from({ length: 20 }, () => getPostback(tracker, params)));

    const conversions = await db.conversion.findMany({ where: { offerId: offer.id } });
    expect(conversions).toHaveLength(1);
    const id = conversions[0]?.id;
    expect(answers.every((a) => a.status === 200 && a.body.conversion_id === id)).toBe(true);
    expect(answers.filter((a) => a.body.status === "recorded")).toHaveLength(1);
    expect(answers.filter((a) => a.body.status === "duplicate")).toHaveLength(19);
    expect(await dailyStat(db, offer, publisher)).toMatchObject({
      conversions: 1n,
      approvedConversions: 1n,
      payout: 1500n,
    });
    const logged = await logRows(db, offer.id);
    expect(logged).toHaveLength(20);
    expect(logged.every((r) => r.conversionId === id)).toBe(true);
  });

  test("the same transaction id on two offers is two conversions", async ({ db, factories, tracker }) => {
    const a = await createWorld(factories);
    const b = await createWorld(factories);
    for (const w of [a, b]) {
      const click = await factories.createClick(w.link);
      const answer = await getPostback(tracker, {
        click_id: click.id,
        txid: "SHARED",
        token: w.advertiser.postbackSecret,
      });
      expect(answer.body).toMatchObject({ status: "recorded" });
    }
    expect(
      await db.conversion.count({
        where: { transactionId: "SHARED", offerId: { in: [a.offer.id, b.offer.id] } },
      }),
    ).toBe(2);
  });
});
