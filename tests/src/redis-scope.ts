// One Redis key prefix per test file. ioredis adds `keyPrefix` to every key argument, so code under test
// that takes a client writes under the prefix without knowing it; closing the scope deletes the keys.
import { Redis } from "ioredis";
import { redisFilePrefix } from "./test-env.ts";

export interface RedisScope {
  redis: Redis;
  prefix: string;
  /** Deletes every key under the prefix and disconnects. */
  close(): Promise<void>;
}

/** Deletes keys matching a glob. SCAN's MATCH is not prefixed by ioredis, so pass the full pattern. */
export async function deleteKeys(redis: Redis, pattern: string): Promise<number> {
  let cursor = "0";
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    cursor = next;
    // Keys from SCAN are full names; a prefixed client would prefix them a second time on DEL.
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== "0");
  return deleted;
}

export function openRedisScope(options: { redisUrl: string; runTag: string }): RedisScope {
  const prefix = redisFilePrefix(options.runTag);
  const redis = new Redis(options.redisUrl, { keyPrefix: prefix, maxRetriesPerRequest: 1 });
  return {
    redis,
    prefix,
    async close() {
      const cleaner = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
      try {
        await deleteKeys(cleaner, `${prefix}*`);
      } finally {
        cleaner.disconnect();
        redis.disconnect();
      }
    },
  };
}
