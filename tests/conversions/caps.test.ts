// Caps are exact under concurrency: one Lua script checks and increments every counter a conversion
// touches. Conversions over the cap are recorded as REJECTED with cap_reached and pay nothing.
import { type CapMetric, type CapPeriod, type CapScope, capCounterKey, periodKey } from "@leadrail/db";
import {
  createRedisClick,
  createWorld,
  dailyStat,
  describe,
  expect,
  getPostback,
  test,
} from "../src/conversion-kit.ts";
import { conversionRollups } from "../src/conversion-rollups.ts";

describe("caps", () => {
  test.for([
    { metric: "CONVERSIONS" as CapMetric, limit: 10n, counter: "10" },
    // BUDGET counts publisher payout: 10 conversions of 15.00 fit in 150.00, the 11th does not.
    { metric: "BUDGET" as CapMetric, limit: 15_000n, counter: "15000" },
  ])(
    "$metric cap: 50 simultaneous conversions, exactly 10 payable and 40 cap_reached",
    async ({ metric, limit, counter }, { db, redis, factories, tracker }) => {
      const { advertiser, offer, publisher, link } = await createWorld(factories);
      await db.offerCap.create({
        data: { offerId: offer.id, scope: "OFFER", period: "DAILY", metric, limit },
      });
      const clicks = await Promise.all(Array.from({ length: 50 }, () => createRedisClick(redis, link)));

      const answers = await Promise.all(
        clicks.map((click, i) =>
          getPostback(tracker, { click_id: click.id, txid: `CAP-${i}`, token: advertiser.postbackSecret }),
        ),
      );

      expect(answers.filter((a) => a.body.status === "recorded")).toHaveLength(10);
      expect(
        answers.filter((a) => a.body.status === "rejected" && a.body.reason === "cap_reached"),
      ).toHaveLength(40);
      const rows = await db.conversion.groupBy({
        by: ["status", "statusReason"],
        where: { offerId: offer.id },
        _count: { _all: true },
        _sum: { payout: true, revenue: true },
      });
      expect(rows).toEqual(
        expect.arrayContaining([
          {
            status: "APPROVED",
            statusReason: null,
            _count: { _all: 10 },
            _sum: { payout: 15_000n, revenue: 20_000n },
          },
          {
            status: "REJECTED",
            statusReason: "cap_reached",
            _count: { _all: 40 },
            _sum: { payout: 0n, revenue: 0n },
          },
        ]),
      );
      expect(rows).toHaveLength(2);
      // The report's conversion rollups (a trigger in each of the 50 transactions) count them all.
      const rollups = await conversionRollups(db, [offer.id]);
      expect(rollups.stored).toEqual(rollups.recounted);
      expect(rollups.stored.hourly.reduce((n, r) => n + Number(r.conversions), 0)).toBe(50);
      expect(await dailyStat(db, offer, publisher)).toMatchObject({
        conversions: 50n,
        approvedConversions: 10n,
        rejectedConversions: 40n,
        payout: 15_000n,
      });
      // The counter the API reads for pacing.
      const key = capCounterKey("", {
        offerId: offer.id,
        scope: "OFFER",
        publisherId: null,
        period: "DAILY",
        periodKey: periodKey("DAILY", new Date()),
        metric,
      });
      expect(await redis.get(key)).toBe(counter);
      expect(await redis.ttl(key)).toBeGreaterThan(7 * 86_400);
    },
  );

  test("a per-publisher cap counts each publisher separately", async ({ db, redis, factories, tracker }) => {
    const { advertiser, offer, link } = await createWorld(factories);
    const other = await factories.createPublisher();
    const otherLink = await factories.createLink(other, offer);
    await db.offerCap.create({
      data: {
        offerId: offer.id,
        scope: "PER_PUBLISHER",
        period: "MONTHLY",
        metric: "CONVERSIONS",
        limit: 2n,
      },
    });
    const statuses: string[] = [];
    for (const l of [link, link, link, otherLink, otherLink, otherLink]) {
      const click = await createRedisClick(redis, l);
      const answer = await getPostback(tracker, { click_id: click.id, token: advertiser.postbackSecret });
      statuses.push(String(answer.body.status));
    }
    expect(statuses).toEqual(["recorded", "recorded", "rejected", "recorded", "recorded", "rejected"]);
  });

  test("a named publisher's cap binds only that publisher", async ({ db, redis, factories, tracker }) => {
    const { advertiser, offer, publisher, link } = await createWorld(factories);
    const other = await factories.createPublisher();
    const otherLink = await factories.createLink(other, offer);
    await db.offerCap.create({
      data: {
        offerId: offer.id,
        scope: "PUBLISHER",
        publisherId: publisher.id,
        period: "TOTAL",
        metric: "CONVERSIONS",
        limit: 1n,
      },
    });
    const send = async (l: typeof link) =>
      (
        await getPostback(tracker, {
          click_id: (await createRedisClick(redis, l)).id,
          token: advertiser.postbackSecret,
        })
      ).body.status;
    expect([await send(link), await send(link), await send(otherLink), await send(otherLink)]).toEqual([
      "recorded",
      "rejected",
      "recorded",
      "recorded",
    ]);
  });

  test("a counter lost from Redis is rebuilt from PostgreSQL", async ({ db, redis, factories, tracker }) => {
    const { advertiser, offer, link, publisher } = await createWorld(factories);
    // Three payable conversions today already (and a rejected one, which does not count).
    for (let i = 0; i < 3; i++) await factories.createConversion(offer, publisher);
    await factories.createConversion(offer, publisher, { status: "REJECTED", payout: 0n, revenue: 0n });
    await db.offerCap.create({
      data: { offerId: offer.id, scope: "OFFER", period: "DAILY", metric: "CONVERSIONS", limit: 4n },
    });
    const first = await getPostback(tracker, {
      click_id: (await createRedisClick(redis, link)).id,
      token: advertiser.postbackSecret,
    });
    const second = await getPostback(tracker, {
      click_id: (await createRedisClick(redis, link)).id,
      token: advertiser.postbackSecret,
    });
    expect([first.body.status, second.body.status]).toEqual(["recorded", "rejected"]);
  });

  test("only payable conversions consume caps, and a duplicate releases its reservation", async ({
    db,
    redis,
    factories,
    tracker,
  }) => {
    const { advertiser, offer, link } = await createWorld(factories);
    await db.offerCap.create({
      data: { offerId: offer.id, scope: "OFFER", period: "TOTAL", metric: "CONVERSIONS", limit: 2n },
    });
    const click = await createRedisClick(redis, link);
    // A rejected (by the advertiser) conversion and 30 concurrent replays of one approved one. The
    // replays must neither keep the slot twice nor crowd each other out into a cap_reached record
    // (that race needs unlucky timing; transaction-lock.test.ts tests the lock that prevents it).
    await getPostback(tracker, {
      click_id: (await createRedisClick(redis, link)).id,
      status: "rejected",
      token: advertiser.postbackSecret,
    });
    await Promise.all(
      Array.from({ length: 30 }, () =>
        getPostback(tracker, { click_id: click.id, txid: "ONE", token: advertiser.postbackSecret }),
      ),
    );
    expect(
      await db.conversion.findFirstOrThrow({ where: { offerId: offer.id, transactionId: "ONE" } }),
    ).toMatchObject({
      status: "APPROVED",
      statusReason: null,
    });
    const key = capCounterKey("", {
      offerId: offer.id,
      scope: "OFFER" as CapScope,
      publisherId: null,
      period: "TOTAL" as CapPeriod,
      periodKey: "all",
      metric: "CONVERSIONS",
    });
    expect(await redis.get(key)).toBe("1");
    const last = await getPostback(tracker, {
      click_id: (await createRedisClick(redis, link)).id,
      token: advertiser.postbackSecret,
    });
    expect(last.body.status).toBe("recorded");
    expect(await redis.get(key)).toBe("2");
  });
});
