// createTrackingLink: a publisher's new link (a random short code) on an offer it may run; a PUBLIC
// offer approves the publisher on the way. Audited; the caller invalidates the offer after commit.

import { type Db, offerAccess, type Prisma, type TrackingLink } from "@leadrail/db";
import type { ClickParams } from "@leadrail/db/macros";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import { isUniqueViolation } from "../db-errors.ts";
import { DomainError, notFound } from "../errors.ts";
import { newLinkCode } from "./tracking-url.ts";

/** The link's offer, if the publisher may run it (@leadrail/db offer-access.ts); PUBLIC offers approve the publisher on the way. */
async function runnableOffer(
  tx: Prisma.TransactionClient,
  viewer: Viewer,
  publisherId: number,
  offerId: number,
) {
  const access = await offerAccess(tx, offerId, publisherId);
  if (access === "not_found") throw notFound("offer");
  // It is in their marketplace, so saying why reveals nothing.
  if (access === "not_approved")
    throw new DomainError("forbidden", "not approved for this offer: apply first");
  if (access === "runnable") return { offer: { id: offerId }, autoApproved: false };
  const application = await tx.offerApplication.create({
    data: { offerId, publisherId, status: "APPROVED", decidedAt: new Date(), decisionReason: "public offer" },
  });
  await audit(tx, viewer, {
    action: "application.auto_approve",
    entityType: "OfferApplication",
    entityId: application.id,
    after: { offerId, publisherId, status: "APPROVED" },
  });
  return { offer: { id: offerId }, autoApproved: true };
}

export async function createTrackingLink(
  db: Db,
  viewer: Viewer,
  publisherId: number,
  input: { offerId: number; name?: string | null; defaultSubs: ClickParams },
): Promise<TrackingLink> {
  const { defaultSubs } = input;
  // 96-bit codes practically never collide; retry anyway rather than fail a publisher on bad luck.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.$transaction(async (tx) => {
        const { offer } = await runnableOffer(tx, viewer, publisherId, input.offerId);
        const created = await tx.trackingLink.create({
          data: {
            publisherId,
            offerId: offer.id,
            code: newLinkCode(),
            name: input.name ?? "",
            defaultSubs,
          },
        });
        await audit(tx, viewer, {
          action: "link.create",
          entityType: "TrackingLink",
          entityId: created.id,
          after: { offerId: offer.id, publisherId, code: created.code, defaultSubs },
        });
        return created;
      });
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue;
      if (isUniqueViolation(error)) throw new DomainError("conflict", "could not create the link, try again");
      throw error;
    }
  }
}
