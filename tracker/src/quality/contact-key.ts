// The duplicate-lead key of an e-mail address or phone number: a keyed hash of its normalised form,
// so the check still works after a lead's personal data is erased, without keeping the contact.
// Pure.
import { createHmac } from "node:crypto";

// Providers where dots in the local part are ignored and `+tag` is an alias of the same mailbox.
const GMAIL_DOMAINS = new Set(["gmail.com", "googlemail.com"]);

/**
 * Lower-case; a `+tag` is dropped for every domain (sub-addressing is near-universal and a recycled
 * contact with `+1`, `+2`... is the usual trick), dots only for Gmail (elsewhere they can matter).
 * null for something that is not an address.
 */
export function normalizeEmail(email: string): string | null {
  const at = email.trim().toLowerCase();
  const split = at.lastIndexOf("@");
  if (split <= 0 || split === at.length - 1) return null;
  let local = at.slice(0, split);
  let domain = at.slice(split + 1);
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    local = local.replaceAll(".", "");
    domain = "gmail.com";
  }
  return local === "" ? null : `${local}@${domain}`;
}

export function emailDomain(email: string): string | null {
  const split = email.lastIndexOf("@");
  return split === -1
    ? null
    : email
        .slice(split + 1)
        .trim()
        .toLowerCase() || null;
}

/** `kind` separates the key spaces, so an e-mail never matches a phone with the same text. */
export function contactKey(secret: string, kind: "email" | "phone", normalised: string): string {
  return createHmac("sha256", secret)
    .update(`contact:${kind}:${normalised}`)
    .digest("base64url")
    .slice(0, 32);
}

export interface ContactKeys {
  emailKey: string | null;
  phoneKey: string | null;
}

/** Phones arrive in E.164 already (the lead form's validation); anything else is keyed as sent. */
export function contactKeys(
  secret: string,
  lead: { email: string | null; phone: string | null },
): ContactKeys {
  const email = lead.email === null ? null : normalizeEmail(lead.email);
  const phone = lead.phone?.replace(/[\s().-]/g, "") || null;
  return {
    emailKey: email === null ? null : contactKey(secret, "email", email),
    phoneKey: phone === null ? null : contactKey(secret, "phone", phone),
  };
}
