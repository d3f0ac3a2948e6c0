// Secrets and how they are stored. Shared by the API (login, API keys) and the seed (demo logins).
import { createHash, createHmac, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/** argon2id with the library's defaults (OWASP-level memory cost). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

export interface NewApiKey {
  /** Shown once to the user, never stored. */
  key: string;
  prefix: string;
  keyHash: string;
}

/** `lr_` + 256 random bits. Random keys need no KDF: SHA-256 of the key is what we store and look up. */
export function generateApiKey(): NewApiKey {
  const key = `lr_${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, 10), keyHash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** URL-safe random secret (postback tokens, HMAC keys, session tokens). */
export function generateSecret(bytes = 24): string {
  return randomBytes(bytes).toString("base64url");
}

/**
 * The token for the image pixel of one offer: hex HMAC-SHA256 of `pixel:<offerId>` keyed with the
 * advertiser's postback secret. A pixel URL sits in a web page where every visitor can read it, so it
 * must not carry the secret that authenticates server-to-server postbacks; this token only works on
 * /pixel, for that one offer. The tracker checks it; the API shows it in the offer's instructions.
 */
export function pixelToken(postbackSecret: string, offerId: number): string {
  return createHmac("sha256", postbackSecret).update(`pixel:${offerId}`).digest("hex");
}
