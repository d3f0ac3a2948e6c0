// revealPostbackSecret: the advertiser's current postback secret on demand. Each reveal is a deliberate
// act recorded in the audit log; the secret itself is never logged.
import type { Db } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import { DomainError, notFound } from "../errors.ts";

/** `requestedAdvertiserId`: required for admins; others may only name their own advertiser. */
export async function revealPostbackSecret(
  db: Db,
  viewer: Viewer,
  requestedAdvertiserId: number | null | undefined,
): Promise<{ secret: string }> {
  const advertiserId = viewer.role === "ADMIN" ? requestedAdvertiserId : viewer.advertiserId;
  if (!advertiserId) throw new DomainError("invalid_input", "advertiserId: required for admins");
  if (viewer.role !== "ADMIN" && requestedAdvertiserId && requestedAdvertiserId !== advertiserId) {
    throw notFound("advertiser");
  }
  return db.$transaction(async (tx) => {
    const advertiser = await tx.advertiser.findUnique({
      where: { id: advertiserId },
      select: { postbackSecret: true },
    });
    if (!advertiser) throw notFound("advertiser");
    await audit(tx, viewer, {
      action: "advertiser.reveal_postback_secret",
      entityType: "Advertiser",
      entityId: advertiserId,
      after: { revealed: true },
    });
    return { secret: advertiser.postbackSecret };
  });
}
