// Admins list every custom payout across offers (with the offer, to link to its editor); nobody else
// may call the list.
import { callerFor, describe, expect, test } from "./harness.ts";

const LIST = `query($filter: CustomPayoutFilter) { customPayouts(first: 100, filter: $filter) {
  totalCount edges { node { id country payout { amount currency } payoutShareBps offer { id name } publisher { id name } } } } }`;

describe("admin: custom payouts across offers", () => {
  test("every offer's custom payouts in one list, filterable; admins only", async ({
    api,
    db,
    factories,
  }) => {
    const admin = await callerFor(db, "ADMIN");
    const [a, b] = [await factories.createAdvertiser(), await factories.createAdvertiser()];
    const [offerA, offerB] = [await factories.createOffer(a), await factories.createOffer(b)];
    const [p1, p2] = [await factories.createPublisher(), await factories.createPublisher()];
    const rows = await Promise.all([
      db.customPayout.create({ data: { offerId: offerA.id, publisherId: p1.id, payout: 1800n } }),
      db.customPayout.create({
        data: { offerId: offerB.id, publisherId: p2.id, country: "DE", payout: 900n },
      }),
    ]);

    const all = await api.call(LIST, {}, admin.key);
    const mine = all.data?.customPayouts.edges
      .map((e: { node: { id: string } }) => e.node)
      .filter((n: { id: string }) => rows.some((r) => String(r.id) === n.id));
    expect(mine).toEqual([
      {
        id: String(rows[0]?.id),
        country: null,
        payout: { amount: "1800", currency: offerA.currency },
        payoutShareBps: null,
        offer: { id: String(offerA.id), name: offerA.name },
        publisher: { id: String(p1.id), name: p1.name },
      },
      {
        id: String(rows[1]?.id),
        country: "DE",
        payout: { amount: "900", currency: offerB.currency },
        payoutShareBps: null,
        offer: { id: String(offerB.id), name: offerB.name },
        publisher: { id: String(p2.id), name: p2.name },
      },
    ]);
    const byOffer = await api.call(LIST, { filter: { offerId: offerB.id } }, admin.key);
    expect(byOffer.data?.customPayouts.totalCount).toBe(1);
    expect(byOffer.data?.customPayouts.edges[0].node.publisher.id).toBe(String(p2.id));

    for (const caller of [
      await callerFor(db, "ADVERTISER", a),
      await callerFor(db, "PUBLISHER", p1),
      await callerFor(db, "FINANCE"),
    ]) {
      const answer = await api.call(LIST, {}, caller.key);
      expect(answer.data?.customPayouts ?? null).toBeNull();
      expect(answer.errors?.[0]?.extensions?.code).toBe("forbidden");
    }
  });
});
