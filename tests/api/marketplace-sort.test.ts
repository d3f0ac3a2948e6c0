// The marketplace ordered by the numbers publishers choose by: EPC and conversion rate over the last
// 30 days, computed from the rollup, paged with the connection's cursors both ways.
import { callerFor, describe, expect, test } from "./harness.ts";

const PAGE = `query($sort: MarketplaceSort, $first: Int, $after: String, $last: Int, $before: String, $search: String) {
  marketplace(sort: $sort, first: $first, after: $after, last: $last, before: $before, filter: { search: $search }) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
    edges { node { name epc { amount } conversionRate } }
  }
}`;

describe("marketplace sort by EPC and conversion rate", () => {
  test("ranks by the rollup's numbers, no-click offers last, and pages with cursors", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const other = await factories.createPublisher();
    const pub = await callerFor(db, "PUBLISHER", publisher);
    const tag = `sortable-${Date.now()}`;
    // name → [clicks, unique clicks, approved conversions, approved payout]
    const numbers: Record<string, [bigint, bigint, bigint, bigint] | null> = {
      "A high epc, low cr": [100n, 100n, 1n, 9000n], // EPC 9000, CR 0.01
      "B low epc, high cr": [100n, 10n, 5n, 1000n], // EPC 1000, CR 0.5
      "C middle": [200n, 100n, 10n, 6000n], // EPC 3000, CR 0.1
      "D no clicks": null,
    };
    for (const [name, stats] of Object.entries(numbers)) {
      const offer = await factories.createOffer(advertiser, { name: `${tag} ${name}`, visibility: "PUBLIC" });
      if (stats === null) continue;
      const [clicks, uniqueClicks, approvedConversions, payout] = stats;
      await db.dailyStat.create({
        data: {
          day: new Date(new Date().toISOString().slice(0, 10)),
          offerId: offer.id,
          publisherId: other.id,
          clicks,
          uniqueClicks,
          approvedConversions,
          conversions: approvedConversions,
          payout,
        },
      });
    }
    const names = (answer: Awaited<ReturnType<typeof api.call>>) => {
      expect(answer.errors).toBeUndefined();
      return ((answer.data?.marketplace.edges ?? []) as { node: { name: string } }[]).map((e) =>
        e.node.name.slice(tag.length + 1, tag.length + 2),
      );
    };

    const all = await api.call(PAGE, { sort: "EPC_DESC", first: 10, search: tag }, pub.key);
    expect(names(all)).toEqual(["A", "C", "B", "D"]);
    expect(all.data?.marketplace.totalCount).toBe(4);
    const byRate = await api.call(PAGE, { sort: "CONVERSION_RATE_DESC", first: 10, search: tag }, pub.key);
    expect(names(byRate)).toEqual(["B", "C", "A", "D"]);

    // Forward in pages of two, then back from the end.
    const first = await api.call(PAGE, { sort: "EPC_DESC", first: 2, search: tag }, pub.key);
    expect(names(first)).toEqual(["A", "C"]);
    expect(first.data?.marketplace.pageInfo.hasNextPage).toBe(true);
    const second = await api.call(
      PAGE,
      { sort: "EPC_DESC", first: 2, after: first.data?.marketplace.pageInfo.endCursor, search: tag },
      pub.key,
    );
    expect(names(second)).toEqual(["B", "D"]);
    expect(second.data?.marketplace.pageInfo.hasNextPage).toBe(false);
    const back = await api.call(
      PAGE,
      { sort: "EPC_DESC", last: 2, before: second.data?.marketplace.pageInfo.startCursor, search: tag },
      pub.key,
    );
    expect(names(back)).toEqual(["A", "C"]);
    const tail = await api.call(PAGE, { sort: "EPC_DESC", last: 1, search: tag }, pub.key);
    expect(names(tail)).toEqual(["D"]);
  });
});
