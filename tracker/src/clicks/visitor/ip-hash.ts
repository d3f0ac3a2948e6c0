// A keyed hash of the visitor's IP: enough to tell repeat visitors apart (unique flag, fraud review)
// without storing the address. Keyed (HMAC) because a plain hash of an IPv4 address is reversed by
// hashing all 2^32 of them. 128 bits of the digest are plenty to avoid collisions.
import { createHmac } from "node:crypto";

export function createIpHasher(secret: string): (ip: string) => string {
  return (ip) => createHmac("sha256", secret).update(ip).digest("hex").slice(0, 32);
}
