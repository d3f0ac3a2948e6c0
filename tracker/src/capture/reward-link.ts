// The signed, expiring link to a lead's reward (GET /r/:token): the conversion id and the expiry,
// HMAC-signed with the form secret. Anyone holding the link until it expires gets the reward, which is
// the point (the visitor may open it on another device); nobody can mint one for another lead.
import { createHmac, timingSafeEqual } from "node:crypto";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function mac(secret: string, conversionId: string, expires: number): Buffer {
  return createHmac("sha256", secret).update(`reward:v1:${conversionId}:${expires}`).digest();
}

export function signRewardLink(secret: string, conversionId: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `${conversionId}.${expires}.${mac(secret, conversionId, expires).toString("base64url")}`;
}

export type RewardLinkCheck =
  | { ok: true; conversionId: string }
  | { ok: false; reason: "expired" | "forged" };

export function verifyRewardLink(secret: string, token: string, now = new Date()): RewardLinkCheck {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "forged" };
  const [conversionId = "", expiresText = "", signature = ""] = parts;
  if (!UUID.test(conversionId) || !/^\d{1,12}$/.test(expiresText) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) {
    return { ok: false, reason: "forged" };
  }
  const expires = Number(expiresText);
  const given = Buffer.from(signature, "base64url");
  const expected = mac(secret, conversionId, expires);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: "forged" };
  if (now.getTime() / 1000 > expires) return { ok: false, reason: "expired" };
  return { ok: true, conversionId };
}
