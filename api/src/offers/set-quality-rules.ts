// setOfferQualityRules: an offer's lead-quality policy, thresholds and contact cadence. The quality
// policy decides whether leads are paid, so the change is audited like the payout terms.
import type { Db, Offer } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import { managedOffers } from "../auth/tenancy.ts";
import type { Viewer } from "../context.ts";
import { notFound } from "../errors.ts";

/** Only the fields given change. */
export interface QualityRulesChanges {
  policy?: Offer["qualityPolicy"] | null;
  minSecondsToConvert?: number | null;
  duplicateWindowDays?: number | null;
  contactLimit?: number | null;
  contactPeriodHours?: number | null;
}

export async function setOfferQualityRules(
  db: Db,
  viewer: Viewer,
  id: number,
  input: QualityRulesChanges,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.offer.findFirst({
      where: { AND: [{ id }, managedOffers(viewer)] },
      select: {
        qualityPolicy: true,
        minSecondsToConvert: true,
        duplicateWindowDays: true,
        contactLimit: true,
        contactPeriodHours: true,
      },
    });
    if (!before) throw notFound("offer");
    const after = {
      qualityPolicy: input.policy ?? before.qualityPolicy,
      minSecondsToConvert: input.minSecondsToConvert ?? before.minSecondsToConvert,
      duplicateWindowDays: input.duplicateWindowDays ?? before.duplicateWindowDays,
      contactLimit: input.contactLimit ?? before.contactLimit,
      contactPeriodHours: input.contactPeriodHours ?? before.contactPeriodHours,
    };
    await tx.offer.update({ where: { id }, data: after });
    // The quality policy decides whether leads are paid: audited like the payout terms.
    await audit(tx, viewer, {
      action: "offer.quality_rules",
      entityType: "Offer",
      entityId: id,
      before,
      after,
    });
  });
}
