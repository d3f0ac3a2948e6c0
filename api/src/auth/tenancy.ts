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

/**
 * What a publisher sees of the catalogue: active listed offers, and private ones it is approved for;
 * never an offer it is blocked from.
 */
export function marketplaceOffers(publisherId: number): Prisma.OfferWhereInput {
  return {
    status: "ACTIVE",
    OR: [
      { visibility: { in: ["PUBLIC", "APPROVAL_REQUIRED"] } },
      { visibility: "PRIVATE", applications: { some: { publisherId, status: "APPROVED" } } },
    ],
    NOT: { applications: { some: { publisherId, blockedAt: { not: null } } } },
  };
}

/** Offers a publisher may run: approved for and not blocked (any status; the tracker handles paused). */
export function runnableOffers(publisherId: number): Prisma.OfferWhereInput {
  return {
    status: { in: ["ACTIVE", "PAUSED"] },
    applications: { some: { publisherId, status: "APPROVED", blockedAt: null } },
  };
}
