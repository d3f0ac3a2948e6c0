// Shared-secret checks, all in constant time. Advertiser.postbackSecret authenticates postbacks
// (as `token=`, or as the HMAC key of a signed POST body); publisher postbacks are signed the same way
// with PublisherPostback.secret.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** Hashing both sides first gives equal lengths, so neither length nor content leaks by timing. */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}

/** The `X-Leadrail-Signature` value for a body: `sha256=<lower-case hex HMAC-SHA256>`. */
export function signBody(body: Buffer | string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export function signatureMatches(header: string, body: Buffer, secret: string): boolean {
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match?.[1]) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  return timingSafeEqual(Buffer.from(match[1], "hex"), expected);
}

export { pixelToken } from "@leadrail/db";
