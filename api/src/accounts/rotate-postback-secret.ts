// An advertiser's postback secret: replaced at once (the old one stops working), audited without the
// secret itself. Returns the new secret, shown once, and the advertiser's offers, whose cached
// configuration (which carries the secret) the caller invalidates after commit.
import { type Db, generateSecret } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import { DomainError, notFound } from "../errors.ts";

export interface RotatedPostbackSecret {
  advertiserId: number;
  secret: string;
  offerIds: number[];
}

/** `requestedAdvertiserId`: required for admins; others may only name their own advertiser. */
export async function rotatePostbackSecret(
  db: Db,
  viewer: Viewer,
  requestedAdvertiserId: number | null | undefined,
): Promise<RotatedPostbackSecret> {
  const advertiserId = viewer.role === "ADMIN" ? requestedAdvertiserId : viewer.advertiserId;
  if (!advertiserId) throw new DomainError("invalid_input", "advertiserId: required for admins");
  if (viewer.role !== "ADMIN" && requestedAdvertiserId && requestedAdvertiserId !== advertiserId) {
    throw notFound("advertiser");
  }
  const secret = generateSecret(24);
  const offerIds = await db.$transaction(async (tx) => {
    const updated = await tx.advertiser.updateMany({
      where: { id: advertiserId },
      data: { postbackSecret: secret },
    });
    if (updated.count === 0) throw notFound("advertiser");
    // The secret itself never goes into the audit log.
    await audit(tx, viewer, {
      action: "advertiser.rotate_postback_secret",
      entityType: "Advertiser",
      entityId: advertiserId,
      after: { rotated: true },
    });
    return (await tx.offer.findMany({ where: { advertiserId }, select: { id: true } })).map((o) => o.id);
  });
  return { advertiserId, secret, offerIds };
}
