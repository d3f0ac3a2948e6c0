// The integration screen's API: the postback secret revealed on demand (audited, secret never logged)
// and how each logged postback was read, by the tracker's own parameter aliases.
import { callerFor, describe, expect, expectOk, test } from "./harness.ts";
import { mutation } from "./operations.ts";

const REVEAL = mutation("revealPostbackSecret", "$a: ID", "advertiserId: $a", "{ secret }");
const LOG = `query ($filter: PostbackLogFilter) { postbackLog(first: 10, filter: $filter) { edges { node {
  id clickId transactionId outcome reason params reading { status amount goal currency }
} } } }`;

describe("postback integration", () => {
  test("an advertiser reveals its current secret; the reveal is audited without it", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const { secret } = expectOk(await api.call(REVEAL, {}, adv.key), "revealPostbackSecret");
    const stored = await db.advertiser.findUniqueOrThrow({ where: { id: advertiser.id } });
    expect(secret).toBe(stored.postbackSecret);
    const rows = await db.auditLog.findMany({
      where: {
        entityType: "Advertiser",
        entityId: String(advertiser.id),
        action: "advertiser.reveal_postback_secret",
      },
    });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows.map((r) => [r.before, r.after]))).not.toContain(secret);

    const other = await factories.createAdvertiser();
    const refused = await api.call(REVEAL, { a: other.id }, adv.key);
    expect(refused.data?.revealPostbackSecret).toMatchObject({
      __typename: "DomainError",
      code: "not_found",
    });
    const publisher = await callerFor(db, "PUBLISHER", await factories.createPublisher());
    const forbidden = await api.call(REVEAL, {}, publisher.key);
    expect(forbidden.data?.revealPostbackSecret).toMatchObject({
      __typename: "DomainError",
      code: "forbidden",
    });
  });

  test("the postback log says how each postback was read, in any dialect, secrets redacted", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser);
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    await db.inboundPostback.create({
      data: {
        advertiserId: advertiser.id,
        offerId: offer.id,
        channel: "POSTBACK",
        method: "GET",
        params: {
          cnv_id: "c-1",
          tid: "T-9",
          cnv_status: "sale",
          sum: "12.50",
          token: "s3cret",
          payout: "{payout}",
        },
        clickId: "c-1",
        transactionId: "T-9",
        outcome: "recorded",
      },
    });
    const answer = await api.call(LOG, { filter: { search: "T-9" } }, adv.key);
    const [row] = answer.data?.postbackLog.edges.map((e: { node: unknown }) => e.node) ?? [];
    expect(row).toMatchObject({
      clickId: "c-1",
      transactionId: "T-9",
      outcome: "recorded",
      // `payout` is listed before `sum` but carries an unfilled macro, so `sum` is the amount read.
      reading: { status: "sale", amount: "12.50", goal: null, currency: null },
      params: { token: "[redacted]" },
    });
  });
});
