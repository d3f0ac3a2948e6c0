// blockPublisherFromOffer / unblockPublisherFromOffer: stop a publisher running an offer whatever its
// application says, or lift that block. An admin's block is the network's sanction: only an admin
// lifts it.
import type { Db, OfferApplication } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import { managedOffers } from "../auth/tenancy.ts";
import type { Viewer } from "../context.ts";
import { conflictOnDuplicate } from "../db-errors.ts";
import { DomainError, notFound } from "../errors.ts";
import { snapshot } from "./snapshot.ts";

export function setPublisherBlocked(
  db: Db,
  viewer: Viewer,
  args: { offerId: number; publisherId: number; reason: string | null },
  blocked: boolean,
): Promise<OfferApplication> {
  return conflictOnDuplicate(
    () =>
      db.$transaction(async (tx) => {
        const offer = await tx.offer.findFirst({
          where: { AND: [{ id: args.offerId }, managedOffers(viewer)] },
        });
        if (!offer) throw notFound("offer");
        const publisher = await tx.publisher.findUnique({ where: { id: args.publisherId } });
        if (!publisher) throw notFound("publisher");
        const existing = await tx.offerApplication.findUnique({
          where: { offerId_publisherId: { offerId: offer.id, publisherId: publisher.id } },
        });
        if (blocked && existing?.blockedAt) throw new DomainError("conflict", "already blocked");
        if (!blocked && !existing?.blockedAt) throw new DomainError("conflict", "not blocked");
        // An admin's block is the network's sanction: the advertiser cannot lift it.
        if (!blocked && viewer.role !== "ADMIN" && existing?.decidedById) {
          const placer = await tx.user.findUnique({
            where: { id: existing.decidedById },
            select: { role: true },
          });
          if (placer?.role === "ADMIN") throw new DomainError("forbidden", "an admin placed this block");
        }
        const data = blocked
          ? {
              blockedAt: new Date(),
              decisionReason: args.reason,
              decidedById: viewer.userId,
              decidedAt: new Date(),
            }
          : { blockedAt: null };
        const after = existing
          ? await tx.offerApplication.update({ where: { id: existing.id }, data })
          : await tx.offerApplication.create({
              data: { ...data, offerId: offer.id, publisherId: publisher.id, status: "REJECTED" },
            });
        await audit(tx, viewer, {
          action: blocked ? "application.block" : "application.unblock",
          entityType: "OfferApplication",
          entityId: after.id,
          before: existing ? snapshot(existing) : undefined,
          after: snapshot(after),
        });
        return after;
      }),
    "changed concurrently, try again",
  );
}
