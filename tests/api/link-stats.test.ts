// `TrackingLink.stats`: each of a publisher's links with its own clicks, conversions and approved
// earnings over the last 30 days — another publisher's traffic on the same offer never counts, nor
// does anything older than the window.
import { callerFor, type Data, describe, expect, test } from "./harness.ts";

const LINKS = `{ myLinks(first: 50) { edges { node { id
  stats { days clicks uniqueClicks conversions approvedConversions earnings { amount currency } } } } } }`;

describe("link stats", () => {
  test("per link, own traffic only, last 30 days", async ({ db, api, factories }) => {
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser, { currency: "EUR", defaultPayout: 1250n });
    const [p1, p2] = [await factories.createPublisher(), await factories.createPublisher()];
    const busy = await factories.createLink(p1, offer);
    const quiet = await factories.createLink(p1, offer);
    const theirs = await factories.createLink(p2, offer);
    const hour = 3_600_000;
    const now = Date.now();
    for (let i = 0; i < 5; i++)
      await factories.createClick(busy, { createdAt: new Date(now - i * hour), isUnique: i < 3 });
    // 40 days ago: outside the window.
    await factories.createClick(busy, { createdAt: new Date(now - 40 * 24 * hour) });
    for (let i = 0; i < 7; i++) await factories.createClick(theirs, { createdAt: new Date(now - i * hour) });
    await factories.createConversion(offer, p1, { linkId: busy.id, status: "APPROVED" });
    await factories.createConversion(offer, p1, { linkId: busy.id, status: "APPROVED" });
    await factories.createConversion(offer, p1, { linkId: busy.id, status: "REJECTED" });
    await factories.createConversion(offer, p2, { linkId: theirs.id, status: "APPROVED" });

    const me = await callerFor(db, "PUBLISHER", p1);
    const answer = await api.call(LINKS, {}, me.key);
    expect(answer.errors).toBeUndefined();
    const byId = new Map(
      ((answer.data?.myLinks.edges ?? []) as Data[]).map((edge) => [edge.node.id, edge.node.stats as Data]),
    );
    expect([...byId.keys()].sort()).toEqual([String(busy.id), String(quiet.id)].sort());
    expect(byId.get(String(busy.id))).toEqual({
      days: 30,
      clicks: "5",
      uniqueClicks: "3",
      conversions: "3",
      approvedConversions: "2",
      earnings: { amount: "2500", currency: "EUR" },
    });
    expect(byId.get(String(quiet.id))).toMatchObject({
      clicks: "0",
      conversions: "0",
      earnings: { amount: "0", currency: "EUR" },
    });
  });
});
