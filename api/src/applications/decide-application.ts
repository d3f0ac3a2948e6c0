// decideApplication: the advertiser approves or rejects a publisher's application to one of its offers
// (or revises a decision), under the application's row lock. A blocked publisher stays blocked.
import type { Db, OfferApplication } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import { managedOffers } from "../auth/tenancy.ts";
import type { Viewer } from "../context.ts";
import { DomainError, notFound } from "../errors.ts";
import { snapshot } from "./snapshot.ts";

export function decideApplication(
  db: Db,
  viewer: Viewer,
  input: { id: number; decision: "APPROVED" | "REJECTED"; reason?: string | null },
): Promise<OfferApplication> {
  const offers = managedOffers(viewer);
  return db.$transaction(async (tx) => {
    const before = await tx.offerApplication.findFirst({ where: { id: input.id, offer: offers } });
    if (!before) throw notFound("application");
    await tx.$queryRaw`select id from offer_applications where id = ${before.id} for update`;
    const current = await tx.offerApplication.findUniqueOrThrow({ where: { id: before.id } });
    if (current.status === input.decision) throw new DomainError("conflict", `already ${current.status}`);
    if (current.blockedAt) throw new DomainError("conflict", "the publisher is blocked from this offer");
    const after = await tx.offerApplication.update({
      where: { id: current.id },
      data: {
        status: input.decision,
        decisionReason: input.reason ?? null,
        decidedById: viewer.userId,
        decidedAt: new Date(),
      },
    });
    await audit(tx, viewer, {
      action: input.decision === "APPROVED" ? "application.approve" : "application.reject",
      entityType: "OfferApplication",
      entityId: after.id,
      before: snapshot(current),
      after: snapshot(after),
    });
    return after;
  });
}
