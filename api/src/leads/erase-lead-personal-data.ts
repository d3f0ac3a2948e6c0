// eraseLeadPersonalData: the person's request to erase a lead's personal data (what goes is listed in
// erase-lead.ts), under the lead's row lock, audited by field name only.
import type { Db } from "@leadrail/db";
import type { Redis } from "ioredis";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import { DomainError } from "../errors.ts";
import { clickAwaitsStorage, ERASED_FIELDS, eraseLeadData } from "./erase-lead.ts";
import { lockLead } from "./lock-leads.ts";

export async function eraseLeadPersonalData(db: Db, redis: Redis, viewer: Viewer, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const lead = await lockLead(tx, viewer, id);
    if (await clickAwaitsStorage(redis, lead.clickId)) {
      throw new DomainError(
        "conflict",
        "the lead's click is still being stored by the tracker; nothing was erased, erase again in a few seconds",
      );
    }
    // Erasing again is not an error and writes no audit row, but it runs the erasure once more,
    // at the first erasure's time: every step is idempotent, and it finishes leads erased before
    // erasure reached their click, postback log and deliveries (and anything logged since).
    if (lead.erasedAt) {
      await eraseLeadData(tx, lead, lead.erasedAt);
      return;
    }
    const now = new Date();
    await eraseLeadData(tx, lead, now);
    // Which fields were erased, never their values.
    await audit(tx, viewer, {
      action: "lead.erase",
      entityType: "Conversion",
      entityId: id,
      before: {
        erased: ERASED_FIELDS,
        payout: lead.payout,
        revenue: lead.revenue,
        currency: lead.currency,
        status: lead.status,
      },
      after: { erasedAt: now, payout: lead.payout, revenue: lead.revenue, status: lead.status },
    });
  });
}
