// The searches behind the dashboard's pickers (an advertiser's offers, a publisher's tracking links and
// lead-API offers): a search narrows the caller's own rows by name and never reaches another tenant's,
// even when the other tenant's rows match the words exactly.
import { callerFor, type Data, describe, expect, type GraphQLAnswer, test } from "./harness.ts";

const leadFormFields = [
  { name: "name", label: "Full name", type: "text", required: true },
  { name: "email", label: "E-mail", type: "email", required: true },
];

const LINKS = `query ($search: String) {
  myLinks(first: 50, filter: { search: $search }) { edges { node { id name } } }
}`;
const OFFERS = `query ($search: String) {
  offers(first: 50, filter: { search: $search }) { edges { node { id name } } }
}`;
const LEAD_API_OFFERS = `query ($search: String, $first: Int) {
  leadApi { offers(search: $search, first: $first) { id name } }
}`;
const LEAD_API_OFFER = `query ($id: ID!) { leadApi { offer(id: $id) { id name fields { name } } } }`;

/** The ids an answer lists (sorted), after checking it has no errors. */
function ids(answer: GraphQLAnswer, pick: (data: Data) => { id: string }[]): number[] {
  expect(answer.errors).toBeUndefined();
  return pick(answer.data ?? {})
    .map((row) => Number(row.id))
    .sort((a, b) => a - b);
}
const linkIds = (answer: GraphQLAnswer) =>
  ids(answer, (data) => data.myLinks.edges.map((edge: Data) => edge.node));
const offerIds = (answer: GraphQLAnswer) =>
  ids(answer, (data) => data.offers.edges.map((edge: Data) => edge.node));
const leadApiIds = (answer: GraphQLAnswer) => ids(answer, (data) => data.leadApi.offers);

describe("picker searches", () => {
  test("a search finds the caller's own links and offers by name, never another tenant's", async ({
    api,
    db,
    factories,
  }) => {
    const advertiserA = await factories.createAdvertiser();
    const advertiserB = await factories.createAdvertiser();
    const publisherA = await factories.createPublisher();
    const publisherB = await factories.createPublisher();
    // Approval-required offers, each approved for one publisher only (a PUBLIC offer is every publisher's).
    const gated = { visibility: "APPROVAL_REQUIRED" as const, leadFormFields };
    const harborA = await factories.createOffer(advertiserA, { ...gated, name: "Harbor Loans A" });
    const harborB = await factories.createOffer(advertiserB, { ...gated, name: "Harbor Loans B" });
    const otherA = await factories.createOffer(advertiserA, { ...gated, name: "Meadow Solar" });
    const noFields = await factories.createOffer(advertiserA, {
      ...gated,
      name: "Harbor Empty",
      leadFormFields: [],
    });
    for (const [offer, publisher] of [
      [harborA, publisherA],
      [otherA, publisherA],
      [noFields, publisherA],
      [harborB, publisherB],
    ] as const) {
      await db.offerApplication.create({
        data: { offerId: offer.id, publisherId: publisher.id, status: "APPROVED" },
      });
    }
    const linkA = await factories.createLink(publisherA, harborA, { name: "Harbor spring" });
    const otherLinkA = await factories.createLink(publisherA, otherA, { name: "Meadow email" });
    const linkB = await factories.createLink(publisherB, harborB, { name: "Harbor spring" });
    const callers = {
      advA: await callerFor(db, "ADVERTISER", advertiserA),
      advB: await callerFor(db, "ADVERTISER", advertiserB),
      pubA: await callerFor(db, "PUBLISHER", publisherA),
      pubB: await callerFor(db, "PUBLISHER", publisherB),
    };

    // Links: by the link's name, its offer's name or its code; the same name elsewhere stays elsewhere.
    expect(linkIds(await api.call(LINKS, { search: "harbor SPRING" }, callers.pubA.key))).toEqual([linkA.id]);
    expect(linkIds(await api.call(LINKS, { search: "harbor SPRING" }, callers.pubB.key))).toEqual([linkB.id]);
    expect(linkIds(await api.call(LINKS, { search: "meadow solar" }, callers.pubA.key))).toEqual([
      otherLinkA.id,
    ]);
    expect(linkIds(await api.call(LINKS, { search: linkB.code }, callers.pubA.key))).toEqual([]);
    expect(linkIds(await api.call(LINKS, { search: "Loans B" }, callers.pubA.key))).toEqual([]);
    expect(linkIds(await api.call(LINKS, { search: linkB.code }, callers.pubB.key))).toEqual([linkB.id]);
    expect(linkIds(await api.call(LINKS, { search: null }, callers.pubA.key))).toEqual(
      [linkA.id, otherLinkA.id].sort((a, b) => a - b),
    );

    // An advertiser's offers.
    expect(offerIds(await api.call(OFFERS, { search: "harbor loans" }, callers.advA.key))).toEqual([
      harborA.id,
    ]);
    expect(offerIds(await api.call(OFFERS, { search: "harbor loans" }, callers.advB.key))).toEqual([
      harborB.id,
    ]);
    expect(offerIds(await api.call(OFFERS, { search: "Loans B" }, callers.advA.key))).toEqual([]);

    // The lead API's offers: those the publisher may post to whose form has fields, by name.
    expect(leadApiIds(await api.call(LEAD_API_OFFERS, { search: "harbor" }, callers.pubA.key))).toEqual([
      harborA.id,
    ]);
    expect(leadApiIds(await api.call(LEAD_API_OFFERS, { search: "harbor" }, callers.pubB.key))).toEqual([
      harborB.id,
    ]);
    expect(leadApiIds(await api.call(LEAD_API_OFFERS, { search: "Loans B" }, callers.pubA.key))).toEqual([]);
    expect(leadApiIds(await api.call(LEAD_API_OFFERS, {}, callers.pubA.key))).toEqual(
      [harborA.id, otherA.id].sort((a, b) => a - b),
    );
    expect(leadApiIds(await api.call(LEAD_API_OFFERS, { first: 1 }, callers.pubA.key))).toEqual([
      Math.min(harborA.id, otherA.id),
    ]);
    // One offer by id: the publisher's own; another's (or one without fields) is null.
    const own = await api.call(LEAD_API_OFFER, { id: harborA.id }, callers.pubA.key);
    expect(own.data?.leadApi.offer).toEqual({
      id: String(harborA.id),
      name: "Harbor Loans A",
      fields: [{ name: "name" }, { name: "email" }],
    });
    for (const id of [harborB.id, noFields.id]) {
      const answer = await api.call(LEAD_API_OFFER, { id }, callers.pubA.key);
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.leadApi.offer).toBeNull();
    }
  });

  test("a search over 100 characters is refused, not run", async ({ api, db, factories }) => {
    const publisher = await callerFor(db, "PUBLISHER", await factories.createPublisher());
    const advertiser = await callerFor(db, "ADVERTISER", await factories.createAdvertiser());
    const long = "x".repeat(101);
    for (const [query, key] of [
      [LINKS, publisher.key],
      [LEAD_API_OFFERS, publisher.key],
      [OFFERS, advertiser.key],
    ] as const) {
      const answer = await api.call(query, { search: long }, key);
      expect(answer.data ?? null).toBeNull();
      expect(JSON.stringify(answer.errors)).toContain("at most 100 characters");
    }
  });
});
