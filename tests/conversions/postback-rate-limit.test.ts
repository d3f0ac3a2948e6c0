// Postbacks failing authentication are limited per client address: up to the limit each is refused
// (401/403) and logged; the next is answered 429 and leaves one summary row (reason rate_limited);
// later ones are answered 429 and leave nothing. Authenticated postbacks are never limited.

import {
  createRedisClick,
  createWorld,
  describe,
  expect,
  test as kitTest,
  logRows,
  startTracker,
} from "../src/conversion-kit.ts";

const LIMIT = 3;

// TRUST_PROXY=1 so that each test can speak from addresses of its own through X-Forwarded-For.
const test = kitTest.extend("limited", { scope: "file" }, async ({ db, redis }, { onCleanup }) => {
  const tracker = await startTracker({
    db,
    redis,
    authFailureLimit: { limit: LIMIT, windowSeconds: 60 },
    trustProxyHops: 1,
  });
  onCleanup(() => tracker.close());
  return tracker;
});

async function postbackFrom(base: string, ip: string, params: Record<string, string>) {
  const res = await fetch(`${base}/postback?${new URLSearchParams(params)}`, {
    headers: { "x-forwarded-for": ip },
  });
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    body: (await res.json()) as Record<string, unknown>,
  };
}

describe("postbacks failing authentication", () => {
  test("beyond the limit: 429, one summary row, then nothing logged", async ({
    limited,
    factories,
    db,
    redis,
    redisPrefix,
  }) => {
    const { offer } = await createWorld(factories);
    const ip = "203.0.113.7";
    const bad = { offer_id: String(offer.id), click_id: "x", token: "wrong" };

    const statuses = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await postbackFrom(limited.url, ip, bad)).status);
    expect(statuses).toEqual([403, 403, 403]);

    const crossing = await postbackFrom(limited.url, ip, bad);
    expect(crossing).toEqual({
      status: 429,
      retryAfter: "60",
      body: {
        status: "rejected",
        reason: "rate_limited",
        message: "too many postbacks from this address failed authentication; try again later",
      },
    });
    // Missing credentials count as failures too.
    const later = [
      await postbackFrom(limited.url, ip, bad),
      await postbackFrom(limited.url, ip, { offer_id: String(offer.id), click_id: "x" }),
    ];
    expect(later.map((answer) => answer.status)).toEqual([429, 429]);

    const rows = await logRows(db, offer.id);
    expect(rows.map((row) => row.reason)).toEqual([
      "invalid_token",
      "invalid_token",
      "invalid_token",
      "rate_limited",
    ]);

    // The counter is this deployment's (prefixed) key and expires with its window.
    const ttl = await redis.ttl(`postback:auth-failures:${ip}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
    expect(redisPrefix).not.toBe("");
  });

  test("an authenticated postback from a limited address is recorded; other addresses are not limited", async ({
    limited,
    factories,
    db,
    redis,
  }) => {
    const { advertiser, offer, link } = await createWorld(factories);
    const ip = "203.0.113.8";
    const bad = { offer_id: String(offer.id), click_id: "x", token: "wrong" };
    for (let i = 0; i <= LIMIT; i++) await postbackFrom(limited.url, ip, bad);
    expect((await postbackFrom(limited.url, ip, bad)).status).toBe(429);

    const click = await createRedisClick(redis, link);
    const good = await postbackFrom(limited.url, ip, {
      click_id: click.id,
      token: advertiser.postbackSecret,
    });
    expect(good.status).toBe(200);
    expect(good.body.status).toBe("recorded");

    const elsewhere = await postbackFrom(limited.url, "198.51.100.20", bad);
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.reason).toBe("invalid_token");
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(1);
  });
});
