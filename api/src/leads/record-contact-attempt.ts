// recordContactAttempt: an advertiser notes that it contacted a lead, refused with ContactLimitReached
// beyond the offer's contact limit. The lead's row lock makes two attempts at once count one by one.
import type { ContactAttempt, Db } from "@leadrail/db";
import type { Viewer } from "../context.ts";
import { DomainError } from "../errors.ts";
import { nextContactAt } from "./cadence.ts";
import { ContactLimitReached } from "./contact-limit.ts";
import { lockLead } from "./lock-leads.ts";

export interface ContactAttemptInput {
  leadId: string;
  channel: ContactAttempt["channel"];
  note?: string | null;
}

/** Returns the new attempt's id. */
export function recordContactAttempt(db: Db, viewer: Viewer, input: ContactAttemptInput): Promise<bigint> {
  return db.$transaction(async (tx) => {
    const lead = await lockLead(tx, viewer, input.leadId);
    if (lead.erasedAt) throw new DomainError("conflict", "the lead's personal data was erased");
    const attempts = await tx.contactAttempt.findMany({
      where: { conversionId: lead.id },
      select: { createdAt: true },
    });
    const now = new Date();
    const next = nextContactAt(
      attempts.map((a) => a.createdAt),
      { limit: lead.offer.contactLimit, periodHours: lead.offer.contactPeriodHours },
      now,
    );
    if (next) throw new ContactLimitReached(next);
    const created = await tx.contactAttempt.create({
      data: {
        conversionId: lead.id,
        channel: input.channel,
        note: input.note?.trim() ?? "",
        userId: viewer.userId,
        createdAt: now,
      },
      select: { id: true },
    });
    return created.id;
  });
}
