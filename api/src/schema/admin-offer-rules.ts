// Admins: every offer's custom payouts in one list (the offer editor shows one offer's), each with its
// offer so the dashboard can link to the editor. The offers' lead-quality rules are Offer fields
// (lead-quality.ts), listed through `offers`.
import { builder } from "../builder.ts";
import { intId } from "./common.ts";

builder.prismaObjectField("CustomPayout", "offer", (t) => t.relation("offer"));

const CustomPayoutFilter = builder.inputType("CustomPayoutFilter", {
  fields: (t) => ({
    offerId: t.id().validate(intId.nullish()),
    publisherId: t.id().validate(intId.nullish()),
  }),
});

builder.queryFields((t) => ({
  customPayouts: t.prismaConnection({
    type: "CustomPayout",
    cursor: "id",
    description: "Admins: every custom payout on every offer, oldest first; filter by offer or publisher.",
    authScopes: { admin: true },
    args: { filter: t.arg({ type: CustomPayoutFilter }) },
    totalCount: (_c, args, ctx) =>
      ctx.db.customPayout.count({
        where: {
          offerId: args.filter?.offerId ?? undefined,
          publisherId: args.filter?.publisherId ?? undefined,
        },
      }),
    resolve: (query, _root, args, ctx) =>
      ctx.db.customPayout.findMany({
        ...query,
        where: {
          offerId: args.filter?.offerId ?? undefined,
          publisherId: args.filter?.publisherId ?? undefined,
        },
        orderBy: { id: "asc" },
      }),
  }),
}));
