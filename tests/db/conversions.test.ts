// A replayed postback must record nothing: the (offer, transaction id) pair is unique in the database,
// so two tracker instances racing on the same postback cannot both insert.
import pg from "pg";
import { expectUniqueViolation, toDbError, UNIQUE_VIOLATION } from "../src/db-errors.ts";
import { describe, expect, test } from "../src/fixtures.ts";

describe("a transaction id is unique per offer", () => {
  test("a second conversion with the same offer and transaction id is refused", async ({ db, factories }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser);
    const first = await factories.createConversion(offer, publisher);

    await expectUniqueViolation(
      factories.createConversion(offer, publisher, { transactionId: first.transactionId }),
      "conversions_offer_id_transaction_id_key",
    );
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(1);
  });

  test("the same transaction id on another offer is a different conversion", async ({ db, factories }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offerA = await factories.createOffer(advertiser);
    const offerB = await factories.createOffer(advertiser);
    const first = await factories.createConversion(offerA, publisher);

    await factories.createConversion(offerB, publisher, { transactionId: first.transactionId });

    expect(await db.conversion.count({ where: { transactionId: first.transactionId } })).toBe(2);
  });

  test("20 concurrent inserts of one (offer, transaction id) store exactly one row", async ({
    databaseUrl,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser);
    const transactionId = `race-${offer.id}`;
    // One connection each, all connected before any insert starts: the inserts really overlap inside
    // PostgreSQL instead of queueing on a small pool.
    const clients = Array.from({ length: 20 }, () => new pg.Client({ connectionString: databaseUrl }));
    await Promise.all(clients.map((c) => c.connect()));
    try {
      const results = await Promise.allSettled(
        clients.map((client, i) =>
          client.query(
            `insert into conversions (id, offer_id, publisher_id, transaction_id, source, status, currency,
                                      payout, revenue, updated_at)
             values (gen_random_uuid(), $1, $2, $3, 'POSTBACK', 'APPROVED', 'USD', $4, 0, now())`,
            [offer.id, publisher.id, transactionId, 100 + i],
          ),
        ),
      );
      const refused = results.filter((r) => r.status === "rejected");
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(refused).toHaveLength(19);
      for (const r of refused) expect(toDbError(r.reason)?.code).toBe(UNIQUE_VIOLATION);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    expect(await db.conversion.count({ where: { offerId: offer.id, transactionId } })).toBe(1);
  });
});
