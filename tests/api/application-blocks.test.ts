// Advertisers block publishers from their own offers (and lift their own blocks); an admin's block is
// the network's and only an admin lifts it; another advertiser's offer is not found.
import { callerFor, describe, expect, expectOk, outcome, test } from "./harness.ts";
import { mutation } from "./operations.ts";

const BLOCK = mutation(
  "blockPublisherFromOffer",
  "$o: ID!, $p: ID!, $r: String!",
  "offerId: $o, publisherId: $p, reason: $r",
  "{ id status blockedAt decisionReason }",
);
const UNBLOCK = mutation(
  "unblockPublisherFromOffer",
  "$o: ID!, $p: ID!",
  "offerId: $o, publisherId: $p",
  "{ id status blockedAt }",
);

describe("application blocks", () => {
  test("an advertiser blocks and unblocks on its own offer, with a reason", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser);
    const publisher = await factories.createPublisher();
    await db.offerApplication.create({
      data: { offerId: offer.id, publisherId: publisher.id, status: "APPROVED" },
    });
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const blocked = expectOk(
      await api.call(BLOCK, { o: offer.id, p: publisher.id, r: "incentivised traffic" }, adv.key),
      "blockPublisherFromOffer",
    );
    expect(blocked).toMatchObject({ status: "APPROVED", decisionReason: "incentivised traffic" });
    expect(blocked.blockedAt).not.toBeNull();
    const stored = await db.offerApplication.findFirstOrThrow({
      where: { offerId: offer.id, publisherId: publisher.id },
    });
    expect(stored.blockedAt).not.toBeNull();
    expect(
      await db.auditLog.count({ where: { action: "application.block", entityId: String(stored.id) } }),
    ).toBe(1);

    expectOk(await api.call(UNBLOCK, { o: offer.id, p: publisher.id }, adv.key), "unblockPublisherFromOffer");
    expect((await db.offerApplication.findUniqueOrThrow({ where: { id: stored.id } })).blockedAt).toBeNull();

    const stranger = await callerFor(db, "ADVERTISER", await factories.createAdvertiser());
    expect(
      outcome(
        await api.call(BLOCK, { o: offer.id, p: publisher.id, r: "x" }, stranger.key),
        "blockPublisherFromOffer",
      ),
    ).toMatchObject({ ok: false, code: "not_found" });
    expect((await db.offerApplication.findUniqueOrThrow({ where: { id: stored.id } })).blockedAt).toBeNull();
  });

  test("an admin's block stays until an admin lifts it", async ({ api, db, factories }) => {
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser);
    const publisher = await factories.createPublisher();
    const admin = await callerFor(db, "ADMIN");
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    expectOk(
      await api.call(BLOCK, { o: offer.id, p: publisher.id, r: "bot traffic" }, admin.key),
      "blockPublisherFromOffer",
    );
    expect(
      outcome(
        await api.call(UNBLOCK, { o: offer.id, p: publisher.id }, adv.key),
        "unblockPublisherFromOffer",
      ),
    ).toMatchObject({ ok: false, code: "forbidden" });
    const row = await db.offerApplication.findFirstOrThrow({
      where: { offerId: offer.id, publisherId: publisher.id },
    });
    expect(row.blockedAt).not.toBeNull();
    expectOk(
      await api.call(UNBLOCK, { o: offer.id, p: publisher.id }, admin.key),
      "unblockPublisherFromOffer",
    );
  });
});
