// setTrackingLinkDisabled: a publisher turns one of its links off or back on, audited. Turning off
// twice keeps the first time. The caller invalidates the offer after commit.
import type { Db, TrackingLink } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import { notFound } from "../errors.ts";

export function setTrackingLinkDisabled(
  db: Db,
  viewer: Viewer,
  publisherId: number,
  { id, disabled }: { id: number; disabled: boolean },
): Promise<TrackingLink> {
  return db.$transaction(async (tx) => {
    const before = await tx.trackingLink.findFirst({ where: { id, publisherId } });
    if (!before) throw notFound("tracking link");
    // Turning off twice keeps the first time: it says since when the link has been off.
    if ((before.disabledAt !== null) === disabled) return before;
    const after = await tx.trackingLink.update({
      where: { id: before.id },
      data: { disabledAt: disabled ? new Date() : null },
    });
    await audit(tx, viewer, {
      action: disabled ? "link.disable" : "link.enable",
      entityType: "TrackingLink",
      entityId: after.id,
      before: { disabledAt: before.disabledAt },
      after: { disabledAt: after.disabledAt },
    });
    return after;
  });
}
