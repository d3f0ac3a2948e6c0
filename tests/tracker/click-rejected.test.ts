// Clicks that do not go to the offer: recorded as REJECTED with their reason, answered with the
// offer's fallback URL or a small 404 page. Junk requests: a 4xx and nothing recorded.
import { once } from "node:events";
import { createServer } from "node:net";
import { pino } from "pino";
import { createClickWriteConnection } from "../../tracker/src/redis-clients.ts";
import { configChannel } from "../../tracker/src/tracking/click-record.ts";
import { click, rawStatus, startTracker, streamClicks, streamLength } from "../src/tracker.ts";
import { describe, expect, test } from "../src/tracker-fixtures.ts";

const UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

describe("rejected clicks", () => {
  test("each reason is recorded; the fallback URL is used when the offer has one", async ({
    db,
    factories,
    tracker,
    redis,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const suspendedAdvertiser = await factories.createAdvertiser({ status: "SUSPENDED" });
    const publisher = await factories.createPublisher();
    const suspendedPublisher = await factories.createPublisher({ status: "SUSPENDED" });
    const fallbackUrl = "https://fallback.example/other-offers";
    const active = await factories.createOffer(advertiser, { fallbackUrl });
    const paused = await factories.createOffer(advertiser, { status: "PAUSED" });
    const gated = await factories.createOffer(advertiser, { visibility: "APPROVAL_REQUIRED", fallbackUrl });
    const ofSuspended = await factories.createOffer(suspendedAdvertiser);
    const applied = await factories.createPublisher();
    const approved = await factories.createPublisher();
    const blocked = await factories.createPublisher();
    await db.offerApplication.createMany({
      data: [
        { offerId: gated.id, publisherId: applied.id, status: "APPLIED" },
        { offerId: gated.id, publisherId: approved.id, status: "APPROVED" },
        { offerId: gated.id, publisherId: blocked.id, status: "APPROVED", blockedAt: new Date() },
        { offerId: active.id, publisherId: blocked.id, status: "APPROVED", blockedAt: new Date() },
      ],
    });

    const cases = [
      {
        link: await factories.createLink(publisher, active, { disabledAt: new Date() }),
        reason: "link_disabled",
        status: 302,
      },
      { link: await factories.createLink(publisher, paused), reason: "offer_not_active", status: 404 },
      { link: await factories.createLink(publisher, ofSuspended), reason: "offer_not_active", status: 404 },
      { link: await factories.createLink(publisher, gated), reason: "not_approved", status: 302 },
      { link: await factories.createLink(applied, gated), reason: "not_approved", status: 302 },
      { link: await factories.createLink(blocked, gated), reason: "not_approved", status: 302 },
      { link: await factories.createLink(blocked, active), reason: "not_approved", status: 302 },
      { link: await factories.createLink(suspendedPublisher, active), reason: "not_approved", status: 302 },
      { link: await factories.createLink(approved, gated), reason: null, status: 302 },
    ];
    for (const { link, reason, status } of cases) {
      const res = await click(tracker.url, `/c/${link.code}?sub1=s`, { "user-agent": UA });
      expect({ code: link.code, status: res.status }).toEqual({ code: link.code, status });
      const location = res.headers.get("location");
      if (reason !== null && status === 302) expect(location).toBe(fallbackUrl);
      if (status === 404) {
        expect(res.headers.get("content-type")).toMatch(/^text\/html/);
        expect(await res.text()).toContain("Link not found");
      }
      const recorded = (await streamClicks(redis)).map((e) => e.click).filter((c) => c.linkId === link.id);
      expect(recorded).toMatchObject([
        {
          status: reason === null ? "ACCEPTED" : "REJECTED",
          rejectReason: reason,
          offerId: link.offerId,
          publisherId: link.publisherId,
          subs: { sub1: "s" },
          isUnique: reason === null,
        },
      ]);
    }
  });

  test("an unknown code answers the 404 page and is recorded without link, offer or publisher", async ({
    tracker,
    redis,
  }) => {
    const before = await streamLength(redis);
    const res = await click(tracker.url, "/c/no-such-link-anywhere?sub1=x", { "user-agent": UA });
    expect(res.status).toBe(404);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const [last] = (await streamClicks(redis)).slice(before);
    expect(last?.click).toMatchObject({
      status: "REJECTED",
      rejectReason: "unknown_link",
      linkId: null,
      offerId: null,
      publisherId: null,
      subs: { sub1: "x" },
    });
  });

  test("an answer that throws after Redis confirmed gets the fast path's 500, and the tracker goes on", async ({
    tracker,
  }) => {
    const { metrics } = tracker.clickPath.deps;
    const inc = metrics.clicks.inc;
    // The rejected click's answer counts it first: make that throw, inside the recorder's callback.
    metrics.clicks.inc = () => {
      throw new Error("metrics broke");
    };
    try {
      const res = await click(tracker.url, "/c/no-such-link-either", { "user-agent": UA });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: "internal_error" });
    } finally {
      metrics.clicks.inc = inc;
    }
    expect((await click(tracker.url, "/c/no-such-link-either", { "user-agent": UA })).status).toBe(404);
  });
});

describe("junk input", () => {
  test("is answered 4xx with nothing recorded", async ({ factories, tracker, redis }) => {
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser);
    const link = await factories.createLink(await factories.createPublisher(), offer);
    const good = `/c/${link.code}`;
    // The control request: the same link does record a click.
    expect(await rawStatus(tracker.url, `GET ${good}?sub1=ok HTTP/1.1`)).toBe(302);

    const before = await streamLength(redis);
    const cases: [string, string, string[], number][] = [
      ["code too long", `/c/${"a".repeat(65)}`, [], 400],
      ["encoded space in the code", "/c/bad%20code", [], 400],
      ["dot in the code", "/c/bad.code", [], 400],
      ["no code", "/c/", [], 400],
      ["extra path segment", `${good}/extra`, [], 400],
      ["invalid percent-encoding", `${good}?sub1=%zz`, [], 400],
      ["truncated percent-encoding", `${good}?sub1=abc%2`, [], 400],
      ["invalid UTF-8", `${good}?sub1=%ff%fe`, [], 400],
      ["overlong UTF-8", `${good}?sub1=%C0%AF`, [], 400],
      ["lone surrogate", `${good}?sub1=%ED%A0%80`, [], 400],
      ["bad encoding in a name", `${good}?%zz=1`, [], 400],
      ["NUL in a value", `${good}?sub1=a%00b`, [], 400],
      ["newline in a value", `${good}?source=a%0d%0aSet-Cookie:x`, [], 400],
      ["value too long", `${good}?sub1=${"x".repeat(501)}`, [], 400],
      ["too many parameters", `${good}?${"a=1&".repeat(65)}`, [], 400],
      ["query too long", `${good}?sub1=x&pad=${"y".repeat(4100)}`, [], 414],
      ["User-Agent too long", good, [`User-Agent: ${"M".repeat(2000)}`], 431],
      ["client hint too long", good, [`Sec-CH-UA-Platform: "${"A".repeat(100)}"`], 431],
      [
        "headers over 16 KB",
        good,
        Array.from({ length: 20 }, (_, i) => `X-Junk-${i}: ${"j".repeat(1000)}`),
        431,
      ],
      ["space in the request target", `${good} x`, [], 400],
    ];
    for (const [what, target, headers, status] of cases) {
      expect({ what, status: await rawStatus(tracker.url, `GET ${target} HTTP/1.1`, headers) }).toEqual({
        what,
        status,
      });
    }
    expect(await streamLength(redis)).toBe(before);
  });
});

describe("link cache", () => {
  test("serves from memory until an invalidation message arrives", async ({
    db,
    factories,
    tracker,
    redisPrefix,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser);
    const link = await factories.createLink(publisher, offer);
    expect((await click(tracker.url, `/c/${link.code}`)).status).toBe(302);

    await db.offer.update({ where: { id: offer.id }, data: { status: "PAUSED" } });
    // Cached: the database is not read again on the hot path.
    expect((await click(tracker.url, `/c/${link.code}`)).status).toBe(302);

    const received = once(tracker.subscriber, "message");
    await tracker.redis.publish(configChannel(redisPrefix), JSON.stringify({ type: "offer", id: offer.id }));
    await received;
    expect((await click(tracker.url, `/c/${link.code}`)).status).toBe(404);
  });

  test("an unknown code is cached as unknown until a link message arrives", async ({
    db,
    factories,
    tracker,
    redisPrefix,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser);
    const code = `later-${offer.id}`;
    expect((await click(tracker.url, `/c/${code}`)).status).toBe(404);

    const link = await db.trackingLink.create({
      data: { publisherId: publisher.id, offerId: offer.id, code },
    });
    expect((await click(tracker.url, `/c/${code}`)).status).toBe(404);

    const received = once(tracker.subscriber, "message");
    await tracker.redis.publish(configChannel(redisPrefix), JSON.stringify({ type: "link", id: link.id }));
    await received;
    expect((await click(tracker.url, `/c/${code}`)).status).toBe(302);
  });

  test("a publisher message drops that publisher's links; malformed messages are ignored", async ({
    db,
    factories,
    tracker,
    redisPrefix,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser);
    const link = await factories.createLink(publisher, offer);
    expect((await click(tracker.url, `/c/${link.code}`)).status).toBe(302);
    await db.publisher.update({ where: { id: publisher.id }, data: { status: "SUSPENDED" } });

    for (const junk of [
      "not json",
      JSON.stringify({ type: "offer" }),
      JSON.stringify({ type: "x", id: 1 }),
    ]) {
      const received = once(tracker.subscriber, "message");
      await tracker.redis.publish(configChannel(redisPrefix), junk);
      await received;
    }
    expect((await click(tracker.url, `/c/${link.code}`)).status).toBe(302);

    const received = once(tracker.subscriber, "message");
    await tracker.redis.publish(
      configChannel(redisPrefix),
      JSON.stringify({ type: "publisher", id: publisher.id }),
    );
    await received;
    expect((await click(tracker.url, `/c/${link.code}`)).status).toBe(404);
  });
});

describe("Redis unavailable", () => {
  test("the click is refused with 503 and Retry-After, never redirected unrecorded", async ({
    db,
    databaseUrl,
    redisUrl,
    redisPrefix,
    factories,
    redis,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser);
    const link = await factories.createLink(await factories.createPublisher(), offer);
    // A port nobody listens on: the write connection never comes up.
    const probe = createServer().listen(0, "127.0.0.1");
    await once(probe, "listening");
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const deadRedis = createClickWriteConnection(`redis://127.0.0.1:${port}`, pino({ level: "silent" }));
    const tracker = await startTracker({ db, databaseUrl, redisUrl, redisPrefix }, { redis: deadRedis });
    try {
      const before = await streamLength(redis);
      const res = await click(tracker.url, `/c/${link.code}`, { "user-agent": UA });
      expect(res.status).toBe(503);
      expect(res.headers.get("location")).toBeNull();
      expect(res.headers.get("retry-after")).toBe("2");
      expect(await res.text()).toContain('http-equiv="refresh"');
      expect(await streamLength(redis)).toBe(before);

      const ready = await fetch(`${tracker.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ checks: { redis: "failed", postgres: "ok" } });
    } finally {
      await tracker.close();
    }
  });
});

describe("PostgreSQL unavailable", () => {
  test("a cached link keeps redirecting; an uncached one gets 503, not a guess", async ({
    db,
    databaseUrl,
    redisUrl,
    redisPrefix,
    factories,
    redis,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser);
    const publisher = await factories.createPublisher();
    const cached = await factories.createLink(publisher, offer);
    const uncached = await factories.createLink(publisher, offer);
    // A client whose queries can be switched to fail, as when the database goes away.
    let down = false;
    const flaky = new Proxy(db, {
      get(target, property, receiver) {
        if (property === "$queryRaw" && down) return () => Promise.reject(new Error("connection refused"));
        return Reflect.get(target, property, receiver);
      },
    });
    const tracker = await startTracker({ db: flaky, databaseUrl, redisUrl, redisPrefix });
    try {
      expect((await click(tracker.url, `/c/${cached.code}`)).status).toBe(302);
      down = true;
      const before = await streamLength(redis);
      expect((await click(tracker.url, `/c/${cached.code}`)).status).toBe(302);
      const res = await click(tracker.url, `/c/${uncached.code}`);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("2");
      // The cached link's click is recorded; the undecidable one is not.
      expect(await streamLength(redis)).toBe(before + 1);
    } finally {
      await tracker.close();
    }
  });
});
