// returnLead: an APPROVED lead goes back within the offer's return window (days from approval) and
// becomes REVERSED, for good: counters, publisher-postback outbox and audit in one transaction.
import { applyStatDeltas, type Db, leadActionProblem, statDeltas } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import { DomainError } from "../errors.ts";
import { lockLeads } from "./lock-leads.ts";
import { writePostbackOutbox } from "./postback-outbox.ts";

const DAY_MS = 24 * 3600 * 1000;

export async function returnLead(db: Db, viewer: Viewer, id: string, reason: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const [lead] = await lockLeads(tx, viewer, [id]);
    if (!lead) throw new DomainError("not_found", "lead not found");
    const problem = leadActionProblem("return", lead.status);
    if (problem) throw new DomainError("conflict", `lead ${problem}`);
    const offer = await tx.offer.findUniqueOrThrow({ where: { id: lead.offerId } });
    if (offer.returnWindowDays === 0) throw new DomainError("conflict", "the offer takes no returns");
    const now = new Date();
    const until = new Date((lead.approvedAt ?? lead.convertedAt).getTime() + offer.returnWindowDays * DAY_MS);
    if (now > until) {
      throw new DomainError("conflict", `the return window closed at ${until.toISOString()}`);
    }
    // daily_stats first: the same lock order as decideLeads (see decide-leads.ts).
    await applyStatDeltas(tx, statDeltas([{ ...lead, from: "APPROVED", to: "REVERSED" }]));
    await tx.conversion.update({
      where: { id: lead.id },
      data: {
        status: "REVERSED",
        // The status reason is what the publisher sees on its conversion (and the inbox shows).
        statusReason: reason,
        returnedAt: now,
        returnReason: reason,
        reversedAt: now,
        decidedById: viewer.userId,
        decidedAt: now,
      },
    });
    await writePostbackOutbox(tx, [lead], "REVERSED");
    await audit(tx, viewer, {
      action: "lead.return",
      entityType: "Conversion",
      entityId: lead.id,
      before: {
        status: lead.status,
        payout: lead.payout,
        revenue: lead.revenue,
        currency: lead.currency,
      },
      after: {
        status: "REVERSED",
        returnReason: reason,
        returnedAt: now,
        payout: lead.payout,
        revenue: lead.revenue,
      },
    });
  });
}
