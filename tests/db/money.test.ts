// Money is BIGINT minor units end to end. 2^53 + 1 is the first integer a JavaScript number (or a
// DOUBLE PRECISION / NUMERIC-as-float column) cannot hold: it comes back as 2^53 if anything on the way
// converts through a float.
import { describe, expect, test } from "../src/fixtures.ts";

const ABOVE_2_53 = 9007199254740993n;
const BIGINT_MAX = 9223372036854775807n;

describe("money columns keep exact integers above 2^53", () => {
  test("conversion payout, revenue and sale amount round-trip through Prisma and SQL", async ({
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser);
    const created = await factories.createConversion(offer, publisher, {
      payout: ABOVE_2_53,
      revenue: BIGINT_MAX,
      saleAmount: ABOVE_2_53 + 2n,
    });

    const read = await db.conversion.findUniqueOrThrow({ where: { id: created.id } });
    expect(read.payout).toBe(ABOVE_2_53);
    expect(read.revenue).toBe(BIGINT_MAX);
    expect(read.saleAmount).toBe(9007199254740995n);
    // What PostgreSQL stored, as text: no client-side conversion can hide a lossy column type.
    const [stored] = await db.$queryRaw<{ payout: string; revenue: string }[]>`
      select payout::text as payout, revenue::text as revenue from conversions where id = ${created.id}::uuid`;
    expect(stored).toEqual({ payout: "9007199254740993", revenue: "9223372036854775807" });
  });

  test("a statement total sums big lines exactly", async ({ db, factories }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser);
    const a = await factories.createConversion(offer, publisher, { payout: ABOVE_2_53 });
    const b = await factories.createConversion(offer, publisher, { payout: ABOVE_2_53 });
    const statement = await factories.createStatement(publisher, [a, b]);

    const read = await db.payoutStatement.findUniqueOrThrow({ where: { id: statement.id } });
    expect(read.total).toBe(18014398509481986n);
  });

  test("publisher minimum payout and offer default payout keep exact values", async ({ db, factories }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher({ minimumPayout: ABOVE_2_53 });
    const offer = await factories.createOffer(advertiser, { defaultPayout: ABOVE_2_53 });

    expect((await db.publisher.findUniqueOrThrow({ where: { id: publisher.id } })).minimumPayout).toBe(
      ABOVE_2_53,
    );
    expect((await db.offer.findUniqueOrThrow({ where: { id: offer.id } })).defaultPayout).toBe(ABOVE_2_53);
  });
});
