import type { LinkConfig } from "@leadrail/db/link-config";
import { describe, expect, it } from "vitest";
import { createLinkConfigCache } from "./config-cache.ts";

function config(linkId: number, offerId: number, publisherId: number, advertiserId = 1): LinkConfig {
  return {
    linkId,
    offerId,
    advertiserId,
    publisherId,
    linkDisabled: false,
    offerActive: true,
    approved: true,
    countries: new Set(),
    devices: new Set(),
    landing: { template: "https://adv.example/", origin: "https://adv.example", verbatim: true },
    landingProblem: null,
    hostedFormKey: null,
    fallbackUrl: null,
    defaultSubs: {},
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("link config cache", () => {
  it("loads once per code, shares concurrent misses and caches unknown codes", async () => {
    const loads: string[] = [];
    const pending = deferred<LinkConfig | null>();
    const cache = createLinkConfigCache({
      ttlMs: 60_000,
      negativeTtlMs: 60_000,
      load: (code) => {
        loads.push(code);
        return code === "a" ? pending.promise : Promise.resolve(null);
      },
    });
    const first = cache.get("a");
    const second = cache.get("a");
    pending.resolve(config(1, 2, 3));
    expect(await first).toBe(await second);
    expect(await cache.get("a")).toEqual(config(1, 2, 3));
    expect(await cache.get("nope")).toBeNull();
    expect(await cache.get("nope")).toBeNull();
    expect(loads).toEqual(["a", "nope"]);
  });

  it("answers cached codes without a promise, and only those", async () => {
    const cache = createLinkConfigCache({
      ttlMs: 60_000,
      negativeTtlMs: 60_000,
      load: (code) => Promise.resolve(code === "a" ? config(1, 2, 3) : null),
    });
    expect(cache.cached("a")).toBeUndefined();
    expect(cache.cached("nope")).toBeUndefined();
    await cache.get("a");
    await cache.get("nope");
    expect(cache.cached("a")).toEqual(config(1, 2, 3));
    expect(cache.cached("nope")).toBeNull();
    cache.invalidate({ type: "offer", id: 2 });
    expect(cache.cached("a")).toBeUndefined();
    expect(cache.stats).toEqual({ hits: 2, misses: 2, loads: 2 });
  });

  it("drops entries matching an invalidation, and unknown codes on any link message", async () => {
    const loads: string[] = [];
    const configs: Record<string, LinkConfig> = {
      a: config(1, 10, 100, 7),
      b: config(2, 20, 100, 8),
      c: config(3, 30, 300, 8),
    };
    const cache = createLinkConfigCache({
      ttlMs: 60_000,
      negativeTtlMs: 60_000,
      load: async (code) => {
        loads.push(code);
        return configs[code] ?? null;
      },
    });
    const all = async () => Promise.all(["a", "b", "c", "x"].map((code) => cache.get(code)));
    await all();
    loads.length = 0;

    cache.invalidate({ type: "offer", id: 20 });
    await all();
    expect(loads).toEqual(["b"]);

    loads.length = 0;
    cache.invalidate({ type: "publisher", id: 100 });
    await all();
    expect(loads).toEqual(["a", "b"]);

    loads.length = 0;
    cache.invalidate({ type: "advertiser", id: 8 });
    await all();
    expect(loads).toEqual(["b", "c"]);

    loads.length = 0;
    cache.invalidate({ type: "link", id: 3 });
    await all();
    expect(loads).toEqual(["c", "x"]);
  });

  it("does not cache a load that was in flight when an invalidation arrived", async () => {
    const answers = [deferred<LinkConfig | null>(), deferred<LinkConfig | null>()];
    let call = 0;
    const cache = createLinkConfigCache({
      ttlMs: 60_000,
      negativeTtlMs: 60_000,
      load: () => (answers[call++] as (typeof answers)[number]).promise,
    });
    const stale = cache.get("a");
    cache.invalidate({ type: "offer", id: 2 });
    answers[0]?.resolve(config(1, 2, 3));
    await stale;
    const fresh = cache.get("a");
    answers[1]?.resolve(config(1, 2, 4));
    expect((await fresh)?.publisherId).toBe(4);
    expect(call).toBe(2);
  });

  it("forgets failed loads so the next request tries again", async () => {
    let fail = true;
    const cache = createLinkConfigCache({
      ttlMs: 60_000,
      negativeTtlMs: 60_000,
      load: async () => {
        if (fail) throw new Error("database down");
        return config(1, 2, 3);
      },
    });
    await expect(cache.get("a")).rejects.toThrow("database down");
    fail = false;
    expect(await cache.get("a")).toEqual(config(1, 2, 3));
  });
});
