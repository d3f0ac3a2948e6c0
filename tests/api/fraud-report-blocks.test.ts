// The fraud report shows admins whether a row's publisher is blocked from the offer (and why), so the
// dashboard stops offering the Block button again; other roles may not read the block state.
import { createClick } from "../src/factories.ts";
import { callerFor, describe, expect, expectOk, test } from "./harness.ts";
import { mutation } from "./operations.ts";

const HOUR = 3_600_000;
const FRAUD = `query($from: DateTime!, $to: DateTime!, $offerId: ID) {
  fraudReport(from: $from, to: $to, offerId: $offerId) { offerId publisherId clicks blockedAt blockReason }
}`;
const BLOCK = mutation(
  "blockPublisherFromOffer",
  "$offerId: ID!, $publisherId: ID!, $reason: String!",
  "offerId: $offerId, publisherId: $publisherId, reason: $reason",
  "{ id blockedAt }",
);
const UNBLOCK = mutation(
  "unblockPublisherFromOffer",
  "$offerId: ID!, $publisherId: ID!",
  "offerId: $offerId, publisherId: $publisherId",
  "{ id blockedAt }",
);

describe("fraud report: block state", () => {
  test("a blocked publisher's row carries blockedAt and the reason, for admins only", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser);
    const [bad, good] = [await factories.createPublisher(), await factories.createPublisher()];
    const now = Date.now();
    for (const publisher of [bad, good]) {
      const link = await factories.createLink(publisher, offer);
      await createClick(db, link, { createdAt: new Date(now - HOUR), isBot: true });
    }
    const admin = await callerFor(db, "ADMIN");
    const range = {
      from: new Date(now - 24 * HOUR).toISOString(),
      to: new Date(now + HOUR).toISOString(),
      offerId: String(offer.id),
    };
    const row = (publisherId: number) => ({ offerId: String(offer.id), publisherId: String(publisherId) });

    const before = await api.call(FRAUD, range, admin.key);
    expect(before.errors).toBeUndefined();
    expect(before.data?.fraudReport).toEqual([
      { ...row(bad.id), clicks: "1", blockedAt: null, blockReason: null },
      { ...row(good.id), clicks: "1", blockedAt: null, blockReason: null },
    ]);

    const blocked = expectOk(
      await api.call(BLOCK, { offerId: offer.id, publisherId: bad.id, reason: "bot traffic" }, admin.key),
      "blockPublisherFromOffer",
    );
    const after = await api.call(FRAUD, range, admin.key);
    expect(after.errors).toBeUndefined();
    expect(after.data?.fraudReport).toEqual([
      { ...row(bad.id), clicks: "1", blockedAt: blocked.blockedAt, blockReason: "bot traffic" },
      { ...row(good.id), clicks: "1", blockedAt: null, blockReason: null },
    ]);

    // The advertiser and the publisher still get their rows, but not the admin's block state.
    const advertiserUser = await callerFor(db, "ADVERTISER", advertiser);
    const publisherUser = await callerFor(db, "PUBLISHER", bad);
    for (const caller of [advertiserUser, publisherUser]) {
      const answer = await api.call(FRAUD, range, caller.key);
      const rows = answer.data?.fraudReport as { blockedAt: unknown; blockReason: unknown }[];
      expect(rows.length).toBeGreaterThan(0);
      // One error per refused field per row.
      expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(
        rows.flatMap(() => ["forbidden", "forbidden"]),
      );
      for (const r of rows) expect(r).toMatchObject({ blockedAt: null, blockReason: null });
      const withoutBlock = await api.call(FRAUD.replace(" blockedAt blockReason", ""), range, caller.key);
      expect(withoutBlock.errors).toBeUndefined();
    }

    // Lifting the block clears both (the old reason stays on the application, not on the row).
    expectOk(
      await api.call(UNBLOCK, { offerId: offer.id, publisherId: bad.id }, admin.key),
      "unblockPublisherFromOffer",
    );
    const lifted = await api.call(FRAUD, range, admin.key);
    expect(lifted.data?.fraudReport).toEqual([
      { ...row(bad.id), clicks: "1", blockedAt: null, blockReason: null },
      { ...row(good.id), clicks: "1", blockedAt: null, blockReason: null },
    ]);
    expect(
      (
        await db.offerApplication.findUniqueOrThrow({
          where: { offerId_publisherId: { offerId: offer.id, publisherId: bad.id } },
        })
      ).decisionReason,
    ).toBe("bot traffic");
  });
});
