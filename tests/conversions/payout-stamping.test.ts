// Payout and revenue are stamped in minor units when the conversion is recorded.
import { createWorld, describe, expect, getPostback, test } from "../src/conversion-kit.ts";

describe("payout stamping", () => {
  test("CPL pays the offer's fixed amounts", async ({ db, factories, tracker }) => {
    const { advertiser, offer, link } = await createWorld(factories, {
      defaultPayout: 1234n,
      defaultRevenue: 2000n,
    });
    const click = await factories.createClick(link);
    await getPostback(tracker, { click_id: click.id, payout: "99.99", token: advertiser.postbackSecret });
    expect(await db.conversion.findFirstOrThrow({ where: { offerId: offer.id } })).toMatchObject({
      payout: 1234n,
      revenue: 2000n,
      saleAmount: 9999n,
    });
  });

  test.for([
    // sale, payout bps, revenue bps, currency → payout, revenue (minor units, half-even)
    { sale: "123.45", payoutBps: 3000, revenueBps: 4000, currency: "USD", payout: 3704n, revenue: 4938n },
    { sale: "0.05", payoutBps: 5000, revenueBps: 7000, currency: "USD", payout: 2n, revenue: 4n },
    { sale: "0.15", payoutBps: 5000, revenueBps: 5000, currency: "USD", payout: 8n, revenue: 8n },
    { sale: "12345", payoutBps: 1250, revenueBps: 2000, currency: "JPY", payout: 1543n, revenue: 2469n },
    { sale: "10.005", payoutBps: 1000, revenueBps: 2000, currency: "KWD", payout: 1000n, revenue: 2001n },
    { sale: "19.999", payoutBps: 10000, revenueBps: 10000, currency: "USD", payout: 2000n, revenue: 2000n },
  ])(
    "REVSHARE: $payoutBps/$revenueBps bps of $sale $currency → $payout / $revenue",
    async ({ sale, payoutBps, revenueBps, currency, payout, revenue }, { db, factories, tracker }) => {
      const { advertiser, offer, link } = await createWorld(factories, {
        payoutModel: "REVSHARE",
        currency,
        defaultPayout: 0n,
        defaultRevenue: 0n,
        payoutShareBps: payoutBps,
        revenueShareBps: revenueBps,
      });
      const click = await factories.createClick(link);
      const answer = await getPostback(tracker, {
        click_id: click.id,
        sum: sale,
        token: advertiser.postbackSecret,
      });
      expect(answer.body).toMatchObject({ status: "recorded" });
      expect(await db.conversion.findFirstOrThrow({ where: { offerId: offer.id } })).toMatchObject({
        payout,
        revenue,
        currency,
      });
    },
  );

  test("REVSHARE without a sale amount is refused: 422 amount_required, nothing recorded", async ({
    db,
    factories,
    tracker,
  }) => {
    const { advertiser, offer, link } = await createWorld(factories, {
      payoutModel: "REVSHARE",
      payoutShareBps: 1000,
      revenueShareBps: 2000,
    });
    const click = await factories.createClick(link);
    const answer = await getPostback(tracker, { click_id: click.id, token: advertiser.postbackSecret });
    expect(answer).toMatchObject({ status: 422, body: { status: "rejected", reason: "amount_required" } });
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(0);
  });

  test("the publisher's custom payout for the click's country beats the all-countries one", async ({
    db,
    factories,
    tracker,
  }) => {
    const { advertiser, offer, link, publisher } = await createWorld(factories);
    await db.customPayout.createMany({
      data: [
        { offerId: offer.id, publisherId: publisher.id, country: null, payout: 1700n },
        { offerId: offer.id, publisherId: publisher.id, country: "DE", payout: 2100n },
      ],
    });
    const other = await factories.createPublisher();
    const otherLink = await factories.createLink(other, offer);
    const clicks = {
      de: await factories.createClick(link, { country: "DE" }),
      fr: await factories.createClick(link, { country: "FR" }),
      none: await factories.createClick(link),
      otherPublisher: await factories.createClick(otherLink, { country: "DE" }),
    };
    for (const click of Object.values(clicks)) {
      await getPostback(tracker, { click_id: click.id, token: advertiser.postbackSecret });
    }
    const payoutOf = async (clickId: string) =>
      (await db.conversion.findFirstOrThrow({ where: { offerId: offer.id, clickId } })).payout;
    expect(await payoutOf(clicks.de.id)).toBe(2100n);
    expect(await payoutOf(clicks.fr.id)).toBe(1700n);
    expect(await payoutOf(clicks.none.id)).toBe(1700n);
    expect(await payoutOf(clicks.otherPublisher.id)).toBe(1500n);
  });

  test("a REVSHARE custom share applies by country", async ({ db, factories, tracker }) => {
    const { advertiser, offer, link, publisher } = await createWorld(factories, {
      payoutModel: "REVSHARE",
      payoutShareBps: 2000,
      revenueShareBps: 3000,
    });
    await db.customPayout.create({
      data: { offerId: offer.id, publisherId: publisher.id, country: "BR", payoutShareBps: 2500 },
    });
    const br = await factories.createClick(link, { country: "BR" });
    const ar = await factories.createClick(link, { country: "AR" });
    await getPostback(tracker, { click_id: br.id, amount: "100", token: advertiser.postbackSecret });
    await getPostback(tracker, { click_id: ar.id, amount: "100", token: advertiser.postbackSecret });
    const rows = await db.conversion.findMany({
      where: { offerId: offer.id },
      select: { clickId: true, payout: true },
    });
    expect(rows).toEqual(
      expect.arrayContaining([
        { clickId: br.id, payout: 2500n },
        { clickId: ar.id, payout: 2000n },
      ]),
    );
  });
});
