// Publisher postbacks fire on the advertiser's decisions too: each status change writes a
// postback_outbox row in the decision's own transaction, and the tracker's outbox relay queues the
// deliveries (tracker/src/postbacks/outbox-relay.ts). Committed decision → postback, even if Redis is
// away at that moment; rolled-back decision → nothing.
import type { ConversionStatus, Prisma } from "@leadrail/db";

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
}
