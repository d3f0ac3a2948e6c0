// N+1 guard: lists load their relations and per-row numbers with a constant number of Prisma
// operations, however many rows they return (counted with a client extension, as Pothos's own
// plugin-prisma tests do).
import type { Db } from "@leadrail/db";
import { callerFor, describe, expect, startApi, test } from "./harness.ts";

describe("query counts", () => {
  test("offers with their advertisers, and the marketplace with its numbers, cost the same for 5 or 20 rows", async ({
    db,
    redis,
    redisPrefix,
    factories,
  }) => {
    const operations: string[] = [];
    const counting = db.$extends({
      query: {
        $allOperations({ model, operation, args, query }) {
          operations.push(`${model ?? "$raw"}.${operation}`);
          return query(args);
        },
      },
    }) as unknown as Db;
    const api = await startApi({ db: counting, redis, redisPrefix });
    try {
      const vertical = `count-${Date.now()}`;
      const publisher = await factories.createPublisher();
      const pub = await callerFor(db, "PUBLISHER", publisher);
      const admin = await callerFor(db, "ADMIN");
      const today = new Date(new Date().toISOString().slice(0, 10));
      for (let i = 0; i < 20; i += 1) {
        // Each offer has its own advertiser, caps, stats, an application and a custom payout.
        const offer = await factories.createOffer(await factories.createAdvertiser(), { vertical });
        await db.offerCap.create({
          data: { offerId: offer.id, scope: "OFFER", period: "DAILY", metric: "CONVERSIONS", limit: 10n },
        });
        await db.dailyStat.create({
          data: {
            day: today,
            offerId: offer.id,
            publisherId: publisher.id,
            clicks: 100n,
            uniqueClicks: 80n,
            approvedConversions: 2n,
            payout: 3000n,
          },
        });
        await db.offerApplication.create({
          data: { offerId: offer.id, publisherId: publisher.id, status: "APPROVED" },
        });
        await db.customPayout.create({
          data: { offerId: offer.id, publisherId: publisher.id, payout: 1600n },
        });
      }

      const offersQuery = `query($n: Int, $v: String) { offers(first: $n, filter: { search: $v }) {
        edges { node { id name advertiser { id name } caps { id limit } } } } }`;
      const marketplaceQuery = `query($n: Int, $v: String) { marketplace(first: $n, filter: { vertical: $v }) {
        edges { node { id payout { amount } epc { amount } conversionRate advertiser { name } myApplication { status } countryPayouts { country } } } } }`;

      const count = async (query: string, n: number, key: string) => {
        operations.length = 0;
        const answer = await api.call(query, { n, v: vertical }, key);
        expect(answer.errors).toBeUndefined();
        return { operations: [...operations], data: answer.data };
      };

      // Offers are named "Offer-<tag>-<n>", so search by the shared file tag instead of vertical.
      const offersSearch = (await db.offer.findFirstOrThrow({ where: { vertical } })).name
        .split("-")
        .slice(0, 2)
        .join("-");
      const offersCount = async (n: number) => {
        operations.length = 0;
        const answer = await api.call(offersQuery, { n, v: offersSearch }, admin.key);
        expect(answer.errors).toBeUndefined();
        expect(answer.data?.offers.edges).toHaveLength(n);
        expect(answer.data?.offers.edges[0].node.advertiser.name).toMatch(/^Advertiser-/);
        return [...operations];
      };
      const five = await offersCount(5);
      const twenty = await offersCount(20);
      // Resolving the API key, then one query for the page with advertisers and caps included.
      expect(twenty).toEqual(five);
      expect(twenty).toEqual(["ApiKey.findUnique", "Offer.findMany"]);

      const small = await count(marketplaceQuery, 5, pub.key);
      const large = await count(marketplaceQuery, 20, pub.key);
      expect(large.data?.marketplace.edges).toHaveLength(20);
      expect(large.data?.marketplace.edges[0].node).toMatchObject({
        payout: { amount: "1600" },
        epc: { amount: "3000" },
        conversionRate: 2 / 80,
        myApplication: { status: "APPROVED" },
      });
      // The key, the page, one grouped stats query, the publisher's applications and custom payouts.
      expect(large.operations.sort()).toEqual(small.operations.sort());
      expect(large.operations).toEqual([
        "ApiKey.findUnique",
        "CustomPayout.findMany",
        "DailyStat.groupBy",
        "Offer.findMany",
        "OfferApplication.findMany",
      ]);
    } finally {
      await api.close();
    }
  });
});
