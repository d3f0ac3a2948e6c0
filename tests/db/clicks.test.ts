// Clicks are range-partitioned by month on created_at. The click writer relies on three things:
// rows land in their month's partition, a click from any date is stored (the DEFAULT partition), and a
// retried batch with ON CONFLICT DO NOTHING stores each click once.
import { mintId } from "@leadrail/db";
import { describe, expect, test } from "../src/fixtures.ts";

function monthPartition(at: Date): string {
  return `clicks_${at.getUTCFullYear()}_${String(at.getUTCMonth() + 1).padStart(2, "0")}`;
}

describe("click partitions", () => {
  test("a click lands in the partition of its UTC month", async ({ db, factories }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser);
    const link = await factories.createLink(publisher, offer);
    const now = new Date();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15, 12));
    const clicks = [
      await factories.createClick(link, { createdAt: now }),
      await factories.createClick(link, { createdAt: lastMonth }),
    ];

    const rows = await db.$queryRaw<{ id: string; partition: string }[]>`
      select id::text as id, tableoid::regclass::text as partition from clicks
      where link_id = ${link.id} order by created_at desc`;

    expect(rows).toEqual(clicks.map((c) => ({ id: c.id, partition: monthPartition(c.createdAt) })));
  });

  test("a click far outside the created months is kept in clicks_default", async ({ db, factories }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser);
    const past = await factories.createClick(
      { offer, publisher },
      { createdAt: new Date("2001-01-15T00:00:00Z") },
    );
    const future = await factories.createClick(
      { offer, publisher },
      { createdAt: new Date("2099-06-01T00:00:00Z") },
    );

    const rows = await db.$queryRaw<{ id: string; partition: string }[]>`
      select id::text as id, tableoid::regclass::text as partition from clicks
      where offer_id = ${offer.id} order by created_at`;

    expect(rows).toEqual([
      { id: past.id, partition: "clicks_default" },
      { id: future.id, partition: "clicks_default" },
    ]);
  });

  test("inserting the same (id, created_at) twice with ON CONFLICT DO NOTHING stores one row", async ({
    db,
  }) => {
    for (const createdAt of [new Date(), new Date("2001-02-03T04:05:06.789Z")]) {
      const id = mintId(createdAt);
      const insert = () => db.$executeRaw`
        insert into clicks (id, created_at, status) values (${id}::uuid, ${createdAt}, 'ACCEPTED')
        on conflict do nothing`;

      expect(await insert()).toBe(1);
      expect(await insert()).toBe(0);
      expect(await db.click.count({ where: { id } })).toBe(1);
    }
  });
});
