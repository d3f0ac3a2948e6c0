// A keyed hash of the visitor's IP: enough to tell repeat visitors apart (unique flag, fraud review)
// without storing the address. Keyed (HMAC) because a plain hash of an IPv4 address is reversed by
// hashing all 2^32 of them. 128 bits of the digest are plenty to avoid collisions.
//
// Hashes are cached per IP (bounded LRU): a visitor clicks several links, and an HMAC costs more than
// the rest of the click's bookkeeping.
import { createHmac } from "node:crypto";
import { LRUCache } from "lru-cache";

export function createIpHasher(secret: string, cacheSize = 10_000): (ip: string) => string {
  const cache = new LRUCache<string, string>({ max: cacheSize });
  return (ip) => {
    let hash = cache.get(ip);
    if (hash === undefined) {
      hash = createHmac("sha256", secret).update(ip).digest("hex").slice(0, 32);
      cache.set(ip, hash);
    }
    return hash;
  };
}
