// overturnLeadRejection: a person approves a lead the offer's quality policy rejected. Its money is
// stamped from the offer's terms now and it takes a cap slot like a new conversion would.
import {
  applyStatDeltas,
  type CapReservation,
  capReservations,
  createCapCounters,
  type Db,
  stampMoney,
  statDeltas,
} from "@leadrail/db";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import { DomainError } from "../errors.ts";
import { lockLeads } from "./lock-leads.ts";
import { overturnRefusal } from "./overturn.ts";
import { writePostbackOutbox } from "./postback-outbox.ts";

export interface OverturnDeps {
  db: Db;
  /** The cap counters (keys under the client's keyPrefix, as the tracker's). */
  redis: Redis;
  logger: Logger;
}

/**
 * REJECTED by the quality policy → APPROVED. The slot is taken with the tracker's own check-and-take
 * script (@leadrail/db cap-counters) while the lead's row is locked, so two overturns of one lead
 * cannot both take one; if the transaction then fails, the slot is given back.
 */
export async function overturnLeadRejection(deps: OverturnDeps, viewer: Viewer, id: string): Promise<void> {
  const counters = createCapCounters({ redis: deps.redis, db: deps.db });
  let taken: CapReservation[] = [];
  try {
    await deps.db.$transaction(async (tx) => {
      const [lead] = await lockLeads(tx, viewer, [id]);
      if (!lead) throw new DomainError("not_found", "lead not found");
      const refusal = overturnRefusal(lead);
      if (refusal !== null || lead.publisherId === null) {
        throw new DomainError("conflict", refusal ?? "the lead has no publisher to pay");
      }
      const publisherId = lead.publisherId;
      const [offer, customPayouts, rules] = await Promise.all([
        tx.offer.findUniqueOrThrow({ where: { id: lead.offerId } }),
        tx.customPayout.findMany({
          where: { offerId: lead.offerId, publisherId },
          select: { country: true, payout: true, payoutShareBps: true },
        }),
        tx.offerCap.findMany({
          where: { offerId: lead.offerId },
          select: { scope: true, publisherId: true, period: true, metric: true, limit: true },
        }),
      ]);
      // The tracker stamps nothing on a rejection (it pays nothing), so the money is stamped now,
      // from the offer's terms and the publisher's custom payout for the lead's country.
      const stamp = stampMoney(offer, customPayouts, lead.country, lead.saleAmount);
      if (!stamp.ok) throw new DomainError("conflict", "this revenue-share lead has no sale amount to share");
      // Caps count by the conversion's own period, as the tracker's counters and their seeding do.
      const wanted = capReservations({
        prefix: "",
        offerId: lead.offerId,
        publisherId,
        caps: rules,
        at: lead.convertedAt,
        payout: stamp.payout,
      });
      const reserved = await counters.reserve(wanted);
      if (!reserved.ok) {
        throw new DomainError(
          "cap_reached",
          `the offer's ${reserved.full.metric === "BUDGET" ? "budget" : "conversion"} cap for this period is full`,
        );
      }
      taken = wanted;
      const now = new Date();
      const approved = { ...lead, payout: stamp.payout, revenue: stamp.revenue };
      // daily_stats first: the same lock order as decideLeads (see decide-leads.ts).
      await applyStatDeltas(tx, statDeltas([{ ...approved, from: "REJECTED", to: "APPROVED" }]));
      const updated = await tx.conversion.updateMany({
        where: { id: lead.id, status: "REJECTED" },
        data: {
          status: "APPROVED",
          payout: stamp.payout,
          revenue: stamp.revenue,
          approvedAt: now,
          decidedById: viewer.userId,
          decidedAt: now,
        },
      });
      if (updated.count !== 1) throw new DomainError("conflict", "lead changed concurrently, try again");
      await writePostbackOutbox(tx, [lead], "APPROVED");
      await audit(tx, viewer, {
        action: "lead.overturn",
        entityType: "Conversion",
        entityId: lead.id,
        before: {
          status: lead.status,
          statusReason: lead.statusReason,
          payout: lead.payout,
          revenue: lead.revenue,
          currency: lead.currency,
        },
        after: {
          status: "APPROVED",
          statusReason: lead.statusReason,
          approvedAt: now,
          payout: stamp.payout,
          revenue: stamp.revenue,
          currency: lead.currency,
        },
      });
    });
  } catch (error) {
    if (taken.length > 0) {
      await counters.release(taken).catch((releaseError: unknown) => {
        // The counter stays one too high: the cap pays less, never more.
        deps.logger.error({ err: releaseError, conversionId: id }, "could not release cap reservation");
      });
    }
    throw error;
  }
}
