// Tracking links: the short code in /c/<code>. The URL publishers paste into their traffic sources is
// spelled by trackingUrl in @leadrail/db/macros, beside the sub-ID list the tracker reads.
import { generateSecret } from "@leadrail/db";

/** 96 random bits, url-safe (16 characters): unguessable, so links cannot be enumerated. */
export function newLinkCode(): string {
  return generateSecret(12);
}
