// The I/O half of lead quality: gathers what leadSignals needs for a new conversion (the link's and
// the publisher's state now, an earlier lead with the same contact) and returns the signals, the
// verdict and the contact keys to store. The rules are in lead-signals.ts and verdict.ts.
import type { Db, QualityPolicy } from "@leadrail/db";
import type { ClickFacts } from "../conversions/attribution.ts";
import { type ContactKeys, contactKeys } from "./contact-key.ts";
import { leadSignals, type QualitySignal } from "./lead-signals.ts";
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
}

export type LeadQualityCheck = (input: {
  offer: QualityOffer;
  /** The click the conversion names, whatever its offer (null: none of ours). */
  click: ClickFacts | null;
  /** The publisher attribution credits (or would have, for a rejected click of this offer). */
  publisherId: number | null;
  lead: { email: string | null; phone: string | null } | null;
  at: Date;
}) => Promise<LeadQuality>;

/** `secret` keys the contact hashes (the tracker passes IP_HASH_SECRET; see contact-key.ts). */
export function createLeadQualityCheck(deps: { db: Db; secret: string }): LeadQualityCheck {
  const { db, secret } = deps;

  async function earlierLead(advertiserId: number, keys: ContactKeys, since: Date) {
    if (keys.emailKey === null && keys.phoneKey === null) return null;
    const rows = await db.$queryRaw<{ id: string; by_email: boolean }[]>`
      SELECT c.id::text AS id, c.email_key IS NOT DISTINCT FROM ${keys.emailKey} AS by_email
      FROM conversions c JOIN offers o ON o.id = c.offer_id
      WHERE o.advertiser_id = ${advertiserId} AND c.converted_at >= ${since}
        AND (c.email_key = ${keys.emailKey} OR c.phone_key = ${keys.phoneKey})
      ORDER BY c.converted_at LIMIT 1`;
    const row = rows[0];
    return row ? { id: row.id, by: row.by_email ? ("email" as const) : ("phone" as const) } : null;
  }

  return async ({ offer, click, publisherId, lead, at }) => {
    const keys: ContactKeys = lead ? contactKeys(secret, lead) : { emailKey: null, phoneKey: null };
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
      offer.duplicateWindowDays > 0
        ? earlierLead(
            offer.advertiserId,
            keys,
            new Date(at.getTime() - offer.duplicateWindowDays * 86_400_000),
          )
        : null,
    ]);
    const signals = leadSignals({
      click: ownClick,
      offer,
      at,
      linkDisabled: link?.disabledAt != null,
      publisherBlocked: application?.blockedAt != null,
      duplicateOf,
      email: lead?.email ?? null,
    });
    return { signals, verdict: verdictFor(signals, offer.qualityPolicy), keys };
  };
}
