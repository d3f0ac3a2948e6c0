// In-process cache of link configurations: the click path reads PostgreSQL only on a miss.
//
// - Positive entries live `ttlMs`, unknown codes `negativeTtlMs` (so a flood of one bad code costs one
//   query per interval, and a link created a moment ago starts working soon even if no message comes).
//   Both are bounded LRUs: random codes cannot grow memory without limit.
// - Concurrent misses for one code share one query.
// - The API publishes {type, id} on `configChannel(prefix)` when an offer, link, publisher or advertiser
//   changes (an account's status: api/src/events/invalidate.ts);
//   matching entries are dropped at once. A load that was in flight when a message arrived is not
//   cached (its answer may predate the change), and after the subscriber reconnects everything is
//   dropped, since messages sent while it was away are lost.

import type { LinkConfig } from "@leadrail/db/link-config";
import type { Redis } from "ioredis";
import { LRUCache } from "lru-cache";
import type { Logger } from "pino";
import { z } from "zod";
import { configChannel } from "../tracking/click-record.ts";

export const InvalidationMessage = z.object({
  type: z.enum(["offer", "link", "publisher", "advertiser"]),
  id: z.number().int(),
});
export type Invalidation = z.infer<typeof InvalidationMessage>;

export interface LinkConfigCacheOptions {
  load: (code: string) => Promise<LinkConfig | null>;
  ttlMs: number;
  negativeTtlMs: number;
  maxEntries?: number;
  maxNegativeEntries?: number;
}

export interface LinkConfigCache {
  get(code: string): Promise<LinkConfig | null>;
  /**
   * A cached answer without a promise (the click path's hit costs no microtask): the config, null for a
   * code known not to exist, undefined when only `get` can tell.
   */
  cached(code: string): LinkConfig | null | undefined;
  invalidate(message: Invalidation): void;
  clear(): void;
  readonly stats: { hits: number; misses: number; loads: number };
}

const UNKNOWN = false;

export function createLinkConfigCache(options: LinkConfigCacheOptions): LinkConfigCache {
  const known = new LRUCache<string, LinkConfig>({ max: options.maxEntries ?? 100_000, ttl: options.ttlMs });
  const unknown = new LRUCache<string, typeof UNKNOWN>({
    max: options.maxNegativeEntries ?? 10_000,
    ttl: options.negativeTtlMs,
  });
  const inFlight = new Map<string, Promise<LinkConfig | null>>();
  let generation = 0;
  const stats = { hits: 0, misses: 0, loads: 0 };

  const load = (code: string): Promise<LinkConfig | null> => {
    const startedAt = generation;
    stats.loads += 1;
    const promise = options
      .load(code)
      .then((config) => {
        if (generation === startedAt) {
          if (config === null) unknown.set(code, UNKNOWN);
          else known.set(code, config);
        }
        return config;
      })
      .finally(() => inFlight.delete(code));
    inFlight.set(code, promise);
    return promise;
  };

  const cached = (code: string): LinkConfig | null | undefined => {
    const config = known.get(code);
    if (config !== undefined) {
      stats.hits += 1;
      return config;
    }
    if (unknown.has(code)) {
      stats.hits += 1;
      return null;
    }
    return undefined;
  };

  return {
    stats,
    cached,
    get(code) {
      const hit = cached(code);
      if (hit !== undefined) return Promise.resolve(hit);
      stats.misses += 1;
      return inFlight.get(code) ?? load(code);
    },
    invalidate({ type, id }) {
      generation += 1;
      for (const [code, config] of known.entries()) {
        const matches =
          (type === "link" && config.linkId === id) ||
          (type === "offer" && config.offerId === id) ||
          (type === "publisher" && config.publisherId === id) ||
          (type === "advertiser" && config.advertiserId === id);
        if (matches) known.delete(code);
      }
      // The message names an id, not a code: a new link may be one of the codes cached as unknown.
      if (type === "link") unknown.clear();
    },
    clear() {
      generation += 1;
      known.clear();
      unknown.clear();
    },
  };
}

/**
 * Subscribes `subscriber` (a connection of its own: a subscribed connection can do nothing else) to
 * the invalidation channel. Resolves once subscribed; `close()` unsubscribes and disconnects.
 */
export async function subscribeToInvalidations(options: {
  subscriber: Redis;
  keyPrefix: string;
  cache: LinkConfigCache;
  logger: Logger;
}): Promise<{ close(): Promise<void> }> {
  const { subscriber, cache, logger } = options;
  const channel = configChannel(options.keyPrefix);
  let subscribedOnce = false;
  subscriber.on("message", (from: string, text: string) => {
    if (from !== channel) return;
    let parsed: ReturnType<typeof InvalidationMessage.safeParse>;
    try {
      parsed = InvalidationMessage.safeParse(JSON.parse(text));
    } catch {
      parsed = InvalidationMessage.safeParse(undefined);
    }
    if (!parsed.success) {
      logger.warn({ channel }, "ignored a malformed config invalidation message");
      return;
    }
    cache.invalidate(parsed.data);
  });
  // ioredis re-subscribes after a reconnect; what was published meanwhile is gone, so start afresh.
  subscriber.on("ready", () => {
    if (subscribedOnce) {
      logger.info("config subscriber reconnected: dropping the whole link cache");
      cache.clear();
    }
  });
  await subscriber.subscribe(channel);
  subscribedOnce = true;
  return {
    async close() {
      await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
