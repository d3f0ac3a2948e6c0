// Who is calling the lead API: the API key's user, by the API's own rule (@leadrail/db api-key-auth.ts),
// remembered in Redis for a short while so a burst of leads costs one PostgreSQL lookup per key.
//
// The price of the cache is that a revoked key, a disabled user or a suspended account keeps working
// until its entry expires: at most `ttlSeconds` (LEAD_API_KEY_CACHE_SECONDS). Unknown keys are
// remembered too (for at most NEGATIVE_TTL_SECONDS), so a flood of made-up keys does not reach
// PostgreSQL either; a made-up key cannot be created later, so nothing valid is ever shadowed.
import { type ApiKeyUser, type Db, hashApiKey, looksLikeApiKey, resolveApiKey } from "@leadrail/db";
import type { Redis } from "ioredis";

const NEGATIVE_TTL_SECONDS = 5;

/** Key names carry only the key's hash: Redis never holds a usable key. Full names under the
 * tracker's REDIS_KEY_PREFIX (the convention in redis-clients.ts). */
export function apiKeyCacheKey(keyPrefix: string, key: string): string {
  return `${keyPrefix}lead-api:key:${hashApiKey(key)}`;
}

export type ApiKeyLookup = (key: string) => Promise<ApiKeyUser | null>;

export function createApiKeyLookup(deps: {
  redis: Redis;
  keyPrefix: string;
  db: Db;
  ttlSeconds: number;
}): ApiKeyLookup {
  const { redis, keyPrefix, db, ttlSeconds } = deps;
  return async (key) => {
    if (!looksLikeApiKey(key)) return null;
    const cacheKey = apiKeyCacheKey(keyPrefix, key);
    const cached = await redis.get(cacheKey);
    if (cached !== null) return cached === "" ? null : (JSON.parse(cached) as ApiKeyUser);
    const user = await resolveApiKey(db, key);
    await redis.set(
      cacheKey,
      user === null ? "" : JSON.stringify(user),
      "EX",
      user === null ? Math.min(NEGATIVE_TTL_SECONDS, ttlSeconds) : ttlSeconds,
    );
    return user;
  };
}
