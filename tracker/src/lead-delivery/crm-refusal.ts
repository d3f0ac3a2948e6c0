// A CRM answer that matches the destination's refusal rule rejects a PENDING lead with reason
// crm_refused, through the conversion store's status change (one statement: the status, daily_stats
// and the publisher's postback event). An APPROVED lead is not overturned by a CRM: the refusal is only
// logged, since the approval (the advertiser's own word, or their AUTO setting) may already be payable
// or paid; REJECTED and REVERSED leads have nothing left to reject.
import { type Db, statsDelta, transition } from "@leadrail/db";
import type { ConversionStore } from "../conversions/conversion-store.ts";

/** Rejects the lead if it is pending; null when it did, else what became of it (for the attempt log). */
export async function rejectRefusedLead(
  db: Db,
  store: ConversionStore,
  conversionId: string,
  onConversionChanged?: () => void,
): Promise<string | null> {
  const lead = await db.conversion.findUnique({
    where: { id: conversionId },
    select: { status: true, payout: true, revenue: true },
  });
  if (!lead) return "the lead no longer exists";
  // The one status rule: a "rejected" from the advertiser's side moves PENDING to REJECTED; from
  // APPROVED it would be a reversal, which a CRM's answer is not allowed to make.
  const move = transition(lead.status, "rejected");
  if (move.kind !== "change" || move.to !== "REJECTED") {
    return `the lead is ${lead.status}: it stays so (a CRM refusal only rejects pending leads)`;
  }
  const changed = await store.changeStatus({
    id: conversionId,
    from: lead.status,
    to: "REJECTED",
    reason: "crm_refused",
    at: new Date(),
    delta: statsDelta(lead.status, "REJECTED", lead),
    log: null,
  });
  if (!changed) return "the lead's status changed meanwhile: not rejected";
  onConversionChanged?.();
  return null;
}
