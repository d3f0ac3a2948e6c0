// Bad input is answered 4xx with a JSON reason and stores nothing but its postback-log row (never a
// conversion, never a daily_stats change, never a 500).
import { randomUUID } from "node:crypto";
import { createWorld, describe, expect, test } from "../src/conversion-kit.ts";

interface Case {
  label: string;
  /** Raw query after the common part (token, offer id, click id unless `noClick`). */
  query?: string;
  noClick?: boolean;
  noOffer?: boolean;
  offerId?: string;
  body?: string;
  type?: string;
  status: number;
  reason: string;
}

const cases: Case[] = [
  { label: "missing click id", noClick: true, status: 400, reason: "missing_click_id" },
  {
    label: "click id only as an unfilled macro",
    noClick: true,
    query: "click_id={clickid}",
    status: 400,
    reason: "missing_click_id",
  },
  { label: "absurd amount 1e400", query: "payout=1e400", status: 400, reason: "invalid_amount" },
  { label: "negative amount", query: "payout=-5.00", status: 400, reason: "invalid_amount" },
  { label: "amount with a comma", query: "amount=12,50", status: 400, reason: "invalid_amount" },
  {
    label: "amount over 15 integer digits",
    query: "sum=1000000000000000",
    status: 400,
    reason: "invalid_amount",
  },
  { label: "unknown currency", query: "currency=XYZ", status: 400, reason: "unknown_currency" },
  {
    label: "another currency than the offer's",
    query: "currency=EUR",
    status: 422,
    reason: "currency_mismatch",
  },
  { label: "unknown status", query: "status=maybe", status: 400, reason: "unknown_status" },
  { label: "huge transaction id", query: `txid=${"x".repeat(300)}`, status: 400, reason: "param_too_long" },
  { label: "huge parameter", query: `note=${"x".repeat(5000)}`, status: 400, reason: "param_too_long" },
  {
    label: "too many parameters",
    query: Array.from({ length: 70 }, (_, i) => `p${i}=1`).join("&"),
    status: 400,
    reason: "too_many_params",
  },
  { label: "invalid UTF-8 percent-encoding", query: "txid=%FF%FE", status: 400, reason: "invalid_encoding" },
  { label: "truncated percent-encoding", query: "txid=%E2%82", status: 400, reason: "invalid_encoding" },
  { label: "NUL in a value", query: "txid=a%00b", status: 400, reason: "invalid_characters" },
  // Control characters: CR LF (a header injection in an order id), TAB, DEL, C1 (NEL), in a value or
  // a name, in the query, a form body and a JSON body. Each must be refused, not stored.
  {
    label: "CR LF in the transaction id",
    query: "txid=ORDER-1%0d%0aX-Injected:%201",
    status: 400,
    reason: "invalid_characters",
  },
  { label: "LF in the goal", query: "goal=lead%0A", status: 400, reason: "invalid_characters" },
  { label: "TAB in the transaction id", query: "txid=ORDER%091", status: 400, reason: "invalid_characters" },
  { label: "DEL in a value", query: "order_id=a%7Fb", status: 400, reason: "invalid_characters" },
  { label: "C1 (NEL) in a value", query: "txid=a%C2%85b", status: 400, reason: "invalid_characters" },
  { label: "CR in a parameter name", query: "note%0D=1", status: 400, reason: "invalid_characters" },
  {
    label: "CR LF in a form body",
    body: "txid=ORDER-1%0D%0AX-Injected:%201",
    type: "application/x-www-form-urlencoded",
    status: 400,
    reason: "invalid_characters",
  },
  {
    label: "CR LF in a JSON body",
    body: '{"txid":"ORDER-1\\r\\nX-Injected: 1"}',
    type: "application/json",
    status: 400,
    reason: "invalid_characters",
  },
  {
    label: "C1 in a JSON body",
    body: '{"txid":"ORDER\\u00851"}',
    type: "application/json",
    status: 400,
    reason: "invalid_characters",
  },
  { label: "repeated parameter", query: "txid=a&txid=b", status: 400, reason: "repeated_param" },
  { label: "non-numeric offer id", offerId: "abc", status: 400, reason: "invalid_offer_id" },
  { label: "unknown offer", offerId: "999999999", status: 404, reason: "offer_not_found" },
  { label: "invalid goal", query: "goal=%3Cscript%3E", status: 400, reason: "invalid_goal" },
  {
    label: "invalid JSON body",
    body: "{nope",
    type: "application/json",
    status: 400,
    reason: "invalid_json",
  },
  {
    label: "nested JSON body",
    body: '{"payout":{"x":1}}',
    type: "application/json",
    status: 400,
    reason: "invalid_json",
  },
  { label: "JSON array body", body: "[1,2]", type: "application/json", status: 400, reason: "invalid_json" },
  {
    label: "JSON number 1e400",
    body: '{"payout":1e400}',
    type: "application/json",
    status: 400,
    reason: "invalid_amount",
  },
  {
    label: "invalid UTF-8 bytes in a form body",
    body: "txid=\u00ff",
    type: "application/x-www-form-urlencoded; charset=latin1",
    status: 400,
    reason: "invalid_encoding",
  },
  {
    label: "body over 16 KiB",
    body: `note=${"x".repeat(17 * 1024)}`,
    type: "application/x-www-form-urlencoded",
    status: 413,
    reason: "body_too_large",
  },
  {
    label: "unsupported body type",
    body: "<xml/>",
    type: "text/xml",
    status: 415,
    reason: "unsupported_media_type",
  },
  {
    label: "a parameter both in the query and the body",
    body: "click_id=x",
    type: "application/x-www-form-urlencoded",
    status: 400,
    reason: "repeated_param",
  },
];

describe("bad postback input", () => {
  test.for(cases)("$label → $status $reason", async (c, { db, factories, tracker }) => {
    const { advertiser, offer, link } = await createWorld(factories);
    const click = await factories.createClick(link);
    const marker = randomUUID();
    const parts = [`marker=${marker}`, `token=${encodeURIComponent(advertiser.postbackSecret)}`];
    if (!c.noOffer) parts.push(`offer_id=${c.offerId ?? offer.id}`);
    if (!c.noClick) parts.push(`click_id=${click.id}`);
    if (c.query) parts.push(c.query);
    const url = `${tracker.url}/postback?${parts.join("&")}`;
    const res = await fetch(
      url,
      c.body === undefined
        ? {}
        : {
            method: "POST",
            headers: { "content-type": c.type ?? "application/x-www-form-urlencoded" },
            // Bytes as given: a latin1 body is not valid UTF-8 on purpose.
            body: c.type?.includes("latin1") ? Buffer.from(c.body, "latin1") : c.body,
          },
    );

    expect(res.status).toBe(c.status);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toMatchObject({
      status: "rejected",
      reason: c.reason,
      message: expect.any(String),
    });
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(0);
    expect(await db.dailyStat.count({ where: { offerId: offer.id } })).toBe(0);
    const logged = await db.inboundPostback.findMany({
      where: { params: { path: ["marker"], equals: marker } },
    });
    expect(logged).toMatchObject([{ outcome: "rejected", reason: c.reason, conversionId: null }]);
    expect(JSON.stringify(logged[0]?.params)).not.toContain(advertiser.postbackSecret);
    for (const value of Object.values(logged[0]?.params as Record<string, string>)) {
      expect(value.length).toBeLessThanOrEqual(257);
    }
  });
});
