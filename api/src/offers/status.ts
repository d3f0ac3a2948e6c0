// Offer life cycle. DRAFT offers are being set up; ACTIVE ones take traffic and are listed; PAUSED ones
// keep their links (the tracker sends their clicks to the fallback URL); ARCHIVED is final, so past
// conversions and statements keep pointing at an offer nobody can revive by mistake.
import type { OfferStatus } from "@leadrail/db";

const ALLOWED: Record<OfferStatus, readonly OfferStatus[]> = {
  DRAFT: ["ACTIVE", "ARCHIVED"],
  ACTIVE: ["PAUSED", "ARCHIVED"],
  PAUSED: ["ACTIVE", "ARCHIVED"],
  ARCHIVED: [],
};

export function canMoveOffer(from: OfferStatus, to: OfferStatus): boolean {
  return ALLOWED[from].includes(to);
}
