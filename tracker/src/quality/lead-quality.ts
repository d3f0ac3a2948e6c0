// The I/O half of lead quality: gathers what leadSignals needs for a new conversion (the link's and
// the publisher's state now, an earlier lead with the same contact) and returns the signals, the
// verdict, the contact keys to store and, for an apparent original, the claim the insert must confirm
// (original-lead-claim.ts). The rules are in lead-signals.ts and verdict.ts.
import type { Db, QualityPolicy } from "@leadrail/db";
import type { ClickFacts } from "../conversions/attribution.ts";
import { type ContactKeys, contactKeys } from "./contact-key.ts";
import { leadSignals, type QualitySignal } from "./lead-signals.ts";
import { findEarlierLead, type OriginalLeadClaim } from "./original-lead-claim.ts";
import { type Verdict, verdictFor } from "./verdict.ts";

/** The offer's quality settings; postback and lead-form offer loads select these. */
export const QUALITY_SELECT = {
  qualityPolicy: true,
  minSecondsToConvert: true,
  duplicateWindowDays: true,
  countries: true,
} as const;

export interface QualityOffer {
  id: number;
  advertiserId: number;
  qualityPolicy: QualityPolicy;
  minSecondsToConvert: number;
  duplicateWindowDays: number;
  countries: string[];
}

export interface LeadQuality {
  signals: QualitySignal[];
  verdict: Verdict;
  keys: ContactKeys;
  /** Set when the lead has a contact and found no earlier lead: to be confirmed at insert time. */
  originalClaim: OriginalLeadClaim | null;
}

export type LeadQualityCheck = (input: {
  offer: QualityOffer;
  /** The click the conversion names, whatever its offer (null: none of ours). */
  click: ClickFacts | null;
  /** A clickless lead the publisher posted (lead API): no click signals, its own country and bot flag. */
  posted?: { country: string | null; isBot: boolean } | null;
  /** The publisher attribution credits (or would have, for a rejected click of this offer). */
  publisherId: number | null;
  lead: { email: string | null; phone: string | null } | null;
  at: Date;
  /** The advertiser's own lead (a form reached without a click): having no click is not a signal. */
  direct?: boolean;
}) => Promise<LeadQuality>;

/** `secret` keys the contact hashes (the tracker passes IP_HASH_SECRET; see contact-key.ts). */
export function createLeadQualityCheck(deps: { db: Db; secret: string }): LeadQualityCheck {
  const { db, secret } = deps;

  return async ({ offer, click, posted = null, publisherId, lead, at, direct = false }) => {
    const keys: ContactKeys = lead ? contactKeys(secret, lead) : { emailKey: null, phoneKey: null };
    const since = new Date(at.getTime() - offer.duplicateWindowDays * 86_400_000);
    const ownClick = click !== null && click.offerId === offer.id ? click : null;
    const [link, application, duplicateOf] = await Promise.all([
      ownClick?.linkId == null
        ? null
        : db.trackingLink.findUnique({ where: { id: ownClick.linkId }, select: { disabledAt: true } }),
      publisherId === null
        ? null
        : db.offerApplication.findUnique({
            where: { offerId_publisherId: { offerId: offer.id, publisherId } },
            select: { blockedAt: true },
          }),
      offer.duplicateWindowDays > 0 ? findEarlierLead(db, offer.advertiserId, keys, since) : null,
    ]);
    const signals = leadSignals({
      direct,
      click: ownClick,
      posted,
      offer,
      at,
      linkDisabled: link?.disabledAt != null,
      publisherBlocked: application?.blockedAt != null,
      duplicateOf,
      email: lead?.email ?? null,
    });
    const hasContact = keys.emailKey !== null || keys.phoneKey !== null;
    const originalClaim =
      offer.duplicateWindowDays > 0 && hasContact && duplicateOf === null
        ? { advertiserId: offer.advertiserId, keys, since }
        : null;
    return { signals, verdict: verdictFor(signals, offer.qualityPolicy), keys, originalClaim };
  };
}
