// The hidden token that ties a lead form to the click (and link) it was rendered for. A submission
// must carry a token we issued for the same link and click id within the last day: a script cannot
// post leads for arbitrary click ids without first loading each form, and a stale or copied form
// is refused instead of recorded. No cookies, so it works without JavaScript and in any browser.
import { createHmac, timingSafeEqual } from "node:crypto";

export const FORM_TOKEN_TTL_SECONDS = 24 * 3600;
const CLOCK_SKEW_SECONDS = 300;

function mac(secret: string, code: string, clickId: string, issuedAt: number): Buffer {
  return createHmac("sha256", secret).update(`lead-form:v1:${code}:${clickId}:${issuedAt}`).digest();
}

export function issueFormToken(
  secret: string,
  code: string,
  clickId: string | null,
  now = new Date(),
): string {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return `${issuedAt}.${mac(secret, code, clickId ?? "", issuedAt).toString("base64url")}`;
}

export function verifyFormToken(
  secret: string,
  token: string,
  code: string,
  clickId: string | null,
  now = new Date(),
): boolean {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match?.[1] || !match[2]) return false;
  const issuedAt = Number(match[1]);
  const age = now.getTime() / 1000 - issuedAt;
  if (age > FORM_TOKEN_TTL_SECONDS || age < -CLOCK_SKEW_SECONDS) return false;
  const given = Buffer.from(match[2], "base64url");
  const expected = mac(secret, code, clickId ?? "", issuedAt);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
