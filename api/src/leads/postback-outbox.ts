// Publisher postbacks fire on the advertiser's decisions too (and approved leads go to the advertiser's
// CRM): each status change writes a postback_outbox row in the decision's own transaction, and the tracker's outbox relay queues the
// deliveries (tracker/src/postbacks/outbox-relay.ts). Committed decision → postback, even if Redis is
// away at that moment; rolled-back decision → nothing.
import { type ConversionStatus, type Prisma, queueLeadDeliveriesOnChange } from "@leadrail/db";

export interface StatusChange {
  id: string;
  offerId: number;
  publisherId: number | null;
}

export async function writePostbackOutbox(
  tx: Prisma.TransactionClient,
  changes: StatusChange[],
  status: ConversionStatus,
): Promise<void> {
  // Conversions without a publisher have nobody to tell.
  const rows = changes.flatMap((change) =>
    change.publisherId === null
      ? []
      : [{ conversionId: change.id, offerId: change.offerId, publisherId: change.publisherId, status }],
  );
  if (rows.length > 0) await tx.postbackOutbox.createMany({ data: rows });
  // The same decision sends approved leads to the offer's ON_CONFIRMATION destinations (the
  // advertiser's CRM), in the same transaction; other moves send nothing (lead-delivery/triggers.ts).
  await queueLeadDeliveriesOnChange(
    tx,
    changes.map((change) => change.id),
    status,
  );
}
