// Where an offer's clicks land: its own landing URL, or its hosted lead form (which must exist first:
// a click may never be sent to a form that is not there).
import type { Db, LandingMode, Prisma } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import { DomainError } from "../errors.ts";
import { lockManagedOffer } from "./offer-lock.ts";

export async function setOfferLanding(
  db: Db,
  viewer: Viewer,
  offerWhere: Prisma.OfferWhereInput,
  offerId: number,
  mode: LandingMode,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const offer = await lockManagedOffer(tx, offerWhere, offerId);
    if (offer.status === "ARCHIVED") throw new DomainError("conflict", "an archived offer cannot change");
    if (
      mode === "HOSTED_FORM" &&
      !(await tx.leadForm.findUnique({ where: { offerId }, select: { id: true } }))
    ) {
      throw new DomainError("conflict", "mode: build and save the offer's lead form first", [
        { path: ["mode"], message: "build and save the offer's lead form first" },
      ]);
    }
    if (offer.landingMode === mode) return;
    await tx.offer.update({ where: { id: offerId }, data: { landingMode: mode } });
    await audit(tx, viewer, {
      action: "offer.landing",
      entityType: "Offer",
      entityId: offerId,
      before: { landingMode: offer.landingMode },
      after: { landingMode: mode },
    });
  });
}
