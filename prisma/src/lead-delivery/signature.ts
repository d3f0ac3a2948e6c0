// The webhook's signature: `X-Leadrail-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`.
// Signing the timestamp with the body lets a receiver refuse an old request replayed by whoever
// captured it. Uses node:crypto, so it has its own subpath (@leadrail/db/lead-delivery-signature) and
// the dashboard's import of the rules does not pull it in.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Leadrail-Signature";
/** How old a signed request a receiver should still accept (docs/lead-delivery.md). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signLeadDelivery(body: string, secret: string, unixSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

/** What a receiver does (the docs' sample in TypeScript): right key, right body, recent enough. */
export function verifyLeadSignature(
  header: string,
  body: string,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header.trim());
  if (!match?.[1] || !match[2]) return false;
  const t = Number(match[1]);
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(Buffer.from(match[2], "hex"), expected);
}
