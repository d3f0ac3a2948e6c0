// applyToOffer: a publisher applies to run an offer. PUBLIC offers approve at once, APPROVAL_REQUIRED
// ones wait for the advertiser; PRIVATE offers take invitations only (they are not found here).
import type { Db, OfferApplication } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import { marketplaceOffers } from "../auth/tenancy.ts";
import type { Viewer } from "../context.ts";
import { conflictOnDuplicate } from "../db-errors.ts";
import { DomainError, notFound } from "../errors.ts";
import { snapshot } from "./snapshot.ts";

export function applyToOffer(
  db: Db,
  viewer: Viewer,
  publisherId: number,
  input: { offerId: number; message?: string | null },
): Promise<OfferApplication> {
  return conflictOnDuplicate(
    () =>
      db.$transaction(async (tx) => {
        const offer = await tx.offer.findFirst({
          where: {
            AND: [{ id: input.offerId, visibility: { not: "PRIVATE" } }, marketplaceOffers(publisherId)],
          },
        });
        if (!offer) throw notFound("offer");
        const existing = await tx.offerApplication.findUnique({
          where: { offerId_publisherId: { offerId: offer.id, publisherId } },
        });
        if (existing) throw new DomainError("conflict", `already applied (${existing.status})`);
        const approved = offer.visibility === "PUBLIC";
        const created = await tx.offerApplication.create({
          data: {
            offerId: offer.id,
            publisherId,
            message: input.message ?? "",
            status: approved ? "APPROVED" : "APPLIED",
            decidedAt: approved ? new Date() : null,
            decisionReason: approved ? "public offer" : null,
          },
        });
        await audit(tx, viewer, {
          action: approved ? "application.auto_approve" : "application.apply",
          entityType: "OfferApplication",
          entityId: created.id,
          after: snapshot(created),
        });
        return created;
      }),
    "already applied",
  );
}
