// The macro lists live once (@leadrail/db/macros); this drives every documented macro through the
// real interfaces: an advertiser saves a landing URL through the API, a publisher builds a tracking URL
// and a postback template through the API, the tracker redirects a click and fires the publisher's
// postback. A macro that one side accepts and the other ignores (as `{gclid}` once was) fails here.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { LANDING_MACROS, POSTBACK_MACROS, SUB_IDS } from "@leadrail/db/macros";
import { eventually, getPostback, startPublisherPostbacks } from "../src/conversion-kit.ts";
import { test as base } from "../src/fixtures.ts";
import { click, startTracker } from "../src/tracker.ts";
import { callerFor, describe, expect, expectOk, startApi } from "./harness.ts";
import { CREATE_LINK, CREATE_OFFER, mutation, offerInput, SET_OFFER_STATUS } from "./operations.ts";

const BROWSER_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

const SET_TEMPLATE = mutation("setPostbackTemplate", "$i: PostbackTemplateInput!", "input: $i", "{ id }");
const BUILD = `query($offerId: ID!, $subs: ClickParamsInput!) {
  myLinks(first: 5, filter: { offerId: $offerId }) { edges { node { trackingUrl(subs: $subs) } } } }`;

const test = base.extend(
  "wired",
  { scope: "file" },
  async ({ db, databaseUrl, redis, redisUrl, redisPrefix }, { onCleanup }) => {
    const postbacks = startPublisherPostbacks(redis, redisPrefix, db);
    const tracker = await startTracker(
      { db, databaseUrl, redisUrl, redisPrefix },
      { conversionEvents: postbacks.events },
    );
    const api = await startApi({ db, redis, redisPrefix, allowPrivatePostbackTargets: true });
    const received: string[] = [];
    const receiver = createServer((req, res) => {
      received.push(req.url ?? "");
      res.writeHead(200).end("ok");
    });
    receiver.listen(0, "127.0.0.1");
    await once(receiver, "listening");
    onCleanup(async () => {
      await Promise.all([tracker.close(), api.close()]);
      await postbacks.close();
      receiver.close();
    });
    const receiverBase = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    return { tracker, api, received, receiverBase };
  },
);

describe("macros end to end", () => {
  test("every landing macro, pass-through parameters and every postback macro are filled", async ({
    db,
    factories,
    wired,
  }) => {
    const { api, tracker } = wired;
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const pub = await callerFor(db, "PUBLISHER", publisher);

    // One query parameter per documented landing macro, plus two pass-through parameters.
    const landingParams = [...LANDING_MACROS, "gclid", "campaign_id"];
    const landingUrl = `https://lp.example/offer?${landingParams.map((m) => `m_${m}={${m}}`).join("&")}`;
    const offer = expectOk(
      await api.call(
        CREATE_OFFER,
        {
          input: offerInput({
            landingUrl,
            visibility: "PUBLIC",
            countries: [],
            devices: [],
            confirmationMode: "AUTO",
            caps: [],
          }),
        },
        adv.key,
      ),
      "createOffer",
    );
    expect(offer.landingUrl).toBe(landingUrl);
    expectOk(await api.call(SET_OFFER_STATUS, { id: offer.id, status: "ACTIVE" }, adv.key), "setOfferStatus");

    // The publisher's tracking URL with every sub ID and the source, built by the API.
    expectOk(await api.call(CREATE_LINK, { offerId: offer.id }, pub.key), "createTrackingLink");
    const subs = Object.fromEntries([...SUB_IDS, "source"].map((name) => [name, `${name} value/&é`]));
    const built = await api.call(BUILD, { offerId: offer.id, subs }, pub.key);
    const trackingUrl = new URL(built.data?.myLinks.edges[0].node.trackingUrl);
    trackingUrl.searchParams.set("gclid", "GCLID-1");
    trackingUrl.searchParams.set("campaign_id", "C-9");

    // Every postback macro, in a template saved through the API.
    const template = `${wired.receiverBase}/pb?${POSTBACK_MACROS.map((m) => `m_${m}={${m}}`).join("&")}`;
    expectOk(
      await api.call(SET_TEMPLATE, { i: { urlTemplate: template, method: "GET" } }, pub.key),
      "setPostbackTemplate",
    );

    const res = await click(tracker.url, `${trackingUrl.pathname}${trackingUrl.search}`, {
      "user-agent": BROWSER_UA,
      "accept-language": "en-US",
    });
    expect(res.status).toBe(302);
    const landed = Object.fromEntries(new URL(res.headers.get("location") ?? "").searchParams);
    const clickId = landed.m_click_id ?? "";
    expect(clickId).toMatch(/^[0-9a-f-]{36}$/);
    expect(landed).toEqual({
      m_click_id: clickId,
      m_offer_id: offer.id,
      m_publisher_id: String(publisher.id),
      ...Object.fromEntries(Object.entries(subs).map(([name, value]) => [`m_${name}`, value])),
      m_gclid: "GCLID-1",
      m_campaign_id: "C-9",
    });

    const answer = await getPostback(tracker, {
      click_id: clickId,
      txid: "ADV-ORDER-7",
      token: advertiser.postbackSecret,
    });
    expect(answer.status).toBe(200);
    const delivered = await eventually(async () => wired.received.find((url) => url.includes(clickId)));
    const fired = Object.fromEntries(new URL(delivered, wired.receiverBase).searchParams);
    expect(fired).toEqual({
      m_click_id: clickId,
      m_offer_id: offer.id,
      ...Object.fromEntries(Object.entries(subs).map(([name, value]) => [`m_${name}`, value])),
      m_conversion_id: String(answer.body.conversion_id),
      // The publisher's txid is our conversion id: the advertiser's order id never reaches it.
      m_txid: String(answer.body.conversion_id),
      m_status: "approved",
      m_payout: "15.00",
      m_currency: "USD",
      m_goal: "default",
    });
  });

  test("the API refuses what the tracker would not fill", async ({ db, factories, wired }) => {
    const adv = await callerFor(db, "ADVERTISER", await factories.createAdvertiser());
    const pub = await callerFor(db, "PUBLISHER", await factories.createPublisher());
    const badLanding = await wired.api.call(
      CREATE_OFFER,
      { input: offerInput({ landingUrl: "https://lp.example/?x={not-a-name}" }) },
      adv.key,
    );
    expect(badLanding.data?.createOffer).toMatchObject({ __typename: "DomainError", code: "invalid_input" });
    expect(badLanding.data?.createOffer.message).toContain("{not-a-name} is not a macro");
    const badPostback = await wired.api.call(
      SET_TEMPLATE,
      { i: { urlTemplate: `${wired.receiverBase}/pb?g={gclid}`, method: "GET" } },
      pub.key,
    );
    expect(badPostback.data?.setPostbackTemplate).toMatchObject({ code: "invalid_input" });
    expect(badPostback.data?.setPostbackTemplate.message).toContain("unknown macro {gclid}");
  });
});
