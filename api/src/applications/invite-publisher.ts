// invitePublisher: the advertiser approves a publisher for one of its offers without an application
// (how PRIVATE offers get runners). A blocked publisher is not invited.
import type { Db, OfferApplication } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import { managedOffers } from "../auth/tenancy.ts";
import type { Viewer } from "../context.ts";
import { conflictOnDuplicate } from "../db-errors.ts";
import { DomainError, notFound } from "../errors.ts";
import { snapshot } from "./snapshot.ts";

export function invitePublisher(
  db: Db,
  viewer: Viewer,
  input: { offerId: number; publisherId: number },
): Promise<OfferApplication> {
  const offers = managedOffers(viewer);
  return conflictOnDuplicate(
    () =>
      db.$transaction(async (tx) => {
        const offer = await tx.offer.findFirst({ where: { AND: [{ id: input.offerId }, offers] } });
        if (!offer) throw notFound("offer");
        if (offer.status === "ARCHIVED") throw new DomainError("conflict", "the offer is archived");
        const publisher = await tx.publisher.findUnique({ where: { id: input.publisherId } });
        if (!publisher) throw notFound("publisher");
        const existing = await tx.offerApplication.findUnique({
          where: { offerId_publisherId: { offerId: offer.id, publisherId: publisher.id } },
        });
        if (existing?.status === "APPROVED") throw new DomainError("conflict", "already APPROVED");
        if (existing?.blockedAt)
          throw new DomainError("conflict", "the publisher is blocked from this offer");
        const data = {
          status: "APPROVED" as const,
          decisionReason: "invited",
          decidedById: viewer.userId,
          decidedAt: new Date(),
        };
        const after = existing
          ? await tx.offerApplication.update({ where: { id: existing.id }, data })
          : await tx.offerApplication.create({
              data: { ...data, offerId: offer.id, publisherId: publisher.id },
            });
        await audit(tx, viewer, {
          action: "application.invite",
          entityType: "OfferApplication",
          entityId: after.id,
          before: existing ? snapshot(existing) : undefined,
          after: snapshot(after),
        });
        return after;
      }),
    "already invited",
  );
}
