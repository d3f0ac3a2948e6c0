// Which offers a publisher may see and run. One home for the rule: the API filters the marketplace and
// creates links with it, the tracker's lead API accepts leads with it.
import type { Prisma, PrismaClient } from "../generated/client/client.ts";

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

export type OfferAccess =
  /** Approved and not blocked (the offer may be paused: the caller decides what that means). */
  | "runnable"
  /** A PUBLIC offer the publisher has not applied to: runnable at once (link creation approves on the way). */
  | "public"
  /** Listed in their marketplace, but they are not approved (applied, rejected, or never applied). */
  | "not_approved"
  /** Unknown, private and not theirs, or blocked: one answer, so nothing is revealed. */
  | "not_found";

type OfferReader = Pick<PrismaClient, "offer" | "offerApplication"> | Prisma.TransactionClient;

/** How `publisherId` stands with `offerId`, by the rules above. */
export async function offerAccess(
  db: OfferReader,
  offerId: number,
  publisherId: number,
): Promise<OfferAccess> {
  const runnable = await db.offer.findFirst({
    where: { AND: [{ id: offerId }, runnableOffers(publisherId)] },
    select: { id: true },
  });
  if (runnable) return "runnable";
  const listed = await db.offer.findFirst({
    where: { AND: [{ id: offerId }, marketplaceOffers(publisherId)] },
    select: { visibility: true },
  });
  if (!listed) return "not_found";
  const existing = await db.offerApplication.findUnique({
    where: { offerId_publisherId: { offerId, publisherId } },
    select: { id: true },
  });
  return listed.visibility !== "PUBLIC" || existing ? "not_approved" : "public";
}

/**
 * Offers a publisher may post leads for through the lead API, as a filter (offerAccess "runnable" or
 * "public", and running): what the dashboard lists on the lead API screen.
 */
export function postableOffers(publisherId: number): Prisma.OfferWhereInput {
  return {
    status: "ACTIVE",
    advertiser: { status: "ACTIVE" },
    OR: [
      runnableOffers(publisherId),
      {
        AND: [
          marketplaceOffers(publisherId),
          { visibility: "PUBLIC", applications: { none: { publisherId } } },
        ],
      },
    ],
  };
}
