// What the click path learns about the visitor: unique (same IP + UA + link within 24 h), bot,
// device, country (trusted proxy + offline database, or a trusted CDN header), and that offers'
// targeting uses it. Runs a tracker behind one trusted proxy, so tests choose the visitor's IP with
// X-Forwarded-For.
import type { Prisma } from "@leadrail/db";
import { classifyUserAgent } from "../../tracker/src/clicks/visitor/user-agent.ts";
import { clickFraud } from "../../tracker/src/quality/click-signals.ts";
import type { Factories } from "../src/factories.ts";
import { test as base, describe, expect } from "../src/fixtures.ts";
import { click, type RunningTracker, startTracker, streamClicks } from "../src/tracker.ts";
import {
  browserUserAgents,
  crawlerUserAgent,
  crawlerUserAgentsToFlag,
  HUMAN_CRAWLER_LIST_ENTRIES,
  IN_APP_BROWSER_USER_AGENTS,
} from "../src/user-agent-samples.ts";

const test = base.extend(
  "tracker",
  { scope: "file" },
  async ({ db, databaseUrl, redisUrl, redisPrefix }, { onCleanup }): Promise<RunningTracker> => {
    const tracker = await startTracker(
      { db, databaseUrl, redisUrl, redisPrefix },
      { env: { TRUST_PROXY: "1", TRUSTED_COUNTRY_HEADER: "CF-IPCountry" } },
    );
    onCleanup(() => tracker.close());
    return tracker;
  },
);

const DESKTOP =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
// Well-known addresses whose registry country is stable: Google DNS (US), RIPE NCC (NL).
const US_IP = "8.8.8.8";
const NL_IP = "193.0.6.139";
const NL_IPV6 = "2001:67c:2e8:22::c100:68b";

async function recordedFor(redis: Parameters<typeof streamClicks>[0], linkId: number) {
  return (await streamClicks(redis)).map((e) => e.click).filter((c) => c.linkId === linkId);
}

async function setup(factories: Factories, offer: Partial<Prisma.OfferUncheckedCreateInput> = {}) {
  const advertiser = await factories.createAdvertiser();
  const publisher = await factories.createPublisher();
  const created = await factories.createOffer(advertiser, offer);
  const link = await factories.createLink(publisher, created);
  return { offer: created, link };
}

describe("unique flag", () => {
  test("the same IP and UA on the same link within 24 h is not unique; another UA or IP is", async ({
    factories,
    tracker,
    redis,
  }) => {
    const { link } = await setup(factories);
    const other = (await setup(factories)).link;
    const visits: [string, string, string][] = [
      [link.code, US_IP, DESKTOP],
      [link.code, US_IP, DESKTOP],
      [link.code, US_IP, IPHONE],
      [link.code, NL_IP, DESKTOP],
      [other.code, US_IP, DESKTOP],
    ];
    for (const [code, ip, ua] of visits) {
      const res = await click(tracker.url, `/c/${code}`, { "x-forwarded-for": ip, "user-agent": ua });
      expect(res.status).toBe(302);
    }
    const recorded = [...(await recordedFor(redis, link.id)), ...(await recordedFor(redis, other.id))];
    expect(recorded.map((c) => c.isUnique)).toEqual([true, false, true, true, true]);
    // The hash identifies the IP without being it, and does not depend on the UA.
    expect(recorded[0]?.ipHash).toBe(recorded[2]?.ipHash);
    expect(recorded[0]?.ipHash).not.toBe(recorded[3]?.ipHash);
    expect(JSON.stringify(recorded)).not.toContain(US_IP);
  });

  test("X-Forwarded-For entries left of the trusted proxy's are not believed", async ({
    factories,
    tracker,
    redis,
  }) => {
    const { link } = await setup(factories);
    // The proxy appends what it saw (NL); the visitor claimed to be US.
    await click(tracker.url, `/c/${link.code}`, {
      "x-forwarded-for": `${US_IP}, ${NL_IP}`,
      "user-agent": DESKTOP,
    });
    await click(tracker.url, `/c/${link.code}`, { "x-forwarded-for": NL_IP, "user-agent": DESKTOP });
    const [first, second] = await recordedFor(redis, link.id);
    expect(first?.country).toBe("NL");
    expect(second?.isUnique).toBe(false);
  });
});

describe("bot flag", () => {
  test("real crawlers are flagged and still redirected; real browsers are not flagged", async ({
    factories,
    tracker,
    redis,
  }) => {
    const { link } = await setup(factories);
    const crawlers = ["Googlebot\\/", "bingbot", "Ahrefs(Bot|SiteAudit)", "facebookexternalhit"].map(
      crawlerUserAgent,
    );
    const browsers = browserUserAgents().filter((_, i) => i % 100 === 0);
    for (const ua of [...crawlers, ...browsers.map((b) => b.userAgent), ""]) {
      const res = await click(tracker.url, `/c/${link.code}`, { "user-agent": ua });
      expect(res.status).toBe(302);
    }
    const recorded = await recordedFor(redis, link.id);
    expect(recorded.map((c) => c.isBot)).toEqual([
      ...crawlers.map(() => true),
      ...browsers.map(() => false),
      // No User-Agent at all: every browser sends one.
      true,
    ]);
    expect(recorded.slice(crawlers.length, -1).map((c) => c.deviceType)).toEqual(
      browsers.map((b) => b.deviceCategory.toUpperCase()),
    );
  });

  // The click path's verdict: the classifier, then the header checks (headless and Electron
  // browsers) — as click-route.ts combines them.
  const flagged = (ua: string) =>
    clickFraud({ userAgent: ua, acceptLanguage: "en-US,en;q=0.9", isBot: classifyUserAgent(ua).isBot }).isBot;

  test("every crawler of crawler-user-agents is flagged, except the few that are people's browsers", () => {
    const crawlers = crawlerUserAgentsToFlag();
    expect(crawlers.length).toBeGreaterThan(2000);
    expect(HUMAN_CRAWLER_LIST_ENTRIES.size).toBeLessThanOrEqual(5);
    expect(crawlers.filter((ua) => !flagged(ua))).toEqual([]);
  });

  test("no real browser of user-agents and no in-app browser is flagged, and devices are right", () => {
    const browsers = browserUserAgents();
    expect(browsers.length).toBeGreaterThan(500);
    expect(browsers.filter((b) => flagged(b.userAgent)).map((b) => b.userAgent)).toEqual([]);
    expect(IN_APP_BROWSER_USER_AGENTS.filter(flagged)).toEqual([]);
    const wrongDevice = browsers.filter(
      (b) => classifyUserAgent(b.userAgent).deviceType !== b.deviceCategory.toUpperCase(),
    );
    expect(wrongDevice).toEqual([]);
  });
});

describe("country and targeting", () => {
  test("country comes from the trusted CDN header, else from the IP database", async ({
    factories,
    tracker,
    redis,
  }) => {
    const { link } = await setup(factories);
    const visits: [Record<string, string>, string | null][] = [
      [{ "x-forwarded-for": US_IP }, "US"],
      [{ "x-forwarded-for": NL_IPV6 }, "NL"],
      [{ "x-forwarded-for": `::ffff:${NL_IP}` }, "NL"],
      [{ "x-forwarded-for": US_IP, "cf-ipcountry": "de" }, "DE"],
      // Cloudflare's "unknown" and "Tor" are not countries: the IP decides.
      [{ "x-forwarded-for": US_IP, "cf-ipcountry": "XX" }, "US"],
      [{ "x-forwarded-for": US_IP, "cf-ipcountry": "T1" }, "US"],
      [{ "x-forwarded-for": "10.1.2.3" }, null],
    ];
    for (const [headers] of visits) {
      expect(
        (await click(tracker.url, `/c/${link.code}`, { "user-agent": DESKTOP, ...headers })).status,
      ).toBe(302);
    }
    expect((await recordedFor(redis, link.id)).map((c) => c.country)).toEqual(
      visits.map(([, country]) => country),
    );
  });

  test("geo and device targeting reject with a reason; client hints count", async ({
    factories,
    tracker,
    redis,
  }) => {
    const { link } = await setup(factories, { countries: ["NL", "DE"], devices: ["MOBILE"] });
    const reduced =
      "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    const visits: [Record<string, string>, number, string | null][] = [
      [{ "x-forwarded-for": NL_IP, "user-agent": IPHONE }, 302, null],
      [{ "x-forwarded-for": US_IP, "user-agent": IPHONE }, 404, "geo_not_targeted"],
      [{ "x-forwarded-for": "10.0.0.1", "user-agent": IPHONE }, 404, "geo_not_targeted"],
      [{ "x-forwarded-for": NL_IP, "user-agent": DESKTOP }, 404, "device_not_targeted"],
      // Chromium's reduced UA of an Android phone reads as a tablet; the mobile hint says otherwise.
      [
        {
          "x-forwarded-for": NL_IP,
          "user-agent": reduced,
          "sec-ch-ua-mobile": "?1",
          "sec-ch-ua-platform": '"Android"',
        },
        302,
        null,
      ],
    ];
    for (const [headers, status] of visits) {
      expect((await click(tracker.url, `/c/${link.code}`, headers)).status).toBe(status);
    }
    const recorded = await recordedFor(redis, link.id);
    expect(recorded.map((c) => c.rejectReason)).toEqual(visits.map(([, , reason]) => reason));
    expect(recorded[4]).toMatchObject({ deviceType: "MOBILE", os: "Android", status: "ACCEPTED" });
  });
});
