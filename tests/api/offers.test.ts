// Offer management: updates, the status life cycle, the postback secret, custom payouts, private
// offers by invitation, PUBLIC auto-approval and admin blocks; each change audited and announced to the
// trackers on Redis.
import {
  callerFor,
  describe,
  eventually,
  expect,
  expectOk,
  outcome,
  subscribe,
  TRACKER_URL,
  test,
} from "./harness.ts";
import {
  APPLY,
  CREATE_LINK,
  CREATE_OFFER,
  MARKETPLACE,
  mutation,
  offerInput,
  SET_OFFER_STATUS,
  UPDATE_OFFER,
} from "./operations.ts";

const SET_CUSTOM = mutation(
  "setCustomPayout",
  "$i: SetCustomPayoutInput!",
  "input: $i",
  "{ id country payout { amount } publisher { id } }",
);
const REMOVE_CUSTOM = mutation("removeCustomPayout", "$id: ID!", "id: $id", "");
const INVITE = mutation(
  "invitePublisher",
  "$o: ID!, $p: ID!",
  "offerId: $o, publisherId: $p",
  "{ id status }",
);
const BLOCK = mutation(
  "blockPublisherFromOffer",
  "$o: ID!, $p: ID!",
  'offerId: $o, publisherId: $p, reason: "fraud"',
  "{ id blockedAt }",
);
const UNBLOCK = mutation(
  "unblockPublisherFromOffer",
  "$o: ID!, $p: ID!",
  "offerId: $o, publisherId: $p",
  "{ id blockedAt }",
);
const ROTATE = mutation("rotatePostbackSecret", "$a: ID", "advertiserId: $a", "{ advertiserId secret }");

describe("offer changes", () => {
  test("updateOffer changes terms, replaces caps, audits before and after, and invalidates", async ({
    api,
    db,
    redis,
    redisPrefix,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const offer = expectOk(await api.call(CREATE_OFFER, { input: offerInput() }, adv.key), "createOffer");
    const invalidations = await subscribe(redis, `${redisPrefix}config:invalidate`);

    const updated = expectOk(
      await api.call(
        UPDATE_OFFER,
        {
          id: offer.id,
          input: {
            payout: "1700",
            countries: ["DE"],
            fallbackUrl: null,
            caps: [{ scope: "OFFER", period: "TOTAL", metric: "CONVERSIONS", limit: "1000" }],
          },
        },
        adv.key,
      ),
      "updateOffer",
    );
    expect(updated).toMatchObject({
      payout: { amount: "1700" },
      revenue: { amount: "2000" },
      countries: ["DE"],
      fallbackUrl: null,
      devices: ["MOBILE", "DESKTOP"],
      caps: [{ scope: "OFFER", period: "TOTAL", limit: "1000" }],
    });
    const [entry] = await db.auditLog.findMany({
      where: { entityType: "Offer", entityId: offer.id, action: "offer.update" },
    });
    expect(entry).toMatchObject({
      actorUserId: adv.user.id,
      before: {
        defaultPayout: "1500",
        countries: ["US", "CA"],
        caps: [{ period: "DAILY" }, { period: "MONTHLY" }],
      },
      after: {
        defaultPayout: "1700",
        countries: ["DE"],
        fallbackUrl: null,
        caps: [{ period: "TOTAL", limit: "1000" }],
      },
    });
    await eventually(() =>
      expect(invalidations.messages).toEqual([JSON.stringify({ type: "offer", id: Number(offer.id) })]),
    );
    invalidations.close();
  });

  test("the status life cycle: DRAFT → ACTIVE ⇄ PAUSED → ARCHIVED, and nothing after", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const offer = expectOk(await api.call(CREATE_OFFER, { input: offerInput() }, adv.key), "createOffer");
    const move = async (status: string) =>
      outcome(await api.call(SET_OFFER_STATUS, { id: offer.id, status }, adv.key), "setOfferStatus");

    expect(await move("PAUSED")).toMatchObject({ ok: false, code: "conflict" });
    expect(await move("ACTIVE")).toMatchObject({ ok: true, data: { status: "ACTIVE" } });
    expect(await move("ACTIVE")).toMatchObject({ ok: false, code: "conflict" });
    expect(await move("PAUSED")).toMatchObject({ ok: true, data: { status: "PAUSED" } });
    expect(await move("ACTIVE")).toMatchObject({ ok: true });
    expect(await move("ARCHIVED")).toMatchObject({ ok: true, data: { status: "ARCHIVED" } });
    expect(await move("ACTIVE")).toMatchObject({ ok: false, code: "conflict" });
    const edit = outcome(
      await api.call(UPDATE_OFFER, { id: offer.id, input: { name: "revived" } }, adv.key),
      "updateOffer",
    );
    expect(edit).toMatchObject({ ok: false, code: "conflict" });
    const trail = await db.auditLog.findMany({
      where: { entityType: "Offer", entityId: offer.id, action: "offer.status" },
      orderBy: { id: "asc" },
    });
    expect(trail.map((row) => (row.after as { status: string }).status)).toEqual([
      "ACTIVE",
      "PAUSED",
      "ACTIVE",
      "ARCHIVED",
    ]);
  });

  test("an offer with conversions keeps its currency", async ({ api, db, factories }) => {
    const advertiser = await factories.createAdvertiser();
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const offer = await factories.createOffer(advertiser);
    await factories.createConversion(offer, await factories.createPublisher());
    const result = outcome(
      await api.call(UPDATE_OFFER, { id: offer.id, input: { currency: "EUR" } }, adv.key),
      "updateOffer",
    );
    expect(result).toMatchObject({ ok: false, code: "conflict" });
    expect((await db.offer.findUniqueOrThrow({ where: { id: offer.id } })).currency).toBe("USD");
  });

  test("an offer's postback instructions point at the public tracker and name the offer", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const offer = await factories.createOffer(advertiser);
    const answer = await api.call(
      "query ($id: ID!) { offer(id: $id) { postbackInstructions { postbackUrl pixelUrl } } }",
      { id: offer.id },
      adv.key,
    );
    const url = new URL(answer.data?.offer.postbackInstructions.postbackUrl);
    expect(url.origin + url.pathname).toBe(`${TRACKER_URL}/postback`);
    expect(url.searchParams.get("offer_id")).toBe(String(offer.id));
    expect(url.searchParams.get("click_id")).toBe("{click_id}");
    expect(url.searchParams.get("token")).toBe("{postback_secret}");
    const pixel = new URL(answer.data?.offer.postbackInstructions.pixelUrl);
    expect(pixel.origin + pixel.pathname).toBe(`${TRACKER_URL}/pixel`);
    expect(pixel.searchParams.get("token")).toMatch(/^[0-9a-f]{64}$/);
  });

  test("admins create offers for an advertiser they name", async ({ api, db, factories }) => {
    const advertiser = await factories.createAdvertiser();
    const admin = await callerFor(db, "ADMIN");
    const missing = outcome(await api.call(CREATE_OFFER, { input: offerInput() }, admin.key), "createOffer");
    expect(missing).toMatchObject({ ok: false, code: "invalid_input" });
    const created = expectOk(
      await api.call(CREATE_OFFER, { input: offerInput({ advertiserId: advertiser.id }) }, admin.key),
      "createOffer",
    );
    expect(created.advertiser).toEqual({ id: String(advertiser.id), name: advertiser.name });
  });

  test("rotatePostbackSecret returns the new secret once, stores it, and keeps it out of the audit log", async ({
    api,
    db,
    redis,
    redisPrefix,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const offers = [await factories.createOffer(advertiser), await factories.createOffer(advertiser)];
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const invalidations = await subscribe(redis, `${redisPrefix}config:invalidate`);
    const rotated = expectOk(await api.call(ROTATE, {}, adv.key), "rotatePostbackSecret");
    expect(rotated.advertiserId).toBe(String(advertiser.id));
    expect(rotated.secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((await db.advertiser.findUniqueOrThrow({ where: { id: advertiser.id } })).postbackSecret).toBe(
      rotated.secret,
    );
    const [entry] = await db.auditLog.findMany({
      where: { entityType: "Advertiser", entityId: String(advertiser.id) },
    });
    expect(entry?.action).toBe("advertiser.rotate_postback_secret");
    expect(JSON.stringify([entry?.before, entry?.after])).not.toContain(rotated.secret);
    // No query hands the secret out again.
    const schemaHasIt = await api.call(
      `{ offers { edges { node { advertiser { postbackSecret } } } } }`,
      {},
      adv.key,
    );
    expect(schemaHasIt.errors?.[0]?.message).toMatch(/Cannot query field "postbackSecret"/);
    await eventually(() =>
      expect(invalidations.messages.sort()).toEqual(
        offers.map((o) => JSON.stringify({ type: "offer", id: o.id })).sort(),
      ),
    );
    invalidations.close();
  });
});

describe("custom payouts", () => {
  test("a publisher sees its custom payout in the marketplace, per country too, until it is removed", async ({
    api,
    db,
    redis,
    redisPrefix,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const bystander = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser, {
      visibility: "PUBLIC",
      name: `Custom ${Date.now()}`,
    });
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const pub = await callerFor(db, "PUBLISHER", publisher);
    const other = await callerFor(db, "PUBLISHER", bystander);
    expectOk(await api.call(APPLY, { offerId: offer.id }, pub.key), "applyToOffer");
    const invalidations = await subscribe(redis, `${redisPrefix}config:invalidate`);

    const everywhere = expectOk(
      await api.call(
        SET_CUSTOM,
        { i: { offerId: offer.id, publisherId: publisher.id, payout: "1800" } },
        adv.key,
      ),
      "setCustomPayout",
    );
    expect(everywhere).toMatchObject({
      country: null,
      payout: { amount: "1800" },
      publisher: { id: String(publisher.id) },
    });
    // Setting it again replaces it (one row per offer, publisher and country).
    expectOk(
      await api.call(
        SET_CUSTOM,
        { i: { offerId: offer.id, publisherId: publisher.id, payout: "1900" } },
        adv.key,
      ),
      "setCustomPayout",
    );
    const german = expectOk(
      await api.call(
        SET_CUSTOM,
        { i: { offerId: offer.id, publisherId: publisher.id, payout: "1200", country: "DE" } },
        adv.key,
      ),
      "setCustomPayout",
    );
    expect(await db.customPayout.count({ where: { offerId: offer.id } })).toBe(2);

    const view = `query($s: String) { marketplace(filter: { search: $s }) { edges { node {
      payout { amount } countryPayouts { country payout { amount } } } } } }`;
    const mine = await api.call(view, { s: offer.name }, pub.key);
    expect(mine.data?.marketplace.edges[0].node).toEqual({
      payout: { amount: "1900" },
      countryPayouts: [{ country: "DE", payout: { amount: "1200" } }],
    });
    const theirs = await api.call(view, { s: offer.name }, other.key);
    expect(theirs.data?.marketplace.edges[0].node).toEqual({
      payout: { amount: "1500" },
      countryPayouts: [],
    });

    expect(expectOk(await api.call(REMOVE_CUSTOM, { id: german.id }, adv.key), "removeCustomPayout")).toBe(
      german.id,
    );
    const after = await api.call(view, { s: offer.name }, pub.key);
    expect(after.data?.marketplace.edges[0].node.countryPayouts).toEqual([]);
    const trail = await db.auditLog.findMany({
      where: { entityType: "CustomPayout" },
      orderBy: { id: "asc" },
    });
    expect(trail.map((row) => row.action)).toEqual([
      "custom_payout.set",
      "custom_payout.set",
      "custom_payout.set",
      "custom_payout.remove",
    ]);
    expect(trail[1]).toMatchObject({ before: { payout: "1800" }, after: { payout: "1900" } });
    await eventually(() => expect(invalidations.messages).toHaveLength(4));
    invalidations.close();
  });
});

describe("visibility", () => {
  test("PUBLIC offers approve at once, and a link on one approves the publisher on the way", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser, { visibility: "PUBLIC" });
    const first = await callerFor(db, "PUBLISHER", await factories.createPublisher());
    const second = await callerFor(db, "PUBLISHER", await factories.createPublisher());
    expect(expectOk(await api.call(APPLY, { offerId: offer.id }, first.key), "applyToOffer").status).toBe(
      "APPROVED",
    );
    const link = expectOk(
      await api.call(CREATE_LINK, { offerId: offer.id }, second.key),
      "createTrackingLink",
    );
    expect(link.offer.id).toBe(String(offer.id));
    const application = await db.offerApplication.findFirstOrThrow({
      where: { offerId: offer.id, publisherId: second.user.publisherId ?? 0 },
    });
    expect(application.status).toBe("APPROVED");
  });

  test("PRIVATE offers are invisible until the advertiser invites a publisher", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser, {
      visibility: "PRIVATE",
      name: `Private ${Date.now()}`,
    });
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const pub = await callerFor(db, "PUBLISHER", publisher);
    const listed = async () =>
      (await api.call(MARKETPLACE, { filter: { search: offer.name } }, pub.key)).data?.marketplace.edges;

    expect(await listed()).toEqual([]);
    expect(outcome(await api.call(APPLY, { offerId: offer.id }, pub.key), "applyToOffer")).toMatchObject({
      code: "not_found",
    });
    expect(
      outcome(await api.call(CREATE_LINK, { offerId: offer.id }, pub.key), "createTrackingLink"),
    ).toMatchObject({
      code: "not_found",
    });
    expect(
      expectOk(await api.call(INVITE, { o: offer.id, p: publisher.id }, adv.key), "invitePublisher").status,
    ).toBe("APPROVED");
    expect((await listed())?.map((e: { node: { id: string } }) => e.node.id)).toEqual([String(offer.id)]);
    expectOk(await api.call(CREATE_LINK, { offerId: offer.id }, pub.key), "createTrackingLink");
  });

  test("an admin block hides the offer from the publisher and stops new links until lifted", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser, {
      visibility: "APPROVAL_REQUIRED",
      name: `Blocked ${Date.now()}`,
    });
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const pub = await callerFor(db, "PUBLISHER", publisher);
    const admin = await callerFor(db, "ADMIN");
    const application = expectOk(await api.call(APPLY, { offerId: offer.id }, pub.key), "applyToOffer");

    const blocked = expectOk(
      await api.call(BLOCK, { o: offer.id, p: publisher.id }, admin.key),
      "blockPublisherFromOffer",
    );
    expect(blocked.blockedAt).not.toBeNull();
    expect(
      outcome(await api.call(BLOCK, { o: offer.id, p: publisher.id }, admin.key), "blockPublisherFromOffer"),
    ).toMatchObject({
      code: "conflict",
    });
    expect(
      (await api.call(MARKETPLACE, { filter: { search: offer.name } }, pub.key)).data?.marketplace.edges,
    ).toEqual([]);
    const decide = mutation("decideApplication", "$id: ID!", "id: $id, decision: APPROVED", "{ id }");
    expect(
      outcome(await api.call(decide, { id: application.id }, adv.key), "decideApplication"),
    ).toMatchObject({ code: "conflict" });
    expect(
      outcome(await api.call(CREATE_LINK, { offerId: offer.id }, pub.key), "createTrackingLink"),
    ).toMatchObject({
      code: "not_found",
    });

    expectOk(
      await api.call(UNBLOCK, { o: offer.id, p: publisher.id }, admin.key),
      "unblockPublisherFromOffer",
    );
    expectOk(await api.call(decide, { id: application.id }, adv.key), "decideApplication");
    expectOk(await api.call(CREATE_LINK, { offerId: offer.id }, pub.key), "createTrackingLink");
    const actions = await db.auditLog.findMany({
      where: { entityType: "OfferApplication", entityId: application.id },
      orderBy: { id: "asc" },
    });
    expect(actions.map((row) => row.action)).toEqual([
      "application.apply",
      "application.block",
      "application.unblock",
      "application.approve",
    ]);
  });
});
