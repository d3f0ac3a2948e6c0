// Custom payouts: an advertiser pays one publisher (optionally for one country) more or less than the
// offer's default. The tracker stamps the payout when a conversion is recorded, so a change is audited
// and invalidates the offer's cached terms.
import type { CustomPayout } from "@leadrail/db";
import * as rules from "@leadrail/db/offer-terms";
import { audit } from "../audit/audit.ts";
import { managedOffers, requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import { conflictOnDuplicate } from "../db-errors.ts";
import { DomainError, notFound } from "../errors.ts";
import { publishInvalidation } from "../events/invalidate.ts";
import { intId, MoneyRef, money } from "./common.ts";

builder.prismaObject("CustomPayout", {
  fields: (t) => ({
    id: t.exposeID("id"),
    publisher: t.relation("publisher"),
    country: t.exposeString("country", { nullable: true, description: "null = every country." }),
    payout: t.field({
      type: MoneyRef,
      nullable: true,
      description: "CPL / CPA offers: the amount per conversion.",
      select: { offer: { select: { currency: true } } },
      resolve: (row) => (row.payout === null ? null : money(row.payout, row.offer.currency)),
    }),
    payoutShareBps: t.exposeInt("payoutShareBps", { nullable: true, description: "REVSHARE offers." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

const SetCustomPayoutInput = builder.inputType("SetCustomPayoutInput", {
  description:
    "payout (minor units of the offer's currency) for CPL / CPA offers, payoutShareBps for REVSHARE.",
  fields: (t) => ({
    offerId: t.id({ required: true }).validate(intId),
    publisherId: t.id({ required: true }).validate(intId),
    country: t.string({ description: "Leave out for every country.", validate: rules.countryCode.nullish() }),
    payout: t.field({ type: "BigInt", validate: rules.amount.nullish() }),
    payoutShareBps: t.int({ validate: rules.basisPoints.nullish() }),
  }),
});

function snapshot(row: CustomPayout) {
  const { offerId, publisherId, country, payout, payoutShareBps } = row;
  return { offerId, publisherId, country, payout, payoutShareBps };
}

builder.mutationFields((t) => ({
  setCustomPayout: t.prismaField({
    type: "CustomPayout",
    description:
      "Creates or replaces a publisher's custom payout on one of your offers (for one country or all).",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: { input: t.arg({ type: SetCustomPayoutInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const viewer = requireViewer(ctx);
      const offers = managedOffers(viewer);
      const saved = await conflictOnDuplicate(
        () =>
          ctx.db.$transaction(async (tx) => {
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
              throw new DomainError(
                "invalid_input",
                "payoutShareBps: REVSHARE offers take a share, not an amount",
              );
            }
            if (!revshare && (payout === null || input.payoutShareBps != null)) {
              throw new DomainError(
                "invalid_input",
                `payout: ${offer.payoutModel} offers take an amount, not a share`,
              );
            }
            if (payout !== null && payout > offer.defaultRevenue) {
              throw new DomainError("invalid_input", "payout: must not exceed the offer's revenue");
            }
            if (
              payoutShareBps !== null &&
              offer.revenueShareBps !== null &&
              payoutShareBps > offer.revenueShareBps
            ) {
              throw new DomainError(
                "invalid_input",
                "payoutShareBps: must not exceed the offer's revenue share",
              );
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
      publishInvalidation(ctx, saved.offerId);
      return ctx.db.customPayout.findUniqueOrThrow({ ...query, where: { id: saved.id } });
    },
  }),

  removeCustomPayout: t.id({
    description: "Removes a custom payout; the publisher earns the offer's default again. Returns its id.",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: { id: t.arg.id({ required: true }).validate(intId) },
    resolve: async (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const offers = managedOffers(viewer);
      const removed = await ctx.db.$transaction(async (tx) => {
        const row = await tx.customPayout.findFirst({ where: { id: args.id, offer: offers } });
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
      publishInvalidation(ctx, removed.offerId);
      return String(removed.id);
    },
  }),
}));
