// Sends the advertiser asks for by hand: a test lead with sample values, and a replay of a delivery.
// Both go through the lead delivery outbox in the transaction that audits them, so the tracker's relay
// and worker deliver them exactly like real leads (SSRF guard, signature, retries, attempt log); the
// API never calls the CRM itself.
import {
  LeadDeliveryQueueError,
  type Prisma,
  type QueueLeadDeliveryInput,
  queueLeadDelivery,
} from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import type { Context, Viewer } from "../context.ts";
import { DomainError, notFound } from "../errors.ts";
import { destinationScope } from "./destinations.ts";

interface Queued {
  id: bigint;
}

/** Queues one test delivery (sample lead, marked test) to a destination, active or not. */
export function sendTestLead(
  ctx: Pick<Context, "db">,
  viewer: Viewer,
  destinationId: number,
): Promise<Queued> {
  return ctx.db.$transaction(async (tx) => {
    const destination = await tx.leadDestination.findFirst({
      where: { AND: [{ id: destinationId }, destinationScope(viewer)] },
    });
    if (!destination) throw notFound("destination");
    const queued = await queue(tx, { conversionId: null, destinationId, test: true });
    await audit(tx, viewer, {
      action: "lead_destination.send_test",
      entityType: "LeadDestination",
      entityId: destinationId,
      after: { deliveryId: queued.id },
    });
    return queued;
  });
}

export type ReplayTarget = { attemptId: bigint } | { conversionId: string; destinationId: number };

/**
 * Sends a lead (or a test lead) to a destination again, as a new delivery with its own attempts. Named
 * by one of its attempts, or by the lead and the destination (a lead that was never sent there yet,
 * e.g. one that arrived before the destination existed).
 */
export function replayDelivery(
  ctx: Pick<Context, "db">,
  viewer: Viewer,
  target: ReplayTarget,
): Promise<Queued> {
  return ctx.db.$transaction(async (tx) => {
    const scope = destinationScope(viewer);
    let request: QueueLeadDeliveryInput;
    let destinationId: number;
    if ("attemptId" in target) {
      const attempt = await tx.leadDeliveryAttempt.findFirst({
        where: { id: target.attemptId, destination: scope },
      });
      if (!attempt) throw notFound("delivery attempt");
      await refuseErased(tx, attempt.conversionId);
      destinationId = attempt.destinationId;
      request = { conversionId: attempt.conversionId, replayOf: attempt.deliveryId };
    } else {
      const destination = await tx.leadDestination.findFirst({
        where: { AND: [{ id: target.destinationId }, scope] },
      });
      if (!destination) throw notFound("destination");
      // The lead must be one of the destination's own offer: a destination never receives another
      // offer's leads, and "not that offer's" answers like "does not exist".
      const lead = await tx.conversion.findFirst({
        where: { id: target.conversionId, offerId: destination.offerId },
        select: { id: true },
      });
      if (!lead) throw notFound("lead");
      await refuseErased(tx, lead.id);
      const last = await tx.leadDeliveryAttempt.findFirst({
        where: { destinationId: destination.id, conversionId: lead.id },
        orderBy: { id: "desc" },
        select: { deliveryId: true },
      });
      // Never sent there: a first delivery, which only an active destination takes.
      if (!last && !destination.active) {
        throw new DomainError("conflict", "this destination is switched off: switch it on first");
      }
      destinationId = destination.id;
      request = last
        ? { conversionId: lead.id, replayOf: last.deliveryId }
        : { conversionId: lead.id, destinationId: destination.id };
    }
    const queued = await queue(tx, request);
    await audit(tx, viewer, {
      action: "lead_delivery.replay",
      entityType: "LeadDestination",
      entityId: destinationId,
      after: {
        deliveryId: queued.id,
        conversionId: request.conversionId,
        replayOf: request.replayOf ?? null,
      },
    });
    return queued;
  });
}

/** Its personal data is gone: there is nothing left to send that the CRM could use. */
async function refuseErased(tx: Prisma.TransactionClient, conversionId: string | null): Promise<void> {
  if (conversionId === null) return;
  const lead = await tx.conversion.findUnique({ where: { id: conversionId }, select: { erasedAt: true } });
  if (lead?.erasedAt) throw new DomainError("conflict", "this lead's personal data was erased");
}

/** One delivery through the shared outbox writer; its refusals become the API's typed errors. */
async function queue(tx: Prisma.TransactionClient, request: QueueLeadDeliveryInput): Promise<Queued> {
  try {
    const [id] = await queueLeadDelivery(tx, request);
    if (id === undefined) throw notFound("destination");
    return { id };
  } catch (error) {
    if (error instanceof LeadDeliveryQueueError) throw new DomainError(error.code, error.message);
    throw error;
  }
}
