// Erasing one lead's personal data wherever the platform copied it, keeping what finance and
// attribution need: ids, money, statuses, timestamps, transaction ids, the contact keys of the
// duplicate check (keyed hashes) and the consent record.
//
// Where request data about the person ends up:
//   conversions          the form's name, e-mail, phone and fields; the click's sub ids and source
//                        copied into `subs`; country and device
//   contact_attempts     the advertiser's notes
//   clicks               sub1..sub10 and source (free text: publishers put e-mails, phones and names
//                        there), IP hash, referrer, country, OS, browser
//   inbound_postbacks    `params`, every parameter of the advertiser's postback as received
//   postback_deliveries  `url`, the publisher's template with the sub ids filled in, and a redirect's
//                        location in `error` (an http→https redirect repeats the whole query)
//   lead_delivery_attempts  the body sent to the advertiser's CRM (the mapped lead) and the CRM's
//                        answer, which may echo it
//   Redis                nothing once the click is stored: the click path's copy is its stream entry,
//                        which the click writer deletes with its pointer after storing the click
//                        (tracker's click-record.ts). While the click still waits there, erasure is
//                        refused (clickAwaitsStorage): the writer would store its data afterwards.
import { Prisma, recentClicksKey, timeOfId } from "@leadrail/db";
import type { Redis } from "ioredis";

/** Named in the audit row: which fields were erased, never their values. */
export const ERASED_FIELDS = [
  "leadName",
  "leadEmail",
  "leadPhone",
  "leadFields",
  "subs",
  "country",
  "deviceType",
  "contactNotes",
  "click.subIds",
  "click.source",
  "click.ipHash",
  "click.referrer",
  "click.country",
  "click.os",
  "click.browser",
  "inboundPostbacks.params",
  "postbackDeliveries.url",
  "leadDeliveryAttempts.requestBody",
  "leadDeliveryAttempts.responseBody",
] as const;

export interface ErasableLead {
  id: string;
  clickId: string | null;
  clickAt: Date | null;
  transactionId: string;
}

/** The database half, inside the caller's transaction (which holds the lead's row lock). */
export async function eraseLeadData(tx: Prisma.TransactionClient, lead: ErasableLead, now: Date) {
  await tx.conversion.update({
    where: { id: lead.id },
    data: {
      leadName: null,
      leadEmail: null,
      leadPhone: null,
      leadFields: Prisma.DbNull,
      subs: {},
      country: null,
      deviceType: null,
      erasedAt: now,
    },
  });
  await tx.contactAttempt.updateMany({ where: { conversionId: lead.id }, data: { note: "" } });
  // The click stays a click (status, link, offer, publisher, time, bot verdict): counted in reports.
  if (lead.clickId && lead.clickAt) {
    await tx.$executeRaw`
      update clicks set ip_hash = null, referrer = null, country = null, os = null, browser = null,
                        sub1 = null, sub2 = null, sub3 = null, sub4 = null, sub5 = null, sub6 = null,
                        sub7 = null, sub8 = null, sub9 = null, sub10 = null, source = null
      where id = ${lead.clickId}::uuid and created_at = ${lead.clickAt}`;
  }
  // The lead's own log rows carry its transaction id (indexed), refused ones naming its click carry
  // the click id (indexed) and no conversion. Rows of another conversion on the same click (another
  // goal) belong to that conversion's erasure. Outcome, reason and ids stay: they explain the money.
  await tx.$executeRaw`
    update inbound_postbacks set params = '{}'::jsonb
    where (transaction_id = ${lead.transactionId} or click_id = ${lead.clickId})
      and (conversion_id = ${lead.id}::uuid or (conversion_id is null and click_id = ${lead.clickId}))`;
  // Keep where the postback went (scheme, host, port) and how it went; drop path and query.
  await tx.$executeRaw`
    update postback_deliveries set
      url = coalesce(substring(url from '^(https?://[^/?#@]*)(?:[/?#]|$)'), ''),
      error = case when error like 'redirect not followed%' then 'redirect not followed' else error end
    where conversion_id = ${lead.id}::uuid`;
  // Where the lead went, when, how it was answered and refused stay; what it said does not. The
  // signature header stays too: an HMAC of the erased body reveals nothing of it.
  await tx.leadDeliveryAttempt.updateMany({
    where: { conversionId: lead.id },
    data: { requestBody: "", responseBody: null },
  });
}

/**
 * Whether the lead's click still waits in the tracker's click stream (its recent-click pointer is
 * there): erasing now would be undone when the click writer stores the click with its sub ids.
 * `redis` carries REDIS_KEY_PREFIX as its keyPrefix. A Redis error propagates: unknown is not "no".
 */
export async function clickAwaitsStorage(redis: Redis, clickId: string | null): Promise<boolean> {
  const createdAt = clickId === null ? null : timeOfId(clickId);
  if (clickId === null || createdAt === null) return false;
  return (await redis.hexists(recentClicksKey("", createdAt.getTime()), clickId)) === 1;
}
