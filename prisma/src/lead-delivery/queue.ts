// Writing lead deliveries into the outbox (lead_delivery_outbox), always inside the caller's
// transaction: the lead's record or approval, the dashboard's "send test lead" and "replay" all
// commit their delivery with their own change or not at all. The tracker's outbox relay moves the
// rows into BullMQ (tracker/src/postbacks/outbox-relay.ts), its worker sends them (lead-deliveries.ts).
import { Prisma } from "../../generated/client/client.ts";
import type { ConversionStatus } from "../../generated/client/enums.ts";
import { deliveryTriggers } from "./triggers.ts";

type Tx = Prisma.TransactionClient;

export interface QueueLeadDeliveryInput {
  /** The lead; null only for a test with sample values (then destinationId is required). */
  conversionId: string | null;
  /** One destination; without it every active destination of the lead's offer. */
  destinationId?: number;
  /** A test from the dashboard: a single attempt, never rejects the lead. */
  test?: boolean;
  /** A replay of this delivery (lead_delivery_attempts.delivery_id): its lead and destination again. */
  replayOf?: bigint;
}

export class LeadDeliveryQueueError extends Error {
  constructor(
    readonly code: "not_found" | "invalid_input",
    message: string,
  ) {
    super(message);
  }
}

/**
 * Queues deliveries in `tx` and returns their ids (the delivery ids their attempts will carry). A
 * replay takes its lead and destination from the replayed delivery's attempts and sends it even if
 * the destination has been switched off since (a person asked for it); a test does too, so a
 * destination can be tried before it is switched on. Other deliveries go to active destinations only.
 */
export async function queueLeadDelivery(tx: Tx, input: QueueLeadDeliveryInput): Promise<bigint[]> {
  let { conversionId, destinationId, test = false } = input;
  if (input.replayOf !== undefined) {
    const [replayed] = await tx.$queryRaw<
      { conversionId: string | null; destinationId: number; test: boolean }[]
    >`
      SELECT conversion_id::text AS "conversionId", destination_id AS "destinationId", test
      FROM lead_delivery_attempts WHERE delivery_id = ${input.replayOf} LIMIT 1`;
    if (!replayed) throw new LeadDeliveryQueueError("not_found", "no such delivery");
    ({ conversionId, destinationId, test } = replayed);
  }
  if (conversionId === null && !test) {
    throw new LeadDeliveryQueueError("invalid_input", "only a test may go without a lead");
  }
  if (conversionId === null && destinationId === undefined) {
    throw new LeadDeliveryQueueError("invalid_input", "a test without a lead needs its destination");
  }
  const anyState = test || input.replayOf !== undefined;
  const rows = await tx.$queryRaw<{ id: bigint }[]>`
    INSERT INTO lead_delivery_outbox (conversion_id, destination_id, test, replay_of_id)
    SELECT ${conversionId}::uuid, d.id, ${test}, ${input.replayOf ?? null}::bigint
    FROM lead_destinations d
    WHERE (${destinationId ?? null}::int IS NULL OR d.id = ${destinationId ?? null}::int)
      AND (${anyState} OR d.active)
      AND (${conversionId}::uuid IS NULL
           OR d.offer_id = (SELECT offer_id FROM conversions WHERE id = ${conversionId}::uuid))
    ORDER BY d.id
    RETURNING id`;
  if (rows.length === 0 && destinationId !== undefined) {
    throw new LeadDeliveryQueueError("not_found", "no such destination for this lead");
  }
  return rows.map((row) => row.id);
}

/**
 * The deliveries of existing conversions whose status changed to `to` (the API's decisions: confirm,
 * overturn), for the destinations deliveryTriggers names. One statement whatever their number.
 */
export async function queueLeadDeliveriesOnChange(
  tx: Tx,
  conversionIds: readonly string[],
  to: ConversionStatus,
): Promise<void> {
  const triggers = deliveryTriggers("changed", to);
  if (triggers.length === 0 || conversionIds.length === 0) return;
  await tx.$executeRaw`${leadDeliveryOutboxInsert(
    Prisma.sql`SELECT id, offer_id FROM conversions WHERE id = ANY(${[...conversionIds]}::uuid[])`,
    triggers,
  )}`;
}

/**
 * INSERT of the deliveries for the conversions `source` selects (columns id, offer_id): one row per
 * active destination of their offer with one of `triggers`. The tracker puts it in the CTE of the
 * statement that records or moves the conversion (conversion-store.ts), so the two commit together.
 */
export function leadDeliveryOutboxInsert(source: Prisma.Sql, triggers: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO lead_delivery_outbox (conversion_id, destination_id)
    SELECT x.id, d.id
    FROM (${source}) x
    JOIN lead_destinations d ON d.offer_id = x.offer_id AND d.active
     AND d.trigger = ANY(${[...triggers]}::"LeadDeliveryTrigger"[])`;
}
