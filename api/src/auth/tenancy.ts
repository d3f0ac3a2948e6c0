// Who may see and change what. Resolvers put these filters into their queries, so "not yours" and
// "does not exist" are the same empty result, and the answer is the same not_found either way.
import type { Prisma } from "@leadrail/db";
import type { Context, Viewer } from "../context.ts";
import { DomainError } from "../errors.ts";

export function requireViewer(ctx: Pick<Context, "viewer">): Viewer {
  if (!ctx.viewer) throw new DomainError("unauthenticated", "authentication required");
  return ctx.viewer;
}

/** The publisher account of a publisher user (scope-auth has checked the role already). */
export function requirePublisherId(ctx: Pick<Context, "viewer">): number {
  const viewer = requireViewer(ctx);
  if (viewer.role !== "PUBLISHER" || viewer.publisherId === null) {
    throw new DomainError("forbidden", "not allowed for this account");
  }
  return viewer.publisherId;
}

/** Offers the viewer may change: an advertiser its own, an admin every one. Finance changes none. */
export function managedOffers(viewer: Viewer): Prisma.OfferWhereInput {
  if (viewer.role === "ADMIN") return {};
  if (viewer.role === "ADVERTISER" && viewer.advertiserId !== null)
    return { advertiserId: viewer.advertiserId };
  throw new DomainError("forbidden", "not allowed for this account");
}

/** Offers the viewer may read with all their terms: the above, plus finance reads every one. */
export function readableOffers(viewer: Viewer): Prisma.OfferWhereInput {
  if (viewer.role === "FINANCE") return {};
  return managedOffers(viewer);
}

// What a publisher may see and run is the shared rule in @leadrail/db (offer-access.ts): the tracker's
// lead API applies it too.
export { marketplaceOffers, runnableOffers } from "@leadrail/db";
