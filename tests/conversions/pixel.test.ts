// GET /pixel: the same parameters as the postback, authenticated by the offer's pixel token (an HMAC
// of the postback secret, so the secret never sits in a web page), always answered with a 1x1 GIF.
import { pixelToken } from "../../tracker/src/conversions/signatures.ts";
import { createRedisClick, createWorld, describe, expect, logRows, test } from "../src/conversion-kit.ts";

async function pixel(url: string, params: Record<string, string>) {
  const res = await fetch(`${url}/pixel?${new URLSearchParams(params)}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    outcome: res.headers.get("x-leadrail-outcome"),
    reason: res.headers.get("x-leadrail-reason"),
    gif: bytes.subarray(0, 6).toString("latin1") === "GIF89a" && bytes.length === 42,
  };
}

describe("GET /pixel", () => {
  test("records a PIXEL conversion with the pixel token", async ({ db, redis, factories, tracker }) => {
    const { advertiser, offer, link } = await createWorld(factories);
    const click = await createRedisClick(redis, link);
    const answer = await pixel(tracker.url, {
      click_id: click.id,
      offer_id: String(offer.id),
      order_id: "PX-1",
      token: pixelToken(advertiser.postbackSecret, offer.id),
    });
    expect(answer).toEqual({ status: 200, type: "image/gif", outcome: "recorded", reason: null, gif: true });
    expect(await db.conversion.findFirstOrThrow({ where: { offerId: offer.id } })).toMatchObject({
      source: "PIXEL",
      transactionId: "PX-1",
      status: "APPROVED",
    });
    expect(await logRows(db, offer.id)).toMatchObject([{ channel: "PIXEL", outcome: "recorded" }]);
  });

  test.for([
    { label: "the postback secret itself", token: "secret", reason: "invalid_token" },
    { label: "another offer's pixel token", token: "other-offer", reason: "invalid_token" },
    { label: "no token", token: "", reason: "missing_credentials" },
  ])("$label is refused, still with a GIF", async ({ token, reason }, { db, factories, tracker }) => {
    const { advertiser, offer, link } = await createWorld(factories);
    const click = await factories.createClick(link);
    const params: Record<string, string> = { click_id: click.id, offer_id: String(offer.id) };
    if (token === "secret") params.token = advertiser.postbackSecret;
    if (token === "other-offer") params.token = pixelToken(advertiser.postbackSecret, offer.id + 1);
    const answer = await pixel(tracker.url, params);
    expect(answer).toEqual({ status: 200, type: "image/gif", outcome: "rejected", reason, gif: true });
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(0);
    expect(await logRows(db, offer.id)).toMatchObject([{ channel: "PIXEL", outcome: "rejected", reason }]);
  });

  test("bad input and duplicates answer a GIF too", async ({ db, factories, tracker }) => {
    const { advertiser, offer, link } = await createWorld(factories);
    const click = await factories.createClick(link);
    const token = pixelToken(advertiser.postbackSecret, offer.id);
    const bad = await fetch(`${tracker.url}/pixel?offer_id=${offer.id}&click_id=%FF&token=${token}`);
    expect(bad.status).toBe(200);
    expect(bad.headers.get("content-type")).toBe("image/gif");
    expect(bad.headers.get("x-leadrail-reason")).toBe("invalid_encoding");

    const params = { click_id: click.id, offer_id: String(offer.id), token };
    expect((await pixel(tracker.url, params)).outcome).toBe("recorded");
    expect((await pixel(tracker.url, params)).outcome).toBe("duplicate");
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(1);
  });

  test("control characters (CR LF, TAB, NUL, C1) are refused and nothing is recorded", async ({
    db,
    factories,
    tracker,
  }) => {
    const { advertiser, offer, link } = await createWorld(factories);
    const click = await factories.createClick(link);
    const token = pixelToken(advertiser.postbackSecret, offer.id);
    const marker = `pixel-${click.id}`;
    for (const txid of ["ORDER-1%0D%0AX-Injected:%201", "ORDER%091", "ORDER%001", "ORDER%C2%851"]) {
      const res = await fetch(
        `${tracker.url}/pixel?marker=${marker}&offer_id=${offer.id}&click_id=${click.id}&txid=${txid}&token=${token}`,
      );
      expect(res.headers.get("content-type")).toBe("image/gif");
      expect(res.headers.get("x-leadrail-reason")).toBe("invalid_characters");
    }
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(0);
    // One postback-log row per refused request, as for any unreadable one; the value is logged with
    // its control characters replaced.
    const logged = await db.inboundPostback.findMany({
      where: { params: { path: ["marker"], equals: marker } },
      orderBy: { id: "asc" },
    });
    expect(logged.map((r) => [r.channel, r.outcome, r.reason, r.conversionId])).toEqual(
      Array.from({ length: 4 }, () => ["PIXEL", "rejected", "invalid_characters", null]),
    );
    expect(logged[0]?.params).toMatchObject({ txid: "ORDER-1\uFFFD\uFFFDX-Injected: 1" });
  });

  test("HEAD records nothing", async ({ db, factories, tracker }) => {
    const { advertiser, offer, link } = await createWorld(factories);
    const click = await factories.createClick(link);
    const token = pixelToken(advertiser.postbackSecret, offer.id);
    const res = await fetch(`${tracker.url}/pixel?click_id=${click.id}&offer_id=${offer.id}&token=${token}`, {
      method: "HEAD",
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/gif");
    const head = await fetch(
      `${tracker.url}/postback?click_id=${click.id}&token=${advertiser.postbackSecret}`,
      {
        method: "HEAD",
      },
    );
    expect(head.status).toBe(405);
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(0);
    expect(await logRows(db, offer.id)).toEqual([]);
  });
});
