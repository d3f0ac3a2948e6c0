// `report` against an INDEPENDENT computation: the clicks go through the click writer's own store
// (clicks + both rollups in one statement), conversions are rows; the expected numbers are computed
// here straight from raw `clicks` and `conversions` and compared with what the API answers, for several
// groupings and time zones (across the US fall-back on 2026-11-01), per role.
import {
  type ConversionStatus,
  type Db,
  type DeviceType,
  mintId,
  type Offer,
  type Publisher,
} from "@leadrail/db";
import { storeClicks } from "../../tracker/src/clicks/store-clicks.ts";
import type { ClickRecord } from "../../tracker/src/tracking/click-record.ts";
import { conversionRollups } from "../src/conversion-rollups.ts";
import { callerFor, type Data, describe, expect, expectOk, test } from "./harness.ts";
import { mutation } from "./operations.ts";

const FIELDS = `hour day offerId publisherId advertiserId country deviceType subs currency
  clicks uniqueClicks botClicks rejectedClicks conversions pendingConversions approvedConversions
  rejectedConversions reversedConversions conversionRate medianClickToConversionSeconds
  epc { amount currency } payout { amount currency } revenue { amount currency } profit { amount } marginBps`;

const REPORT = `query($from: String!, $to: String!, $tz: String, $groupBy: [ReportGroup!]!, $filter: ReportFilter) {
  report(from: $from, to: $to, timeZone: $tz, groupBy: $groupBy, filter: $filter) {
    from to timeZone start end source rows { ${FIELDS} } } }`;

// Without the median the API takes another path for conversions (grouped by hour first).
const REPORT_NO_MEDIAN = REPORT.replace(" medianClickToConversionSeconds", "");

const COUNTRIES = ["US", "DE", null] as const;
const DEVICES: (DeviceType | null)[] = ["DESKTOP", "MOBILE", null];
const SUBS = ["alpha", "beta", null] as const;
const STATUSES: ConversionStatus[] = ["APPROVED", "PENDING", "REJECTED", "REVERSED", "APPROVED"];

/** Local midnights: Kolkata 18:30Z, Kathmandu 18:15Z, Adelaide 14:30Z (+09:30) then 13:30Z (+10:30). */
const BOUNDARY_INSTANTS = [
  ...["2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02"].flatMap((d) => [
    `${d}T18:29:59.999Z`,
    `${d}T18:30:00.000Z`,
    `${d}T18:14:59.999Z`,
    `${d}T18:15:00.000Z`,
  ]),
  "2026-10-02T14:29:59.999Z",
  "2026-10-02T14:30:00.000Z",
  "2026-10-03T02:00:00.000Z",
  "2026-10-03T02:40:00.000Z",
  "2026-10-03T14:29:59.999Z",
  "2026-10-03T14:30:00.000Z",
  "2026-10-03T16:45:00.000Z",
  "2026-10-04T05:00:00.000Z",
  "2026-10-04T05:20:00.000Z",
  "2026-10-04T09:10:00.000Z",
  "2026-10-04T13:29:59.999Z",
  "2026-10-04T13:30:00.000Z",
];

interface Fixture {
  offers: Offer[];
  publishers: Publisher[];
  advertiserIds: number[];
}

/**
 * Two advertisers (USD offers, a EUR offer), two publishers, 420 clicks every 17 minutes from
 * 2026-10-30 to 2026-11-03 (some at :30 past, so Asia/Kolkata cuts differently), one conversion per
 * seventh accepted click in every status, and one conversion without a publisher.
 */
async function buildFixture(db: Db, factories: Data): Promise<Fixture> {
  const advA = await factories.createAdvertiser();
  const advB = await factories.createAdvertiser();
  const usd1 = await factories.createOffer(advA);
  const usd2 = await factories.createOffer(advA, { defaultPayout: 700n, defaultRevenue: 1000n });
  const eur = await factories.createOffer(advB, {
    currency: "EUR",
    defaultPayout: 1234n,
    defaultRevenue: 1500n,
  });
  const p1 = await factories.createPublisher();
  const p2 = await factories.createPublisher();
  const links = [
    await factories.createLink(p1, usd1),
    await factories.createLink(p1, eur),
    await factories.createLink(p2, usd1),
    await factories.createLink(p2, usd2),
  ];
  const offers = [usd1, usd2, eur];
  const base = Date.parse("2026-10-30T00:00:00Z");
  const clicks: ClickRecord[] = [];
  for (let i = 0; i < 420; i++) {
    const link = links[i % links.length];
    if (!link) throw new Error("no link");
    const createdAt = base + i * 17 * 60_000 + (i % 5 === 0 ? 13 * 60_000 : 0);
    const sub = SUBS[i % SUBS.length] ?? null;
    clicks.push({
      id: mintId(new Date(createdAt)),
      createdAt,
      status: i % 11 === 0 ? "REJECTED" : "ACCEPTED",
      rejectReason: i % 11 === 0 ? "geo_not_targeted" : null,
      linkId: link.id,
      offerId: link.offerId,
      publisherId: link.publisherId,
      subs: sub ? { sub1: sub, sub2: `s2-${i % 2}` } : {},
      source: null,
      country: COUNTRIES[i % COUNTRIES.length] ?? null,
      deviceType: DEVICES[(i >> 1) % DEVICES.length] ?? null,
      os: null,
      browser: null,
      referrer: null,
      ipHash: null,
      isUnique: i % 3 !== 0,
      isBot: i % 7 === 0,
      fraudReason: null,
    });
  }
  // Clicks (and a conversion each) exactly at and just before local midnights of half-hour zones,
  // and around Adelaide's DST start (2026-10-04 02:00 local = 10-03T16:30Z, +09:30 → +10:30).
  const edgeClicks = BOUNDARY_INSTANTS.map((iso, j): ClickRecord => {
    const link = links[j % links.length];
    if (!link) throw new Error("no link");
    const createdAt = Date.parse(iso);
    return {
      id: mintId(new Date(createdAt)),
      createdAt,
      status: j % 6 === 5 ? "REJECTED" : "ACCEPTED",
      rejectReason: j % 6 === 5 ? "geo_not_targeted" : null,
      linkId: link.id,
      offerId: link.offerId,
      publisherId: link.publisherId,
      subs: {},
      source: null,
      country: COUNTRIES[j % COUNTRIES.length] ?? null,
      deviceType: DEVICES[j % DEVICES.length] ?? null,
      os: null,
      browser: null,
      referrer: null,
      ipHash: null,
      isUnique: j % 2 === 0,
      isBot: j % 5 === 0,
      fraudReason: null,
    };
  });
  await storeClicks(db, edgeClicks);
  // Two writer batches, the second one delivered twice: the rollup must count each click once.
  await storeClicks(db, clicks.slice(0, 200));
  await storeClicks(db, clicks.slice(200));
  expect(await storeClicks(db, clicks.slice(200))).toBe(0);

  const offerById = new Map(offers.map((o) => [o.id, o]));
  let n = 0;
  for (const [i, click] of clicks.entries()) {
    if (click.status !== "ACCEPTED" || i % 7 !== 0) continue;
    const offer = offerById.get(click.offerId ?? 0);
    if (!offer) throw new Error("no offer");
    const status = STATUSES[n % STATUSES.length] ?? "APPROVED";
    await factories.createConversion(offer, { id: click.publisherId } as Publisher, {
      clickId: click.id,
      clickAt: new Date(click.createdAt),
      convertedAt: new Date(click.createdAt + ((n % 6) + 1) * 11 * 60_000),
      status,
      subs: click.subs,
      country: click.country,
      deviceType: click.deviceType,
    });
    n++;
  }
  for (const [j, click] of edgeClicks.entries()) {
    if (click.status !== "ACCEPTED") continue;
    const offer = offerById.get(click.offerId ?? 0);
    if (!offer) throw new Error("no offer");
    // Converted at the boundary instant itself, clicked five minutes before.
    await factories.createConversion(offer, { id: click.publisherId } as Publisher, {
      clickId: click.id,
      clickAt: new Date(click.createdAt - 5 * 60_000),
      convertedAt: new Date(click.createdAt),
      status: STATUSES[j % STATUSES.length] ?? "APPROVED",
      subs: click.subs,
      country: click.country,
      deviceType: click.deviceType,
    });
  }
  await factories.createConversion(usd1, null, {
    convertedAt: new Date("2026-11-01T09:30:00Z"),
    status: "REJECTED",
    statusReason: "no_click",
  });
  return { offers, publishers: [p1, p2], advertiserIds: [advA.id, advB.id] };
}

type Group = "HOUR" | "DAY" | "OFFER" | "PUBLISHER" | "ADVERTISER" | "COUNTRY" | "DEVICE" | "SUB1";

/** SQL for each grouping over raw rows, written independently of the API's (alias c or v). */
function keySql(group: Group, alias: "c" | "v", tz: string): string {
  const at = alias === "c" ? "c.created_at" : "v.converted_at";
  switch (group) {
    case "HOUR":
      return `to_char(date_trunc('hour', ${at} AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:00:00.000"Z"')`;
    case "DAY":
      return `((${at} AT TIME ZONE '${tz}')::date)::text`;
    case "OFFER":
      return `${alias}.offer_id::text`;
    case "PUBLISHER":
      return `${alias}.publisher_id::text`;
    case "ADVERTISER":
      return "o.advertiser_id::text";
    case "COUNTRY":
      return `${alias}.country::text`;
    case "DEVICE":
      return `${alias}.device_type::text`;
    case "SUB1":
      return alias === "c" ? "c.sub1" : "v.subs->>'sub1'";
  }
}

interface Expected {
  key: string[];
  currency: string;
  clicks: string;
  uniqueClicks: string;
  botClicks: string;
  rejectedClicks: string;
  conversions: string;
  pendingConversions: string;
  approvedConversions: string;
  rejectedConversions: string;
  reversedConversions: string;
  payout: string;
  revenue: string;
  median: number | null;
}

async function expected(
  db: Db,
  args: { from: string; to: string; tz: string; groupBy: Group[]; offerIds: number[]; publisherId?: number },
): Promise<Expected[]> {
  const range = (col: string) =>
    `${col} >= ('${args.from}'::timestamp AT TIME ZONE '${args.tz}') AND ${col} < (('${args.to}'::date + 1)::timestamp AT TIME ZONE '${args.tz}')`;
  const only = (alias: string) =>
    `${alias}.offer_id IN (${args.offerIds.join(",")})` +
    (args.publisherId ? ` AND ${alias}.publisher_id = ${args.publisherId}` : "");
  const keys = (alias: "c" | "v") => args.groupBy.map((g) => keySql(g, alias, args.tz));
  const clickRows = await db.$queryRawUnsafe<
    { key: (string | null)[]; currency: string; [k: string]: unknown }[]
  >(`
    SELECT ARRAY[${keys("c").join(", ")}]::text[] AS key, o.currency::text AS currency,
      count(*)::text AS clicks, sum(c.is_unique::int)::text AS unique, sum(c.is_bot::int)::text AS bot,
      sum((c.status = 'REJECTED')::int)::text AS rejected
    FROM clicks c, offers o
    WHERE o.id = c.offer_id AND c.publisher_id IS NOT NULL AND ${only("c")} AND ${range("c.created_at")}
    GROUP BY 1, 2`);
  const conversionRows = await db.$queryRawUnsafe<
    {
      key: (string | null)[];
      currency: string;
      status: string;
      n: number;
      payout: string;
      revenue: string;
      waits: number[];
    }[]
  >(`
    SELECT ARRAY[${keys("v").join(", ")}]::text[] AS key, v.currency::text AS currency, v.status::text AS status,
      count(*)::int AS n, sum(v.payout)::text AS payout, sum(v.revenue)::text AS revenue,
      array_remove(array_agg(extract(epoch FROM v.converted_at - v.click_at)::float8), NULL) AS waits
    FROM conversions v, offers o
    WHERE o.id = v.offer_id AND ${only("v")} AND ${range("v.converted_at")}
    GROUP BY 1, 2, 3`);
  const byKey = new Map<string, Expected & { waits: number[] }>();
  const entry = (key: (string | null)[], currency: string) => {
    const id = JSON.stringify([key, currency]);
    let e = byKey.get(id);
    if (!e) {
      e = {
        key: key.map((k) => k ?? "∅"),
        currency,
        clicks: "0",
        uniqueClicks: "0",
        botClicks: "0",
        rejectedClicks: "0",
        conversions: "0",
        pendingConversions: "0",
        approvedConversions: "0",
        rejectedConversions: "0",
        reversedConversions: "0",
        payout: "0",
        revenue: "0",
        median: null,
        waits: [],
      };
      byKey.set(id, e);
    }
    return e;
  };
  for (const r of clickRows) {
    const e = entry(r.key, r.currency);
    e.clicks = String(r.clicks);
    e.uniqueClicks = String(r.unique);
    e.botClicks = String(r.bot);
    e.rejectedClicks = String(r.rejected);
  }
  for (const r of conversionRows) {
    const e = entry(r.key, r.currency);
    e.conversions = String(Number(e.conversions) + r.n);
    const field = `${r.status.toLowerCase()}Conversions` as "pendingConversions";
    e[field] = String(r.n);
    if (r.status === "APPROVED") {
      e.payout = r.payout;
      e.revenue = r.revenue;
    }
    e.waits.push(...r.waits.map(Number));
  }
  return [...byKey.values()]
    .map(({ waits, ...e }) => {
      const sorted = [...waits].sort((a, b) => a - b);
      const mid = sorted.length / 2;
      const median =
        sorted.length === 0
          ? null
          : sorted.length % 2
            ? (sorted[Math.floor(mid)] ?? null)
            : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
      return { ...e, median };
    })
    .sort((a, b) => JSON.stringify([a.key, a.currency]).localeCompare(JSON.stringify([b.key, b.currency])));
}

function rowKey(row: Data, group: Group): string {
  const value =
    group === "HOUR"
      ? row.hour
      : group === "DAY"
        ? row.day
        : group === "OFFER"
          ? row.offerId
          : group === "PUBLISHER"
            ? row.publisherId
            : group === "ADVERTISER"
              ? row.advertiserId
              : group === "COUNTRY"
                ? row.country
                : group === "DEVICE"
                  ? row.deviceType
                  : row.subs[0];
  return value ?? "∅";
}

function actual(rows: Data[], groupBy: Group[]): Expected[] {
  return rows
    .map((row) => ({
      key: groupBy.map((g) => rowKey(row, g)),
      currency: row.currency,
      clicks: row.clicks,
      uniqueClicks: row.uniqueClicks,
      botClicks: row.botClicks,
      rejectedClicks: row.rejectedClicks,
      conversions: row.conversions,
      pendingConversions: row.pendingConversions,
      approvedConversions: row.approvedConversions,
      rejectedConversions: row.rejectedConversions,
      reversedConversions: row.reversedConversions,
      payout: row.payout?.amount ?? "hidden",
      revenue: row.revenue?.amount ?? "hidden",
      median: row.medianClickToConversionSeconds,
    }))
    .sort((a, b) => JSON.stringify([a.key, a.currency]).localeCompare(JSON.stringify([b.key, b.currency])));
}

const fixtureTest = test.extend("fixture", { scope: "file" }, async ({ db, factories }) =>
  buildFixture(db, factories),
);

describe("report", () => {
  fixtureTest.for([
    { groupBy: ["DAY"], tz: "UTC", source: "DAILY_SEGMENTS" },
    { groupBy: ["COUNTRY"], tz: "UTC", source: "DAILY_SEGMENTS" },
    { groupBy: ["DAY", "DEVICE", "ADVERTISER"], tz: "UTC", source: "DAILY_SEGMENTS" },
    { groupBy: ["DAY"], tz: "America/Los_Angeles", source: "HOURLY_OFFERS" },
    { groupBy: ["DAY", "OFFER"], tz: "Europe/Berlin", source: "HOURLY_OFFERS" },
    { groupBy: ["HOUR"], tz: "UTC", source: "HOURLY_OFFERS" },
    { groupBy: ["ADVERTISER"], tz: "America/Los_Angeles", source: "HOURLY_OFFERS" },
    { groupBy: ["DAY"], tz: "Asia/Kolkata", source: "HOURLY_OFFERS" },
    { groupBy: ["OFFER", "PUBLISHER"], tz: "UTC", source: "HOURLY" },
    { groupBy: ["DAY", "PUBLISHER"], tz: "America/Los_Angeles", source: "HOURLY" },
    { groupBy: ["COUNTRY", "PUBLISHER"], tz: "UTC", source: "SEGMENTS" },
    { groupBy: ["DEVICE", "COUNTRY"], tz: "America/Los_Angeles", source: "SEGMENTS" },
    { groupBy: ["SUB1"], tz: "UTC", source: "RAW" },
    { groupBy: ["SUB1", "DAY"], tz: "America/Los_Angeles", source: "RAW" },
  ] as { groupBy: Group[]; tz: string; source: string }[])(
    "admin: $groupBy in $tz matches raw clicks and conversions ($source)",
    async ({ groupBy, tz, source }, { db, api, fixture }) => {
      const admin = await callerFor(db, "ADMIN");
      const offerIds = fixture.offers.map((o) => o.id);
      // 10-31 .. 11-02 cuts through the data on both sides and spans the US fall-back.
      const answer = await api.call(
        REPORT,
        { from: "2026-10-31", to: "2026-11-02", tz, groupBy, filter: { offerIds: offerIds.map(String) } },
        admin.key,
      );
      expect(answer.errors).toBeUndefined();
      const report = answer.data?.report;
      expect(report.source).toBe(source);
      const want = await expected(db, { from: "2026-10-31", to: "2026-11-02", tz, groupBy, offerIds });
      const got = actual(report.rows, groupBy);
      expect(got.map(({ median, ...rest }) => rest)).toEqual(want.map(({ median, ...rest }) => rest));
      got.forEach((row, i) => {
        const m = want[i]?.median ?? null;
        if (m === null) expect(row.median).toBeNull();
        else expect(row.median).toBeCloseTo(m, 3);
      });
      // The same numbers when the median is not asked for.
      expect(REPORT_NO_MEDIAN).not.toContain("medianClick");
      const lean = await api.call(
        REPORT_NO_MEDIAN,
        { from: "2026-10-31", to: "2026-11-02", tz, groupBy, filter: { offerIds: offerIds.map(String) } },
        admin.key,
      );
      expect(lean.errors).toBeUndefined();
      expect(actual(lean.data?.report.rows, groupBy).map(({ median, ...rest }) => rest)).toEqual(
        want.map(({ median, ...rest }) => rest),
      );
      // Not vacuous: the range holds clicks and conversions in more than one group.
      expect(want.length).toBeGreaterThan(1);
      expect(want.some((w) => w.approvedConversions !== "0")).toBe(true);
    },
  );

  test("status changes after the fact move every rollup with them (confirm, reject, then return)", async ({
    db,
    api,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser, {
      confirmationMode: "MANUAL",
      returnWindowDays: 400,
      defaultPayout: 900n,
      defaultRevenue: 1300n,
    });
    const publisher = await factories.createPublisher();
    const link = await factories.createLink(publisher, offer);
    // Around the US fall-back (2026-11-01 09:00Z): one click and one PENDING conversion every 50
    // minutes from 10-31 20:00Z, so the Los Angeles days and the UTC days cut them differently.
    const base = Date.parse("2026-10-31T20:00:00Z");
    const leads = [];
    for (let i = 0; i < 30; i++) {
      const createdAt = base + i * 50 * 60_000;
      const click: ClickRecord = {
        id: mintId(new Date(createdAt)),
        createdAt,
        status: "ACCEPTED",
        rejectReason: null,
        linkId: link.id,
        offerId: offer.id,
        publisherId: publisher.id,
        subs: {},
        source: null,
        country: i % 2 ? "US" : "DE",
        deviceType: i % 3 ? "MOBILE" : null,
        os: null,
        browser: null,
        referrer: null,
        ipHash: null,
        isUnique: true,
        isBot: false,
        fraudReason: null,
      };
      await storeClicks(db, [click]);
      leads.push(
        await factories.createConversion(offer, publisher, {
          clickId: click.id,
          clickAt: new Date(createdAt),
          convertedAt: new Date(createdAt + 20 * 60_000),
          status: "PENDING",
          country: click.country,
          deviceType: click.deviceType,
        }),
      );
    }
    const admin = await callerFor(db, "ADMIN");
    const owner = await callerFor(db, "ADVERTISER", advertiser);
    const range = { from: "2026-10-31", to: "2026-11-02" };
    const matchesRaw = async () => {
      for (const [groupBy, tz, source] of [
        [["DAY"], "UTC", "DAILY_SEGMENTS"],
        [["DAY", "COUNTRY"], "UTC", "DAILY_SEGMENTS"],
        [["DAY"], "America/Los_Angeles", "HOURLY_OFFERS"],
        [["HOUR"], "UTC", "HOURLY_OFFERS"],
        [["DAY", "PUBLISHER"], "America/Los_Angeles", "HOURLY"],
      ] as [Group[], string, string][]) {
        for (const query of [REPORT, REPORT_NO_MEDIAN]) {
          const answer = await api.call(
            query,
            { ...range, tz, groupBy, filter: { offerIds: [String(offer.id)] } },
            admin.key,
          );
          expect(answer.errors).toBeUndefined();
          expect(answer.data?.report.source).toBe(source);
          const want = await expected(db, { ...range, tz, groupBy, offerIds: [offer.id] });
          expect(actual(answer.data?.report.rows, groupBy).map(({ median, ...rest }) => rest)).toEqual(
            want.map(({ median, ...rest }) => rest),
          );
        }
      }
    };
    await matchesRaw();
    const confirm = mutation("confirmLeads", "$ids: [ID!]!", "ids: $ids", "{ id status }");
    const reject = mutation(
      "rejectLeads",
      "$ids: [ID!]!, $reason: String!",
      "ids: $ids, reason: $reason",
      "{ id }",
    );
    const giveBack = mutation(
      "returnLead",
      "$id: ID!, $reason: String!",
      "id: $id, reason: $reason",
      "{ status }",
    );
    const ids = leads.map((l) => l.id);
    expectOk(await api.call(confirm, { ids: ids.slice(0, 20) }, owner.key), "confirmLeads");
    expectOk(
      await api.call(reject, { ids: ids.slice(20, 25), reason: "not a lead" }, owner.key),
      "rejectLeads",
    );
    await matchesRaw();
    for (const id of ids.slice(0, 4)) {
      const returned = expectOk(await api.call(giveBack, { id, reason: "fake" }, owner.key), "returnLead");
      expect(returned).toMatchObject({ status: "REVERSED" });
    }
    await matchesRaw();
    const rollups = await conversionRollups(db, [offer.id]);
    expect(rollups.stored).toEqual(rollups.recounted);
    // Not vacuous: every status is in the range now, with money on the approved ones.
    const totals = await api.call(REPORT_NO_MEDIAN, { ...range, tz: "UTC", groupBy: ["OFFER"] }, owner.key);
    expect(totals.data?.report.rows).toEqual([
      expect.objectContaining({
        conversions: "30",
        approvedConversions: "16",
        pendingConversions: "5",
        rejectedConversions: "5",
        reversedConversions: "4",
        revenue: expect.objectContaining({ amount: String(16 * 1300) }),
      }),
    ]);
  });

  test("concurrent bulk confirms and rejects over the same hours keep the rollups exact", async ({
    db,
    api,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const offers = [
      await factories.createOffer(advertiser, { confirmationMode: "MANUAL" }),
      await factories.createOffer(advertiser, { confirmationMode: "MANUAL", currency: "EUR" }),
    ];
    const publishers = [await factories.createPublisher(), await factories.createPublisher()];
    const base = Date.parse("2026-11-10T00:00:00Z");
    const ids: string[] = [];
    for (let i = 0; i < 72; i++) {
      const lead = await factories.createConversion(
        offers[i % 2] as Offer,
        publishers[(i >> 1) % 2] as Publisher,
        {
          convertedAt: new Date(base + (Math.floor(i / 2) % 6) * 3_600_000 + i * 1000),
          status: "PENDING",
          country: i % 3 ? "US" : null,
          deviceType: i % 4 ? "DESKTOP" : "TABLET",
        },
      );
      ids.push(lead.id);
    }
    const owner = await callerFor(db, "ADVERTISER", advertiser);
    const confirm = mutation("confirmLeads", "$ids: [ID!]!", "ids: $ids", "{ id }");
    const reject = mutation(
      "rejectLeads",
      "$ids: [ID!]!, $reason: String!",
      "ids: $ids, reason: $reason",
      "{ id }",
    );
    // Six transactions at once, each touching every hour and both offers (so the same rollup rows),
    // half of them with their ids in reverse order.
    const batches = Array.from({ length: 6 }, (_, b) => {
      const mine = ids.slice(b * 12, b * 12 + 12);
      return b % 2 ? mine.reverse() : mine;
    });
    const answers = await Promise.all(
      batches.map((batch, b) =>
        b < 3
          ? api.call(confirm, { ids: batch }, owner.key)
          : api.call(reject, { ids: batch, reason: "not a lead" }, owner.key),
      ),
    );
    answers.forEach((answer, b) => {
      expectOk(answer, b < 3 ? "confirmLeads" : "rejectLeads");
    });
    const rollups = await conversionRollups(
      db,
      offers.map((o) => o.id),
    );
    expect(rollups.stored).toEqual(rollups.recounted);
    const approved = rollups.stored.hourly.reduce((n, r) => n + Number(r.approved), 0);
    const rejected = rollups.stored.hourly.reduce((n, r) => n + Number(r.rejected), 0);
    expect([approved, rejected]).toEqual([36, 36]);
    expect(rollups.stored.hourly.length).toBe(12);
  });

  fixtureTest(
    "a Los Angeles day is 25 hours on the fall-back and starts at local midnight",
    async ({ db, api }) => {
      const admin = await callerFor(db, "ADMIN");
      const answer = await api.call(
        REPORT,
        { from: "2026-11-01", to: "2026-11-01", tz: "America/Los_Angeles", groupBy: ["DAY"] },
        admin.key,
      );
      expect(answer.data?.report).toMatchObject({
        start: "2026-11-01T07:00:00.000Z",
        end: "2026-11-02T08:00:00.000Z",
      });
    },
  );

  fixtureTest("derived metrics and money follow the row's own currency", async ({ db, api, fixture }) => {
    const finance = await callerFor(db, "FINANCE");
    const answer = await api.call(
      REPORT,
      {
        from: "2026-10-29",
        to: "2026-11-04",
        groupBy: ["OFFER"],
        filter: { offerIds: fixture.offers.map((o) => String(o.id)) },
      },
      finance.key,
    );
    const rows = answer.data?.report.rows as Data[];
    expect(rows.map((r) => r.currency).sort()).toEqual(["EUR", "USD", "USD"]);
    for (const row of rows) {
      const payout = BigInt(row.payout.amount);
      const revenue = BigInt(row.revenue.amount);
      expect(row.payout.currency).toBe(row.currency);
      expect(BigInt(row.profit.amount)).toBe(revenue - payout);
      expect(row.epc.amount).toBe(((payout * 100n) / BigInt(row.clicks)).toString());
      expect(row.marginBps).toBe(Number(((revenue - payout) * 10_000n) / revenue));
      expect(row.conversionRate).toMatch(/^0\.\d{6}$/);
    }
  });
});

describe("report in zones whose days cut UTC hours (rollup plus raw edge hours)", () => {
  const ranges: [string, string, string][] = [
    ["Asia/Kolkata", "2026-10-31", "2026-11-02"],
    ["Asia/Kathmandu", "2026-10-31", "2026-11-02"],
    ["Australia/Adelaide", "2026-10-03", "2026-10-04"],
  ];
  const groupings: Group[][] = [["DAY"], ["DAY", "OFFER"], ["COUNTRY", "DEVICE"]];
  const scopes = ["ADMIN", "ADVERTISER", "PUBLISHER"] as const;
  const cases = ranges.flatMap(([tz, from, to]) =>
    groupings.flatMap((groupBy) => scopes.map((scope) => ({ tz, from, to, groupBy, scope }))),
  );
  fixtureTest.for(cases)(
    "$scope: $groupBy in $tz, $from to $to, matches raw rows",
    async ({ tz, from, to, groupBy, scope }, { db, api, fixture }) => {
      const [usd1, usd2] = fixture.offers as [Offer, Offer, Offer];
      const [p1] = fixture.publishers as [Publisher, Publisher];
      const caller =
        scope === "ADMIN"
          ? await callerFor(db, "ADMIN")
          : scope === "ADVERTISER"
            ? await callerFor(
                db,
                "ADVERTISER",
                await db.advertiser.findUniqueOrThrow({ where: { id: usd1.advertiserId } }),
              )
            : await callerFor(db, "PUBLISHER", p1);
      const offerIds = scope === "ADVERTISER" ? [usd1.id, usd2.id] : fixture.offers.map((o) => o.id);
      const answer = await api.call(
        REPORT,
        { from, to, tz, groupBy, filter: { offerIds: fixture.offers.map((o) => String(o.id)) } },
        caller.key,
      );
      expect(answer.errors).toBeUndefined();
      const report = answer.data?.report;
      const segments = groupBy.includes("COUNTRY");
      expect(report.source).toBe(
        scope === "PUBLISHER" ? (segments ? "SEGMENTS" : "HOURLY") : segments ? "SEGMENTS" : "HOURLY_OFFERS",
      );
      const want = (
        await expected(db, {
          from,
          to,
          tz,
          groupBy,
          offerIds,
          ...(scope === "PUBLISHER" ? { publisherId: p1.id } : {}),
        })
      ).map(({ median, ...rest }) => ({
        ...rest,
        payout: scope === "ADVERTISER" ? "hidden" : rest.payout,
        revenue: scope === "PUBLISHER" ? "hidden" : rest.revenue,
      }));
      const got = actual(report.rows, groupBy).map(({ median, ...rest }) => rest);
      expect(got).toEqual(want);
      expect(want.length).toBeGreaterThan(1);
      expect(want.some((w) => w.approvedConversions !== "0")).toBe(true);
    },
  );

  fixtureTest(
    "a click at 18:29:59.999Z is the day before in Kolkata, one at 18:30Z the day after",
    async ({ db, api, fixture }) => {
      const admin = await callerFor(db, "ADMIN");
      const vars = {
        tz: "Asia/Kolkata",
        groupBy: ["DAY"],
        filter: { offerIds: fixture.offers.map((o) => String(o.id)) },
      };
      const day = async (date: string) => {
        const rows = (await api.call(REPORT, { ...vars, from: date, to: date }, admin.key)).data?.report
          .rows as Data[];
        return rows.reduce((n, r) => n + Number(r.clicks), 0);
      };
      const raw = async (from: string, to: string) =>
        Number(
          (
            await db.$queryRawUnsafe<{ n: bigint }[]>(
              `SELECT count(*) AS n FROM clicks WHERE offer_id IN (${fixture.offers.map((o) => o.id).join(",")})
             AND publisher_id IS NOT NULL AND created_at >= '${from}' AND created_at < '${to}'`,
            )
          )[0]?.n ?? 0,
        );
      // Local 2026-11-01 is [10-31T18:30Z, 11-01T18:30Z): it holds the 18:30:00.000 click, not the one before.
      expect(await day("2026-11-01")).toBe(await raw("2026-10-31T18:30:00Z", "2026-11-01T18:30:00Z"));
      // Not vacuous: a click sits on each side of both boundaries, and the days add up.
      expect(await raw("2026-10-31T18:29:59.999Z", "2026-10-31T18:30:00.001Z")).toBe(2);
      expect(await raw("2026-11-01T18:29:59.999Z", "2026-11-01T18:30:00.001Z")).toBe(2);
      expect((await day("2026-10-31")) + (await day("2026-11-01"))).toBe(
        await raw("2026-10-30T18:30:00Z", "2026-11-01T18:30:00Z"),
      );
    },
  );
});

describe("report scoping", () => {
  fixtureTest(
    "a publisher sees its own rows and payout, never revenue, profit or margin",
    async ({ db, api, fixture }) => {
      const [p1, p2] = fixture.publishers as [Publisher, Publisher];
      const me = await callerFor(db, "PUBLISHER", p1);
      const offerIds = fixture.offers.map((o) => o.id);
      const vars = { from: "2026-10-30", to: "2026-11-03", tz: "UTC", groupBy: ["OFFER"] };
      const answer = await api.call(REPORT, vars, me.key);
      expect(answer.errors).toBeUndefined();
      const rows = answer.data?.report.rows as Data[];
      const want = await expected(db, { ...vars, groupBy: ["OFFER"], offerIds, publisherId: p1.id });
      expect(rows.map((r) => [r.offerId, r.clicks, r.approvedConversions, r.payout.amount])).toEqual(
        want.map((w) => [w.key[0], w.clicks, w.approvedConversions, w.payout]),
      );
      expect(rows.length).toBe(2);
      for (const row of rows) {
        expect(row.revenue).toBeNull();
        expect(row.profit).toBeNull();
        expect(row.marginBps).toBeNull();
        expect(row.epc).not.toBeNull();
      }
      // Asking for another publisher's rows gives nothing of theirs.
      const theirs = await api.call(
        REPORT,
        { ...vars, groupBy: ["PUBLISHER"], filter: { publisherIds: [String(p2.id)] } },
        me.key,
      );
      expect(theirs.data?.report.rows).toEqual([]);
      const mixed = await api.call(
        REPORT,
        { ...vars, groupBy: ["PUBLISHER"], filter: { publisherIds: [String(p1.id), String(p2.id)] } },
        me.key,
      );
      // One row per currency (p1 runs a USD and a EUR offer), all of them p1's.
      expect(((mixed.data?.report.rows ?? []) as Data[]).map((r) => [r.publisherId, r.currency])).toEqual([
        [String(p1.id), "EUR"],
        [String(p1.id), "USD"],
      ]);
    },
  );

  fixtureTest(
    "an advertiser sees its offers and their cost, never payout, EPC or margin",
    async ({ db, api, fixture }) => {
      const [usd1, usd2, eur] = fixture.offers as [Offer, Offer, Offer];
      const advertiser = await db.advertiser.findUniqueOrThrow({ where: { id: usd1.advertiserId } });
      const me = await callerFor(db, "ADVERTISER", advertiser);
      const vars = { from: "2026-10-30", to: "2026-11-03", tz: "UTC", groupBy: ["OFFER"] };
      const answer = await api.call(REPORT, vars, me.key);
      const rows = answer.data?.report.rows as Data[];
      const want = await expected(db, { ...vars, groupBy: ["OFFER"], offerIds: [usd1.id, usd2.id] });
      expect(rows.map((r) => [r.offerId, r.clicks, r.conversions, r.revenue.amount])).toEqual(
        want.map((w) => [w.key[0], w.clicks, w.conversions, w.revenue]),
      );
      for (const row of rows) {
        expect(row.payout).toBeNull();
        expect(row.epc).toBeNull();
        expect(row.profit).toBeNull();
        expect(row.marginBps).toBeNull();
      }
      const other = await api.call(REPORT, { ...vars, filter: { offerIds: [String(eur.id)] } }, me.key);
      expect(other.data?.report.rows).toEqual([]);
      const otherAdvertiser = await api.call(
        REPORT,
        { ...vars, groupBy: ["ADVERTISER"], filter: { advertiserIds: [String(eur.advertiserId)] } },
        me.key,
      );
      expect(otherAdvertiser.data?.report.rows).toEqual([]);
    },
  );

  fixtureTest(
    "admin sees the conversion without a publisher; a publisher does not",
    async ({ db, api, fixture }) => {
      const [usd1] = fixture.offers as [Offer];
      const admin = await callerFor(db, "ADMIN");
      const vars = {
        from: "2026-11-01",
        to: "2026-11-01",
        groupBy: ["PUBLISHER"],
        filter: { offerIds: [String(usd1.id)] },
      };
      const rows = (await api.call(REPORT, vars, admin.key)).data?.report.rows as Data[];
      expect(rows.find((r) => r.publisherId === null)).toMatchObject({
        conversions: "1",
        rejectedConversions: "1",
      });
    },
  );
});

describe("report input", () => {
  fixtureTest.for([
    [{ tz: "Not/AZone" }, "IANA time zone"],
    [{ from: "2026-11-05", to: "2026-11-01" }, "must not be before from"],
    [{ from: "2025-01-01", to: "2026-11-01" }, "at most 400 days"],
    [{ groupBy: [] }, "at least one grouping"],
    [{ groupBy: ["DAY", "DAY"] }, "must not repeat"],
    [{ from: "2026-13-01" }, "real date"],
    [{ filter: { countries: ["usa"] } }, "alpha-2"],
  ] as [Record<string, unknown>, string][])("%j → invalid_input", async ([change, message], { db, api }) => {
    const admin = await callerFor(db, "ADMIN");
    const answer = await api.call(
      REPORT,
      { from: "2026-11-01", to: "2026-11-02", tz: "UTC", groupBy: ["DAY"], ...change },
      admin.key,
    );
    expect(answer.errors?.[0]?.extensions?.code).toBe("invalid_input");
    expect(answer.errors?.[0]?.message).toContain(message);
  });

  test("anonymous callers must authenticate", async ({ api }) => {
    const answer = await api.call(REPORT, { from: "2026-11-01", to: "2026-11-02", groupBy: ["DAY"] });
    expect(answer.errors?.[0]?.extensions?.code).toBe("unauthenticated");
  });
});
