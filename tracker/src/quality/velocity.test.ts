import { describe, expect, test } from "vitest";
import type { ClickRecord } from "../tracking/click-record.ts";
import { velocityCounters, velocityFlags } from "./velocity.ts";

const minute = 29_000_000 * 60_000;
let n = 0;
function click(overrides: Partial<ClickRecord> = {}): ClickRecord {
  n += 1;
  return {
    id: `c${n}`,
    createdAt: minute + n,
    status: "ACCEPTED",
    rejectReason: null,
    linkId: 1,
    offerId: 1,
    publisherId: 1,
    subs: {},
    source: null,
    country: null,
    deviceType: null,
    os: null,
    browser: null,
    referrer: null,
    ipHash: "ip-a",
    isUnique: true,
    isBot: false,
    fraudReason: null,
    ...overrides,
  };
}

/** Runs the pure halves as the flagger would, with counters that held `before` already. */
function flag(clicks: ClickRecord[], before: Record<string, number> = {}, limits = { perIp: 3, perLink: 2 }) {
  const counters = velocityCounters("p:", clicks);
  const totals = new Map([...counters.values()].map((c) => [c.key, (before[c.key] ?? 0) + c.clicks.length]));
  return Object.fromEntries(velocityFlags(counters, totals, limits));
}

describe("click velocity", () => {
  test("counts only accepted clicks with an IP hash, per IP and per link + IP in the click's minute", () => {
    const counters = velocityCounters("p:", [
      click(),
      click({ status: "REJECTED" }),
      click({ ipHash: null }),
      click({ linkId: 2 }),
    ]);
    const sizes = Object.fromEntries([...counters.values()].map((c) => [c.key, c.clicks.length]));
    const m = Math.floor(minute / 60_000);
    expect(sizes).toEqual({
      [`p:velocity:ip:ip-a:${m}`]: 2,
      [`p:velocity:link:1:ip-a:${m}`]: 1,
      [`p:velocity:link:2:ip-a:${m}`]: 1,
    });
  });

  test("the limit-th click passes; the one after is flagged (link before IP)", () => {
    const a = [click(), click(), click()];
    expect(flag(a)).toEqual({ [a[2]?.id as string]: "velocity_link" });
    const b = [click({ linkId: 1 }), click({ linkId: 2 }), click({ linkId: 3 }), click({ linkId: 4 })];
    expect(flag(b)).toEqual({ [b[3]?.id as string]: "velocity_ip" });
  });

  test("earlier batches in the same minute count", () => {
    const m = Math.floor(minute / 60_000);
    const c = click({ linkId: 9 });
    expect(flag([c], { [`p:velocity:ip:ip-a:${m}`]: 3 })).toEqual({ [c.id]: "velocity_ip" });
    expect(flag([c], { [`p:velocity:ip:ip-a:${m}`]: 2 })).toEqual({});
  });

  test("another minute or another IP starts again", () => {
    const clicks = [click(), click(), click({ createdAt: minute + 60_000 }), click({ ipHash: "ip-b" })];
    expect(flag(clicks)).toEqual({});
  });

  test("a counter Redis did not answer flags nothing", () => {
    const clicks = [click(), click(), click()];
    const counters = velocityCounters("p:", clicks);
    expect(Object.fromEntries(velocityFlags(counters, new Map(), { perIp: 1, perLink: 1 }))).toEqual({});
  });
});
