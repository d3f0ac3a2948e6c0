// Custom payouts: an advertiser pays one publisher (optionally for one country) more or less than the
// offer's default. The tracker stamps the payout when a conversion is recorded, so a change is audited
// and invalidates the offer's cached terms.
import * as rules from "@leadrail/db/offer-terms";
import { requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import { DomainError } from "../errors.ts";
import { publishInvalidation } from "../events/invalidate.ts";
import { removeCustomPayout, setCustomPayout } from "../offers/custom-payouts.ts";
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

builder.mutationFields((t) => ({
  setCustomPayout: t.prismaField({
    type: "CustomPayout",
    description:
      "Creates or replaces a publisher's custom payout on one of your offers (for one country or all).",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: { input: t.arg({ type: SetCustomPayoutInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const saved = await setCustomPayout(ctx.db, requireViewer(ctx), input);
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
      const removed = await removeCustomPayout(ctx.db, requireViewer(ctx), args.id);
      publishInvalidation(ctx, removed.offerId);
      return String(removed.id);
    },
  }),
}));
