// Postbacks are authenticated per advertiser: token= in the URL, or an HMAC-SHA256 signature of the
// raw POST body. A refused postback records nothing but its postback-log row.
import { createHmac } from "node:crypto";
import { createWorld, describe, expect, getPostback, logRows, test } from "../src/conversion-kit.ts";

function sign(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

describe("postback authentication", () => {
  test.for([
    { label: "no token", token: undefined, status: 401, reason: "missing_credentials" },
    { label: "an empty token", token: "", status: 401, reason: "missing_credentials" },
    { label: "a wrong token", token: "wrong", status: 403, reason: "invalid_token" },
    { label: "another advertiser's token", token: "other", status: 403, reason: "invalid_token" },
  ])(
    "$label → $status $reason, only the log row is written",
    async ({ token, status, reason }, { db, factories, tracker }) => {
      const { offer, link } = await createWorld(factories);
      const other = await factories.createAdvertiser();
      const click = await factories.createClick(link);
      const params: Record<string, string> = { click_id: click.id, offer_id: String(offer.id) };
      if (token !== undefined) params.token = token === "other" ? other.postbackSecret : token;

      const answer = await getPostback(tracker, params);

      expect(answer.status).toBe(status);
      expect(answer.body).toMatchObject({ status: "rejected", reason, message: expect.any(String) });
      expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(0);
      expect(await db.dailyStat.count({ where: { offerId: offer.id } })).toBe(0);
      const rows = await logRows(db, offer.id);
      expect(rows).toMatchObject([{ outcome: "rejected", reason, conversionId: null, clickId: click.id }]);
      if (params.token) expect(JSON.stringify(rows[0]?.params)).not.toContain(params.token);
    },
  );

  test("a token matches only its own advertiser's offers", async ({ db, factories, tracker }) => {
    const mine = await createWorld(factories);
    const theirs = await createWorld(factories);
    const click = await factories.createClick(theirs.link);
    const answer = await getPostback(tracker, {
      click_id: click.id,
      offer_id: String(theirs.offer.id),
      token: mine.advertiser.postbackSecret,
    });
    expect(answer.status).toBe(403);
    expect(await db.conversion.count({ where: { offerId: theirs.offer.id } })).toBe(0);
  });

  test("a suspended advertiser's postbacks are refused", async ({ db, factories, tracker }) => {
    const { advertiser, offer, link } = await createWorld(factories);
    await db.advertiser.update({ where: { id: advertiser.id }, data: { status: "SUSPENDED" } });
    const click = await factories.createClick(link);
    const answer = await getPostback(tracker, { click_id: click.id, token: advertiser.postbackSecret });
    expect(answer).toMatchObject({ status: 403, body: { reason: "advertiser_suspended" } });
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(0);
  });

  describe("HMAC-signed POST", () => {
    async function post(url: string, body: string, signature?: string, type = "application/json") {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": type, ...(signature ? { "x-leadrail-signature": signature } : {}) },
        body,
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    }

    test("a correct signature records the conversion", async ({ db, factories, tracker }) => {
      const { advertiser, offer, link } = await createWorld(factories);
      const click = await factories.createClick(link);
      const body = JSON.stringify({ offer_id: String(offer.id), click_id: click.id, txid: "SIGNED-1" });

      const answer = await post(`${tracker.url}/postback`, body, sign(body, advertiser.postbackSecret));

      expect(answer).toMatchObject({ status: 200, body: { status: "recorded", transaction_id: "SIGNED-1" } });
      expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(1);
    });

    test("a signed form body works too", async ({ db, factories, tracker }) => {
      const { advertiser, offer, link } = await createWorld(factories);
      const click = await factories.createClick(link);
      const body = new URLSearchParams({ offer_id: String(offer.id), cid: click.id }).toString();
      const answer = await post(
        `${tracker.url}/postback`,
        body,
        sign(body, advertiser.postbackSecret),
        "application/x-www-form-urlencoded",
      );
      expect(answer.body).toMatchObject({ status: "recorded" });
      expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(1);
    });

    test.for([
      { label: "signed with another key", mutate: "key", status: 403, reason: "invalid_signature" },
      { label: "a body changed after signing", mutate: "body", status: 403, reason: "invalid_signature" },
      { label: "a malformed header", mutate: "header", status: 403, reason: "invalid_signature" },
      { label: "unsigned query parameters", mutate: "query", status: 400, reason: "unsigned_query" },
    ])(
      "$label → $status $reason, only the log row",
      async ({ mutate, status, reason }, { db, factories, tracker }) => {
        const { advertiser, offer, link } = await createWorld(factories);
        const click = await factories.createClick(link);
        const body = JSON.stringify({ offer_id: String(offer.id), click_id: click.id });
        const signature =
          mutate === "key"
            ? sign(body, "not-the-secret")
            : mutate === "header"
              ? "sha256=xyz"
              : sign(body, advertiser.postbackSecret);
        const sent = mutate === "body" ? body.replace("}", ',"payout":"999"}') : body;
        const url =
          mutate === "query" ? `${tracker.url}/postback?status=approved` : `${tracker.url}/postback`;

        const answer = await post(url, sent, signature);

        expect(answer).toMatchObject({ status, body: { status: "rejected", reason } });
        expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(0);
        expect(await logRows(db, offer.id)).toMatchObject([{ outcome: "rejected", reason }]);
      },
    );

    test("a signature on a GET is refused", async ({ factories, tracker }) => {
      const { advertiser, offer } = await createWorld(factories);
      const res = await fetch(`${tracker.url}/postback?offer_id=${offer.id}`, {
        headers: { "x-leadrail-signature": sign("", advertiser.postbackSecret) },
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ reason: "signature_requires_post" });
    });
  });
});
