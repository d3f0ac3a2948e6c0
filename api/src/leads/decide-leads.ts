// confirmLeads / rejectLeads: PENDING leads of the viewer's offers move to APPROVED or REJECTED, one or
// many at once, all or nothing: daily_stats counters, the publisher-postback outbox and an audit row
// per lead in the same transaction.
import { applyStatDeltas, approvalRefusal, type Db, leadActionProblem, statDeltas } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import { DomainError } from "../errors.ts";
import { lockLeads } from "./lock-leads.ts";
import { writePostbackOutbox } from "./postback-outbox.ts";

/** Moves PENDING leads to APPROVED or REJECTED: counters, audit, all or nothing. */
export async function decideLeads(
  db: Db,
  viewer: Viewer,
  ids: string[],
  to: "APPROVED" | "REJECTED",
  rejectReason: string | null,
): Promise<string[]> {
  await db.$transaction(async (tx) => {
    const leads = await lockLeads(tx, viewer, ids);
    const action = to === "APPROVED" ? "confirm" : "reject";
    for (const lead of leads) {
      const problem = leadActionProblem(action, lead.status);
      if (problem) throw new DomainError("conflict", `lead ${lead.id} ${problem}`);
    }
    if (to === "APPROVED") {
      // A bot click's lead is never payable, not even on the advertiser's word (@leadrail/db bot-click.ts).
      const refused = leads.find((lead) => approvalRefusal(lead) !== null);
      if (refused) throw new DomainError("conflict", `lead ${refused.id}: ${approvalRefusal(refused)}`);
    }
    const now = new Date();
    // daily_stats before the conversions: the update's trigger then moves the report rollups last,
    // the lock order the tracker's one-statement writes take (conversion, daily_stats, rollups), so
    // a postback and a decision on the same offer and hour wait for each other instead of deadlocking.
    await applyStatDeltas(tx, statDeltas(leads.map((lead) => ({ ...lead, from: lead.status, to }))));
    const updated = await tx.conversion.updateMany({
      where: { id: { in: ids }, status: "PENDING" },
      data: {
        status: to,
        decidedById: viewer.userId,
        decidedAt: now,
        ...(to === "APPROVED" ? { approvedAt: now } : { statusReason: rejectReason }),
      },
    });
    // The rows are locked, so this holds; checked anyway because counters depend on it.
    if (updated.count !== ids.length)
      throw new DomainError("conflict", "leads changed concurrently, try again");
    await writePostbackOutbox(tx, leads, to);
    await audit(
      tx,
      viewer,
      leads.map((lead) => ({
        action: to === "APPROVED" ? "lead.confirm" : "lead.reject",
        entityType: "Conversion",
        entityId: lead.id,
        before: { status: lead.status, payout: lead.payout, revenue: lead.revenue, currency: lead.currency },
        after: {
          status: to,
          ...(to === "APPROVED" ? { approvedAt: now } : { statusReason: rejectReason }),
          payout: lead.payout,
          revenue: lead.revenue,
          currency: lead.currency,
        },
      })),
    );
  });
  return ids;
}
