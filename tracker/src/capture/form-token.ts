// The form token: issued with every form (HTML hidden input, the widget's JSON) and required with every
// submission. It binds the form key and the click id (a script cannot post leads for arbitrary click
// ids, nor reuse one form's token on another), carries its issue time (the minimum fill time counts
// from it) and a random nonce (a second submission of the same token is the same lead: a direct lead's
// transaction id is the nonce). No cookies: it works without JavaScript and across origins.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const FORM_TOKEN_TTL_SECONDS = 24 * 3600;
const CLOCK_SKEW_SECONDS = 300;

function mac(secret: string, key: string, clickId: string, issuedAt: number, nonce: string): Buffer {
  return createHmac("sha256", secret).update(`lead-form:v2:${key}:${clickId}:${issuedAt}:${nonce}`).digest();
}

export function issueFormToken(
  secret: string,
  key: string,
  clickId: string | null,
  now = new Date(),
): string {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const nonce = randomBytes(12).toString("base64url");
  return `${issuedAt}.${nonce}.${mac(secret, key, clickId ?? "", issuedAt, nonce).toString("base64url")}`;
}

export type TokenCheck =
  | { ok: true; issuedAt: number; nonce: string }
  | { ok: false; reason: "stale" | "invalid" };

export function verifyFormToken(
  secret: string,
  token: string,
  key: string,
  clickId: string | null,
  now = new Date(),
): TokenCheck {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match?.[1] || !match[2] || !match[3]) return { ok: false, reason: "invalid" };
  const issuedAt = Number(match[1]);
  const given = Buffer.from(match[3], "base64url");
  const expected = mac(secret, key, clickId ?? "", issuedAt, match[2]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "invalid" };
  }
  // Only a token we signed can be stale; a forged one is invalid whatever its time says.
  const age = now.getTime() / 1000 - issuedAt;
  if (age > FORM_TOKEN_TTL_SECONDS || age < -CLOCK_SKEW_SECONDS) return { ok: false, reason: "stale" };
  return { ok: true, issuedAt, nonce: match[2] };
}
