// The applications filter's `search` (part of a publisher's name), which the offer editor's publisher
// picker asks: it narrows within what the viewer may read, so an advertiser searching a name finds only
// applications to its own offers, never another advertiser's.
import { type ApiServer, callerFor, describe, expect, test } from "./harness.ts";

const SEARCH = `query($filter: ApplicationFilter) {
  applications(first: 50, filter: $filter) { edges { node { id status offer { id } publisher { id name } } } }
}`;

/** The application ids a search answers, failing on any error. */
async function found(api: ApiServer, key: string, filter: Record<string, unknown>): Promise<string[]> {
  const answer = await api.call(SEARCH, { filter }, key);
  expect(answer.errors).toBeUndefined();
  return answer.data?.applications.edges.map((e: { node: { id: string } }) => e.node.id);
}

describe("applications search", () => {
  test("finds an offer's publishers by part of the name, only on the advertiser's own offers", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser);
    const other = await factories.createAdvertiser();
    const othersOffer = await factories.createOffer(other);
    const heron = await factories.createPublisher({ name: "Grey Heron Media" });
    const crane = await factories.createPublisher({ name: "Crane Traffic" });
    const applied = await db.offerApplication.create({
      data: { offerId: offer.id, publisherId: heron.id, status: "APPROVED" },
    });
    await db.offerApplication.create({
      data: { offerId: offer.id, publisherId: crane.id, status: "APPROVED" },
    });
    // The same publisher on another advertiser's offer: never found by this advertiser.
    const foreign = await db.offerApplication.create({
      data: { offerId: othersOffer.id, publisherId: heron.id, status: "APPROVED" },
    });

    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const offerId = String(offer.id);
    expect(await found(api, adv.key, { offerId, search: "heRON", status: "APPROVED" })).toEqual([
      String(applied.id),
    ]);
    // Without an offer: still only its own offers' applications.
    expect(await found(api, adv.key, { search: "heron" })).toEqual([String(applied.id)]);
    // Asking for the other advertiser's offer by id finds nothing.
    expect(await found(api, adv.key, { offerId: String(othersOffer.id), search: "heron" })).toEqual([]);
    // The other advertiser finds its own, not this one's.
    const otherCaller = await callerFor(db, "ADVERTISER", other);
    expect(await found(api, otherCaller.key, { search: "heron" })).toEqual([String(foreign.id)]);
    // Another publisher searching the name finds nothing: the search never widens what one reads.
    const publisherCaller = await callerFor(db, "PUBLISHER", crane);
    expect(await found(api, publisherCaller.key, { search: "heron" })).toEqual([]);
    // No search lists both; a search matching nobody lists none.
    expect(await found(api, adv.key, { offerId })).toHaveLength(2);
    expect(await found(api, adv.key, { offerId, search: "osprey" })).toEqual([]);
  });
});
