// setOfferStatus: the moves canMoveOffer allows (status.ts), under the offer's row lock, audited.
import type { Db, Offer } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import { managedOffers } from "../auth/tenancy.ts";
import type { Viewer } from "../context.ts";
import { DomainError } from "../errors.ts";
import { lockManagedOffer } from "./offer-changes.ts";
import { canMoveOffer } from "./status.ts";

export async function setOfferStatus(
  db: Db,
  viewer: Viewer,
  id: number,
  status: Offer["status"],
): Promise<void> {
  const where = managedOffers(viewer);
  await db.$transaction(async (tx) => {
    const before = await lockManagedOffer(tx, where, id);
    if (!canMoveOffer(before.status, status)) {
      throw new DomainError("conflict", `an offer cannot go from ${before.status} to ${status}`);
    }
    await tx.offer.update({ where: { id }, data: { status } });
    await audit(tx, viewer, {
      action: "offer.status",
      entityType: "Offer",
      entityId: id,
      before: { status: before.status },
      after: { status },
    });
  });
}
