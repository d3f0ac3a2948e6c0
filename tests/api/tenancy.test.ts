// Tenancy: every query and mutation of the slice, called as the wrong tenant (another advertiser,
// another publisher, a publisher calling advertiser mutations, finance calling offer mutations, an
// anonymous caller). Each gets nothing, not_found, forbidden or unauthenticated, never someone else's
// data, and the database (fingerprinted) and the invalidation channel stay untouched.
import { generateApiKey } from "@leadrail/db";
import { dbDigest } from "./db-digest.ts";
import {
  type Caller,
  callerFor,
  type Data,
  describe,
  expect,
  type GraphQLAnswer,
  outcome,
  subscribe,
  test,
} from "./harness.ts";
import {
  CREATE_LINK,
  CREATE_OFFER,
  DECIDE,
  mutation,
  offerInput,
  SET_OFFER_STATUS,
  UPDATE_OFFER,
} from "./operations.ts";

type Who = "advB" | "pubA" | "pubB" | "finance" | "anonymous" | "advA" | "admin";
type Expect = "not_found" | "forbidden" | "unauthenticated" | ((answer: GraphQLAnswer) => void);

interface Row {
  name: string;
  as: Who[];
  query: string;
  variables?: Record<string, unknown>;
  /** For mutations: the field whose result union carries the error. */
  field?: string;
  expect: Expect;
}

const ID = "{ id }";

describe("tenancy", () => {
  test("wrong tenants get nothing, and nothing changes", async ({
    api,
    db,
    redis,
    redisPrefix,
    factories,
  }) => {
    // ── the world ──
    const advertiserA = await factories.createAdvertiser();
    const advertiserB = await factories.createAdvertiser();
    const publisherA = await factories.createPublisher();
    const publisherB = await factories.createPublisher();
    const offerA = await factories.createOffer(advertiserA, {
      visibility: "APPROVAL_REQUIRED",
      returnWindowDays: 30,
    });
    const privateA = await factories.createOffer(advertiserA, { visibility: "PRIVATE" });
    const approvedOffer = await factories.createOffer(advertiserA, { visibility: "PUBLIC" });
    const applicationA = await db.offerApplication.create({
      data: { offerId: offerA.id, publisherId: publisherA.id, status: "APPLIED" },
    });
    await db.offerApplication.create({
      data: { offerId: approvedOffer.id, publisherId: publisherA.id, status: "APPROVED" },
    });
    const customA = await db.customPayout.create({
      data: { offerId: approvedOffer.id, publisherId: publisherA.id, payout: 1800n },
    });
    const linkA = await factories.createLink(publisherA, approvedOffer);
    const pendingLead = await factories.createConversion(approvedOffer, publisherA, {
      status: "PENDING",
      leadEmail: "secret-lead@example.com",
    });
    const approvedLead = await factories.createConversion(approvedOffer, publisherA, {
      approvedAt: new Date(),
    });
    const policyRejectedLead = await factories.createConversion(approvedOffer, publisherA, {
      status: "REJECTED",
      statusReason: "duplicate_lead",
      payout: 0n,
      revenue: 0n,
    });
    await db.dailyStat.create({
      data: {
        day: new Date(new Date().toISOString().slice(0, 10)),
        offerId: approvedOffer.id,
        publisherId: publisherA.id,
        clicks: 10n,
        payout: 1500n,
      },
    });
    await db.inboundPostback.create({
      data: {
        advertiserId: advertiserA.id,
        offerId: approvedOffer.id,
        channel: "POSTBACK",
        method: "GET",
        params: {},
        clickId: "click-a",
        transactionId: "order-a",
        outcome: "recorded",
      },
    });
    const templateA = await db.publisherPostback.create({
      data: { publisherId: publisherA.id, urlTemplate: "https://pub-a.example/pb?c={click_id}" },
    });
    const callers: Record<Exclude<Who, "anonymous">, Caller> = {
      advA: await callerFor(db, "ADVERTISER", advertiserA),
      advB: await callerFor(db, "ADVERTISER", advertiserB),
      pubA: await callerFor(db, "PUBLISHER", publisherA),
      pubB: await callerFor(db, "PUBLISHER", publisherB),
      finance: await callerFor(db, "FINANCE"),
      admin: await callerFor(db, "ADMIN"),
    };
    const { prefix, keyHash } = generateApiKey();
    const keyA = await db.apiKey.create({
      data: { userId: callers.advA.user.id, name: "advertiser A script", prefix, keyHash },
    });

    // ── helpers for "nothing" ──
    const edgesOf = (field: string) => (answer: GraphQLAnswer) => {
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.[field].edges).toEqual([]);
    };
    const nullResult = (field: string) => (answer: GraphQLAnswer) => {
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.[field]).toBeNull();
    };
    const withoutIds = (field: string, ids: number[]) => (answer: GraphQLAnswer) => {
      expect(answer.errors).toBeUndefined();
      const edges = (answer.data?.[field]?.edges ?? []) as { node: Data }[];
      const seen = edges.map((edge) => Number(edge.node.id));
      for (const id of ids) expect(seen).not.toContain(id);
    };

    const rows: Row[] = [
      // ── queries ──
      {
        name: "offer",
        as: ["advB"],
        query: `query($id: ID!) { offer(id: $id) { id name } }`,
        variables: { id: offerA.id },
        expect: nullResult("offer"),
      },
      {
        name: "offer",
        as: ["pubA", "pubB"],
        query: `query($id: ID!) { offer(id: $id) { id } }`,
        variables: { id: offerA.id },
        expect: "forbidden",
      },
      {
        name: "offer.postbackInstructions",
        as: ["finance"],
        query: `query($id: ID!) { offer(id: $id) { id postbackInstructions { pixelUrl } } }`,
        variables: { id: offerA.id },
        expect: (answer) => {
          expect(answer.errors).toBeUndefined();
          expect(answer.data?.offer?.id).toBe(String(offerA.id));
          expect(answer.data?.offer?.postbackInstructions).toBeNull();
        },
      },
      {
        name: "offer",
        as: ["anonymous"],
        query: `query($id: ID!) { offer(id: $id) { id } }`,
        variables: { id: offerA.id },
        expect: "unauthenticated",
      },
      {
        name: "offers",
        as: ["advB"],
        query: `{ offers { edges { node { id } } } }`,
        expect: withoutIds("offers", [offerA.id, privateA.id, approvedOffer.id]),
      },
      {
        name: "offers",
        as: ["pubA", "anonymous"],
        query: `{ offers { edges { node { id } } } }`,
        expect: (a) => expect(a.errors?.[0]?.extensions?.code).toMatch(/forbidden|unauthenticated/),
      },
      {
        name: "leads",
        as: ["advB"],
        query: `{ leads { edges { node { id leadEmail } } } }`,
        expect: edgesOf("leads"),
      },
      {
        name: "leads",
        as: ["pubA", "finance"],
        query: `{ leads { edges { node { id } } } }`,
        expect: "forbidden",
      },
      {
        name: "leads",
        as: ["anonymous"],
        query: `{ leads { edges { node { id } } } }`,
        expect: "unauthenticated",
      },
      {
        name: "postbackLog",
        as: ["advB"],
        query: `{ postbackLog { edges { node { id } } } }`,
        expect: edgesOf("postbackLog"),
      },
      {
        name: "postbackLog",
        as: ["pubA", "finance"],
        query: `{ postbackLog { edges { node { id } } } }`,
        expect: "forbidden",
      },
      {
        name: "applications",
        as: ["advB", "pubB"],
        query: `{ applications { edges { node { id } } } }`,
        expect: edgesOf("applications"),
      },
      {
        name: "applications",
        as: ["finance"],
        query: `{ applications { edges { node { id } } } }`,
        expect: "forbidden",
      },
      {
        name: "marketplace",
        as: ["pubB"],
        query: `{ marketplace(first: 100) { edges { node { id } } } }`,
        expect: withoutIds("marketplace", [privateA.id]),
      },
      {
        name: "marketplace",
        as: ["advA", "finance", "admin"],
        query: `{ marketplace { edges { node { id } } } }`,
        expect: "forbidden",
      },
      {
        name: "marketplaceOffer",
        as: ["pubB"],
        query: `query($id: ID!) { marketplaceOffer(id: $id) { id } }`,
        variables: { id: privateA.id },
        expect: nullResult("marketplaceOffer"),
      },
      {
        name: "myLinks",
        as: ["pubB"],
        query: `{ myLinks { edges { node { id } } } }`,
        expect: edgesOf("myLinks"),
      },
      { name: "myLinks", as: ["advA"], query: `{ myLinks { edges { node { id } } } }`, expect: "forbidden" },
      {
        name: "conversions",
        as: ["pubB"],
        query: `{ conversions { edges { node { id } } } }`,
        expect: edgesOf("conversions"),
      },
      {
        name: "conversions",
        as: ["advA", "anonymous"],
        query: `{ conversions { edges { node { id } } } }`,
        expect: (a) => expect(a.errors?.[0]?.extensions?.code).toMatch(/forbidden|unauthenticated/),
      },
      {
        name: "stats",
        as: ["pubB", "advB"],
        query: `query($d: String!) { stats(from: $d, to: $d) { clicks } }`,
        variables: { d: new Date().toISOString().slice(0, 10) },
        expect: (a) => expect(a.data?.stats).toEqual([]),
      },
      {
        name: "postbackTemplates",
        as: ["pubB"],
        query: `{ postbackTemplates { edges { node { id } } } }`,
        expect: edgesOf("postbackTemplates"),
      },
      {
        name: "apiKeys",
        as: ["pubB"],
        query: `{ apiKeys { edges { node { id } } } }`,
        expect: withoutIds("apiKeys", [keyA.id]),
      },
      {
        name: "advertisers",
        as: ["advA", "pubA"],
        query: `{ advertisers { edges { node { id } } } }`,
        expect: "forbidden",
      },
      {
        name: "publishers",
        as: ["advA", "pubA"],
        query: `{ publishers { edges { node { id } } } }`,
        expect: "forbidden",
      },
      {
        name: "users",
        as: ["advA", "pubA", "finance"],
        query: `{ users { edges { node { id email } } } }`,
        expect: "forbidden",
      },

      // ── advertiser mutations ──
      {
        name: "createOffer",
        as: ["pubA", "finance"],
        query: CREATE_OFFER,
        variables: { input: offerInput() },
        field: "createOffer",
        expect: "forbidden",
      },
      {
        name: "createOffer",
        as: ["anonymous"],
        query: CREATE_OFFER,
        variables: { input: offerInput() },
        field: "createOffer",
        expect: "unauthenticated",
      },
      {
        name: "createOffer for another advertiser",
        as: ["advB"],
        query: CREATE_OFFER,
        variables: { input: offerInput({ advertiserId: advertiserA.id }) },
        field: "createOffer",
        expect: "not_found",
      },
      {
        name: "updateOffer",
        as: ["advB"],
        query: UPDATE_OFFER,
        variables: { id: offerA.id, input: { name: "mine now" } },
        field: "updateOffer",
        expect: "not_found",
      },
      {
        name: "updateOffer",
        as: ["pubA", "finance"],
        query: UPDATE_OFFER,
        variables: { id: offerA.id, input: { name: "mine now" } },
        field: "updateOffer",
        expect: "forbidden",
      },
      {
        name: "setOfferStatus",
        as: ["advB"],
        query: SET_OFFER_STATUS,
        variables: { id: offerA.id, status: "PAUSED" },
        field: "setOfferStatus",
        expect: "not_found",
      },
      {
        name: "setOfferStatus",
        as: ["pubA", "finance"],
        query: SET_OFFER_STATUS,
        variables: { id: offerA.id, status: "PAUSED" },
        field: "setOfferStatus",
        expect: "forbidden",
      },
      {
        name: "setOfferStatus",
        as: ["anonymous"],
        query: SET_OFFER_STATUS,
        variables: { id: offerA.id, status: "PAUSED" },
        field: "setOfferStatus",
        expect: "unauthenticated",
      },
      {
        name: "rotatePostbackSecret",
        as: ["pubA", "finance"],
        query: mutation("rotatePostbackSecret", "", "", "{ secret }"),
        field: "rotatePostbackSecret",
        expect: "forbidden",
      },
      {
        name: "rotatePostbackSecret of another",
        as: ["advB"],
        query: mutation("rotatePostbackSecret", "$a: ID", "advertiserId: $a", "{ secret }"),
        variables: { a: advertiserA.id },
        field: "rotatePostbackSecret",
        expect: "not_found",
      },
      {
        name: "decideApplication",
        as: ["advB"],
        query: DECIDE,
        variables: { id: applicationA.id, decision: "APPROVED" },
        field: "decideApplication",
        expect: "not_found",
      },
      {
        name: "decideApplication",
        as: ["pubA", "finance"],
        query: DECIDE,
        variables: { id: applicationA.id, decision: "APPROVED" },
        field: "decideApplication",
        expect: "forbidden",
      },
      {
        name: "invitePublisher",
        as: ["advB"],
        query: mutation("invitePublisher", "$o: ID!, $p: ID!", "offerId: $o, publisherId: $p", ID),
        variables: { o: privateA.id, p: publisherB.id },
        field: "invitePublisher",
        expect: "not_found",
      },
      {
        name: "invitePublisher",
        as: ["pubB"],
        query: mutation("invitePublisher", "$o: ID!, $p: ID!", "offerId: $o, publisherId: $p", ID),
        variables: { o: privateA.id, p: publisherB.id },
        field: "invitePublisher",
        expect: "forbidden",
      },
      {
        name: "setCustomPayout",
        as: ["advB"],
        query: mutation("setCustomPayout", "$i: SetCustomPayoutInput!", "input: $i", ID),
        variables: { i: { offerId: approvedOffer.id, publisherId: publisherA.id, payout: "1" } },
        field: "setCustomPayout",
        expect: "not_found",
      },
      {
        name: "setCustomPayout",
        as: ["pubA", "finance"],
        query: mutation("setCustomPayout", "$i: SetCustomPayoutInput!", "input: $i", ID),
        variables: { i: { offerId: approvedOffer.id, publisherId: publisherA.id, payout: "1999" } },
        field: "setCustomPayout",
        expect: "forbidden",
      },
      {
        name: "setCustomPayout for a stranger",
        as: ["advA"],
        query: mutation("setCustomPayout", "$i: SetCustomPayoutInput!", "input: $i", ID),
        variables: { i: { offerId: approvedOffer.id, publisherId: publisherB.id, payout: "1" } },
        field: "setCustomPayout",
        expect: "not_found",
      },
      {
        name: "removeCustomPayout",
        as: ["advB"],
        query: mutation("removeCustomPayout", "$id: ID!", "id: $id", ""),
        variables: { id: customA.id },
        field: "removeCustomPayout",
        expect: "not_found",
      },
      {
        name: "removeCustomPayout",
        as: ["pubA", "finance"],
        query: mutation("removeCustomPayout", "$id: ID!", "id: $id", ""),
        variables: { id: customA.id },
        field: "removeCustomPayout",
        expect: "forbidden",
      },
      {
        name: "confirmLeads",
        as: ["advB"],
        query: mutation("confirmLeads", "$ids: [ID!]!", "ids: $ids", ID),
        variables: { ids: [pendingLead.id] },
        field: "confirmLeads",
        expect: "not_found",
      },
      {
        name: "confirmLeads",
        as: ["pubA", "finance"],
        query: mutation("confirmLeads", "$ids: [ID!]!", "ids: $ids", ID),
        variables: { ids: [pendingLead.id] },
        field: "confirmLeads",
        expect: "forbidden",
      },
      {
        name: "rejectLeads",
        as: ["advB"],
        query: mutation("rejectLeads", "$ids: [ID!]!", 'ids: $ids, reason: "x"', ID),
        variables: { ids: [pendingLead.id] },
        field: "rejectLeads",
        expect: "not_found",
      },
      {
        name: "rejectLeads",
        as: ["pubA", "anonymous"],
        query: mutation("rejectLeads", "$ids: [ID!]!", 'ids: $ids, reason: "x"', ID),
        variables: { ids: [pendingLead.id] },
        field: "rejectLeads",
        expect: (a) =>
          expect(outcome(a, "rejectLeads")).toMatchObject({
            ok: false,
            code: expect.stringMatching(/forbidden|unauthenticated/),
          }),
      },
      {
        name: "returnLead",
        as: ["advB"],
        query: mutation("returnLead", "$id: ID!", 'id: $id, reason: "x"', ID),
        variables: { id: approvedLead.id },
        field: "returnLead",
        expect: "not_found",
      },
      {
        name: "returnLead",
        as: ["pubA", "finance"],
        query: mutation("returnLead", "$id: ID!", 'id: $id, reason: "x"', ID),
        variables: { id: approvedLead.id },
        field: "returnLead",
        expect: "forbidden",
      },
      {
        name: "overturnLeadRejection",
        as: ["advB"],
        query: mutation("overturnLeadRejection", "$id: ID!", "id: $id", ID),
        variables: { id: policyRejectedLead.id },
        field: "overturnLeadRejection",
        expect: "not_found",
      },
      {
        name: "overturnLeadRejection",
        as: ["pubA", "finance"],
        query: mutation("overturnLeadRejection", "$id: ID!", "id: $id", ID),
        variables: { id: policyRejectedLead.id },
        field: "overturnLeadRejection",
        expect: "forbidden",
      },

      // ── publisher mutations ──
      {
        name: "applyToOffer (private)",
        as: ["pubB"],
        query: mutation("applyToOffer", "$o: ID!", "offerId: $o", ID),
        variables: { o: privateA.id },
        field: "applyToOffer",
        expect: "not_found",
      },
      {
        name: "applyToOffer",
        as: ["advA", "finance", "admin"],
        query: mutation("applyToOffer", "$o: ID!", "offerId: $o", ID),
        variables: { o: offerA.id },
        field: "applyToOffer",
        expect: "forbidden",
      },
      {
        name: "createTrackingLink (private)",
        as: ["pubB"],
        query: CREATE_LINK,
        variables: { offerId: privateA.id },
        field: "createTrackingLink",
        expect: "not_found",
      },
      {
        name: "createTrackingLink",
        as: ["advA", "anonymous"],
        query: CREATE_LINK,
        variables: { offerId: approvedOffer.id },
        field: "createTrackingLink",
        expect: (a) =>
          expect(outcome(a, "createTrackingLink")).toMatchObject({
            ok: false,
            code: expect.stringMatching(/forbidden|unauthenticated/),
          }),
      },
      {
        name: "setTrackingLinkDisabled (another's)",
        as: ["pubB"],
        query: mutation("setTrackingLinkDisabled", "$id: ID!", "id: $id, disabled: true", ID),
        variables: { id: linkA.id },
        field: "setTrackingLinkDisabled",
        expect: "not_found",
      },
      {
        name: "setTrackingLinkDisabled",
        as: ["advA", "finance", "admin"],
        query: mutation("setTrackingLinkDisabled", "$id: ID!", "id: $id, disabled: true", ID),
        variables: { id: linkA.id },
        field: "setTrackingLinkDisabled",
        expect: "forbidden",
      },
      {
        name: "setPostbackTemplate (another's)",
        as: ["pubB"],
        query: mutation("setPostbackTemplate", "$i: PostbackTemplateInput!", "input: $i", ID),
        variables: {
          i: { id: templateA.id, method: "GET", urlTemplate: "https://evil.example/?c={click_id}" },
        },
        field: "setPostbackTemplate",
        expect: "not_found",
      },
      {
        name: "setPostbackTemplate (offer not applied to)",
        as: ["pubB"],
        query: mutation("setPostbackTemplate", "$i: PostbackTemplateInput!", "input: $i", ID),
        variables: {
          i: { offerId: approvedOffer.id, method: "GET", urlTemplate: "https://b.example/?c={click_id}" },
        },
        field: "setPostbackTemplate",
        expect: "not_found",
      },
      {
        name: "testPostbackTemplate (another's)",
        as: ["pubB"],
        query: mutation("testPostbackTemplate", "$id: ID!", "id: $id", ""),
        variables: { id: templateA.id },
        field: "testPostbackTemplate",
        expect: "not_found",
      },
      {
        name: "testPostbackTemplate",
        as: ["advA", "finance"],
        query: mutation("testPostbackTemplate", "$id: ID!", "id: $id", ""),
        variables: { id: templateA.id },
        field: "testPostbackTemplate",
        expect: "forbidden",
      },
      {
        name: "removePostbackTemplate",
        as: ["pubB"],
        query: mutation("removePostbackTemplate", "$id: ID!", "id: $id", ""),
        variables: { id: templateA.id },
        field: "removePostbackTemplate",
        expect: "not_found",
      },
      {
        name: "removePostbackTemplate",
        as: ["advA"],
        query: mutation("removePostbackTemplate", "$id: ID!", "id: $id", ""),
        variables: { id: templateA.id },
        field: "removePostbackTemplate",
        expect: "forbidden",
      },

      // ── admin mutations ──
      {
        name: "blockPublisherFromOffer",
        as: ["pubA", "finance"],
        query: mutation(
          "blockPublisherFromOffer",
          "$o: ID!, $p: ID!",
          'offerId: $o, publisherId: $p, reason: "x"',
          ID,
        ),
        variables: { o: approvedOffer.id, p: publisherA.id },
        field: "blockPublisherFromOffer",
        expect: "forbidden",
      },
      // Advertisers block on their own offers only: another's is not found.
      {
        name: "blockPublisherFromOffer (another advertiser's offer)",
        as: ["advB"],
        query: mutation(
          "blockPublisherFromOffer",
          "$o: ID!, $p: ID!",
          'offerId: $o, publisherId: $p, reason: "x"',
          ID,
        ),
        variables: { o: approvedOffer.id, p: publisherA.id },
        field: "blockPublisherFromOffer",
        expect: "not_found",
      },
      {
        name: "createAdvertiser",
        as: ["advA", "pubA", "finance"],
        query: mutation("createAdvertiser", "", 'name: "Rogue"', "{ postbackSecret }"),
        field: "createAdvertiser",
        expect: "forbidden",
      },
      {
        name: "createPublisher",
        as: ["advA", "pubA", "finance"],
        query: mutation("createPublisher", "", 'name: "Rogue"', ID),
        field: "createPublisher",
        expect: "forbidden",
      },
      {
        name: "createUser",
        as: ["advA", "pubA", "finance"],
        query: mutation("createUser", "", 'role: ADMIN, email: "rogue@example.com", name: "Rogue"', ID),
        field: "createUser",
        expect: "forbidden",
      },
      {
        name: "createUser",
        as: ["anonymous"],
        query: mutation("createUser", "", 'role: ADMIN, email: "rogue@example.com", name: "Rogue"', ID),
        field: "createUser",
        expect: "unauthenticated",
      },
      {
        name: "createApiKey for another user",
        as: ["pubB", "advB", "finance"],
        query: mutation("createApiKey", "$u: ID!", 'userId: $u, name: "steal"', "{ key }"),
        variables: { u: callers.advA.user.id },
        field: "createApiKey",
        expect: "not_found",
      },
      {
        name: "revokeApiKey of another user",
        as: ["pubB", "finance"],
        query: mutation("revokeApiKey", "$id: ID!", "id: $id", ID),
        variables: { id: keyA.id },
        field: "revokeApiKey",
        expect: "not_found",
      },
    ];

    const channel = `${redisPrefix}config:invalidate`;
    const invalidations = await subscribe(redis, channel);
    const before = await dbDigest(db);
    let checked = 0;
    for (const row of rows) {
      for (const who of row.as) {
        const key = who === "anonymous" ? null : callers[who].key;
        const answer = await api.call(row.query, row.variables ?? {}, key);
        const label = `${row.name} as ${who}`;
        try {
          if (typeof row.expect === "function") {
            row.expect(answer);
          } else if (row.field) {
            expect(outcome(answer, row.field)).toMatchObject({ ok: false, code: row.expect });
          } else {
            expect(answer.errors?.[0]?.extensions?.code).toBe(row.expect);
            expect(answer.data?.[row.name] ?? null).toBeNull();
          }
          // Never anyone else's personal data, whatever the answer.
          expect(JSON.stringify(answer)).not.toContain("secret-lead@example.com");
          expect(await dbDigest(db)).toEqual(before);
        } catch (error) {
          throw new Error(`${label}: ${(error as Error).message}\n${JSON.stringify(answer)}`);
        }
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(90);
    // Not one invalidation: nothing changed.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(invalidations.messages).toEqual([]);
    invalidations.close();

    // Sanity: the rightful owners do see what the others could not.
    const own = await api.call(`{ leads { edges { node { leadEmail } } } }`, {}, callers.advA.key);
    expect(JSON.stringify(own.data)).toContain("secret-lead@example.com");
    const ownLinks = await api.call(`{ myLinks { edges { node { id } } } }`, {}, callers.pubA.key);
    expect(ownLinks.data?.myLinks.edges).toEqual([{ node: { id: String(linkA.id) } }]);
  });
});
