// Custom payouts: an advertiser pays one publisher (optionally for one country) more or less than the
// offer's default, never more than the offer earns. The tracker stamps the payout when a conversion is
// recorded, so each change is audited; the caller invalidates the offer's cached terms after commit.
import type { CustomPayout, Db } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import { managedOffers } from "../auth/tenancy.ts";
import type { Viewer } from "../context.ts";
import { conflictOnDuplicate } from "../db-errors.ts";
import { invalidFields, notFound } from "../errors.ts";

export interface CustomPayoutInput {
  offerId: number;
  publisherId: number;
  country?: string | null;
  payout?: bigint | null;
  payoutShareBps?: number | null;
}

function snapshot(row: CustomPayout) {
  const { offerId, publisherId, country, payout, payoutShareBps } = row;
  return { offerId, publisherId, country, payout, payoutShareBps };
}

/** Creates or replaces the publisher's custom payout on the offer (for one country or all). */
export function setCustomPayout(db: Db, viewer: Viewer, input: CustomPayoutInput): Promise<CustomPayout> {
  const offers = managedOffers(viewer);
  return conflictOnDuplicate(
    () =>
      db.$transaction(async (tx) => {
        const offer = await tx.offer.findFirst({ where: { AND: [{ id: input.offerId }, offers] } });
        if (!offer) throw notFound("offer");
        // Only publishers who applied to (or were invited to) the offer: an advertiser cannot probe
        // the network's publisher ids through this mutation.
        const application = await tx.offerApplication.findUnique({
          where: { offerId_publisherId: { offerId: offer.id, publisherId: input.publisherId } },
        });
        if (!application) throw notFound("publisher");
        const revshare = offer.payoutModel === "REVSHARE";
        const payout = revshare ? null : (input.payout ?? null);
        const payoutShareBps = revshare ? (input.payoutShareBps ?? null) : null;
        if (revshare && (payoutShareBps === null || input.payout != null)) {
          throw invalidFields([
            { path: ["input", "payoutShareBps"], message: "REVSHARE offers take a share, not an amount" },
          ]);
        }
        if (!revshare && (payout === null || input.payoutShareBps != null)) {
          throw invalidFields([
            { path: ["input", "payout"], message: `${offer.payoutModel} offers take an amount, not a share` },
          ]);
        }
        if (payout !== null && payout > offer.defaultRevenue) {
          throw invalidFields([
            { path: ["input", "payout"], message: "must not exceed the offer's revenue" },
          ]);
        }
        if (
          payoutShareBps !== null &&
          offer.revenueShareBps !== null &&
          payoutShareBps > offer.revenueShareBps
        ) {
          throw invalidFields([
            { path: ["input", "payoutShareBps"], message: "must not exceed the offer's revenue share" },
          ]);
        }
        const country = input.country ?? null;
        const existing = await tx.customPayout.findFirst({
          where: { offerId: offer.id, publisherId: input.publisherId, country },
        });
        const after = existing
          ? await tx.customPayout.update({ where: { id: existing.id }, data: { payout, payoutShareBps } })
          : await tx.customPayout.create({
              data: {
                offerId: offer.id,
                publisherId: input.publisherId,
                country,
                payout,
                payoutShareBps,
              },
            });
        await audit(tx, viewer, {
          action: "custom_payout.set",
          entityType: "CustomPayout",
          entityId: after.id,
          before: existing ? snapshot(existing) : undefined,
          after: snapshot(after),
        });
        return after;
      }),
    "changed concurrently, try again",
  );
}

export function removeCustomPayout(db: Db, viewer: Viewer, id: number): Promise<CustomPayout> {
  const offers = managedOffers(viewer);
  return db.$transaction(async (tx) => {
    const row = await tx.customPayout.findFirst({ where: { id, offer: offers } });
    if (!row) throw notFound("custom payout");
    await tx.customPayout.delete({ where: { id: row.id } });
    await audit(tx, viewer, {
      action: "custom_payout.remove",
      entityType: "CustomPayout",
      entityId: row.id,
      before: snapshot(row),
    });
    return row;
  });
}
