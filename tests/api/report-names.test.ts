// Reports name what they group by (offer, publisher, advertiser), and the names follow the rows'
// tenancy: a publisher learns the names of offers it sent traffic to, of its own account and of
// those offers' advertisers — never another publisher's or an offer it never touched.
import { type Advertiser, mintId, type Offer, type Publisher, type TrackingLink } from "@leadrail/db";
import { storeClicks } from "../../tracker/src/clicks/store-clicks.ts";
import type { ClickRecord } from "../../tracker/src/tracking/click-record.ts";
import { callerFor, type Data, describe, expect, test } from "./harness.ts";

const REPORT = `query($groupBy: [ReportGroup!]!) {
  report(from: "2026-10-30", to: "2026-10-31", timeZone: "UTC", groupBy: $groupBy) {
    rows { offerId offerName publisherId publisherName advertiserId advertiserName currency clicks } } }`;

function click(link: TrackingLink, i: number): ClickRecord {
  const createdAt = Date.parse("2026-10-30T10:00:00Z") + i * 60_000;
  return {
    id: mintId(new Date(createdAt)),
    createdAt,
    status: "ACCEPTED",
    rejectReason: null,
    linkId: link.id,
    offerId: link.offerId,
    publisherId: link.publisherId,
    subs: {},
    source: null,
    country: "US",
    deviceType: "DESKTOP",
    os: null,
    browser: null,
    referrer: null,
    ipHash: null,
    isUnique: true,
    isBot: false,
    fraudReason: null,
  };
}

interface World {
  advertisers: [Advertiser, Advertiser];
  offers: [Offer, Offer];
  publishers: [Publisher, Publisher];
}

/** Advertiser A runs offer a, B offer b; publisher p1 sends 2 clicks to a, p2 3 to a and 4 to b. */
const worldTest = test.extend("world", { scope: "file" }, async ({ db, factories }): Promise<World> => {
  const advA = await factories.createAdvertiser();
  const advB = await factories.createAdvertiser();
  const a = await factories.createOffer(advA);
  const b = await factories.createOffer(advB);
  const p1 = await factories.createPublisher();
  const p2 = await factories.createPublisher();
  const plan: [TrackingLink, number][] = [
    [await factories.createLink(p1, a), 2],
    [await factories.createLink(p2, a), 3],
    [await factories.createLink(p2, b), 4],
  ];
  let i = 0;
  const clicks = plan.flatMap(([link, n]) => Array.from({ length: n }, () => click(link, i++)));
  await storeClicks(db, clicks);
  return { advertisers: [advA, advB], offers: [a, b], publishers: [p1, p2] };
});

const pick = (rows: Data[], id: string, name: string) =>
  rows
    .map((row) => [row[id], row[name], row.clicks])
    .sort((x, y) => String(x[0]).localeCompare(String(y[0])));

describe("report names", () => {
  worldTest("admin: every offer, publisher and advertiser by name", async ({ db, api, world }) => {
    const admin = await callerFor(db, "ADMIN");
    const answer = await api.call(REPORT, { groupBy: ["OFFER", "PUBLISHER"] }, admin.key);
    expect(answer.errors).toBeUndefined();
    const rows = answer.data?.report.rows as Data[];
    const [a, b] = world.offers;
    const [p1, p2] = world.publishers;
    expect(rows.map((r) => [r.offerName, r.publisherName, r.clicks, r.advertiserName]).sort()).toEqual(
      [
        [a.name, p1.name, "2", null],
        [a.name, p2.name, "3", null],
        [b.name, p2.name, "4", null],
      ].sort(),
    );
    const byAdvertiser = await api.call(REPORT, { groupBy: ["ADVERTISER"] }, admin.key);
    const [advA, advB] = world.advertisers;
    expect(pick(byAdvertiser.data?.report.rows, "advertiserId", "advertiserName")).toEqual(
      [
        [String(advA.id), advA.name, "5"],
        [String(advB.id), advB.name, "4"],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
  });

  worldTest("a publisher sees the names of its own rows only", async ({ db, api, world }) => {
    const [a] = world.offers;
    const [p1] = world.publishers;
    const me = await callerFor(db, "PUBLISHER", p1);
    const byOffer = await api.call(REPORT, { groupBy: ["OFFER"] }, me.key);
    expect(byOffer.errors).toBeUndefined();
    expect(pick(byOffer.data?.report.rows, "offerId", "offerName")).toEqual([[String(a.id), a.name, "2"]]);
    const byPublisher = await api.call(REPORT, { groupBy: ["PUBLISHER"] }, me.key);
    expect(pick(byPublisher.data?.report.rows, "publisherId", "publisherName")).toEqual([
      [String(p1.id), p1.name, "2"],
    ]);
    const byAdvertiser = await api.call(REPORT, { groupBy: ["ADVERTISER"] }, me.key);
    const [advA] = world.advertisers;
    expect(pick(byAdvertiser.data?.report.rows, "advertiserId", "advertiserName")).toEqual([
      [String(advA.id), advA.name, "2"],
    ]);
  });

  worldTest("an advertiser sees its offers and the publishers on them", async ({ db, api, world }) => {
    const [advA] = world.advertisers;
    const [a] = world.offers;
    const [p1, p2] = world.publishers;
    const me = await callerFor(db, "ADVERTISER", advA);
    const byOffer = await api.call(REPORT, { groupBy: ["OFFER"] }, me.key);
    expect(pick(byOffer.data?.report.rows, "offerId", "offerName")).toEqual([[String(a.id), a.name, "5"]]);
    const byPublisher = await api.call(REPORT, { groupBy: ["PUBLISHER"] }, me.key);
    expect(pick(byPublisher.data?.report.rows, "publisherId", "publisherName")).toEqual(
      [
        [String(p1.id), p1.name, "2"],
        [String(p2.id), p2.name, "3"],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
  });
});
