// One lead as its advertiser opens it (publisher, click, sub IDs, status history), and the reason a
// returned lead was given: stored as its status reason, which the publisher sees on its conversion.
import { callerFor, describe, expect, expectOk, test } from "./harness.ts";
import { mutation } from "./operations.ts";

const DAY = 24 * 3600 * 1000;
const RETURN = mutation(
  "returnLead",
  "$id: ID!, $reason: String!",
  "id: $id, reason: $reason",
  "{ id status statusReason returnReason }",
);
const LEAD = `query ($id: ID!) { lead(id: $id) {
  id status statusReason clickId clickAt publisher { id name } subs { sub1 source }
  history { action status reason }
} }`;
const CONVERSIONS = "query { conversions(first: 10) { edges { node { id status statusReason } } } }";

describe("lead detail", () => {
  test("a returned lead keeps its reason as its status reason, for the advertiser and the publisher", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser, {
      confirmationMode: "MANUAL",
      returnWindowDays: 7,
    });
    const publisher = await factories.createPublisher();
    const approvedAt = new Date(Date.now() - DAY);
    const clickAt = new Date(approvedAt.getTime() - 60_000);
    const lead = await factories.createConversion(offer, publisher, {
      status: "APPROVED",
      convertedAt: approvedAt,
      approvedAt,
      clickAt,
      clickId: "0190a6f0-0000-7000-8000-000000000001",
      subs: { sub1: "campaign-7", source: "tiktok" },
    });
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const pub = await callerFor(db, "PUBLISHER", publisher);

    const returned = expectOk(
      await api.call(RETURN, { id: lead.id, reason: "wrong number" }, adv.key),
      "returnLead",
    );
    expect(returned).toMatchObject({
      status: "REVERSED",
      statusReason: "wrong number",
      returnReason: "wrong number",
    });
    expect(await db.conversion.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({
      status: "REVERSED",
      statusReason: "wrong number",
    });
    const seen = await api.call(CONVERSIONS, {}, pub.key);
    expect(seen.data?.conversions.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { id: lead.id, status: "REVERSED", statusReason: "wrong number" },
    ]);

    const detail = (await api.call(LEAD, { id: lead.id }, adv.key)).data?.lead;
    expect(detail).toMatchObject({
      clickId: "0190a6f0-0000-7000-8000-000000000001",
      clickAt: clickAt.toISOString(),
      publisher: { id: String(publisher.id), name: publisher.name },
      subs: { sub1: "campaign-7", source: "tiktok" },
      history: [
        { action: "received", status: null, reason: null },
        { action: "lead.return", status: "REVERSED", reason: "wrong number" },
      ],
    });
  });

  test("another advertiser's lead is null", async ({ api, db, factories }) => {
    const owner = await factories.createAdvertiser();
    const offer = await factories.createOffer(owner);
    const lead = await factories.createConversion(offer, await factories.createPublisher());
    const stranger = await callerFor(db, "ADVERTISER", await factories.createAdvertiser());
    const answer = await api.call(LEAD, { id: lead.id }, stranger.key);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.lead).toBeNull();
  });
});
