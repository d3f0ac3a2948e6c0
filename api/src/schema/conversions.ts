// A publisher's own conversions: what it earns and why, without the lead's personal data (that belongs
// to the advertiser) and without revenue (the network's business).
import type { ConversionStatus, Prisma } from "@leadrail/db";
import { parseClickParams } from "@leadrail/db/macros";
import { z } from "zod";
import { requirePublisherId } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import { ConversionStatusEnum, DeviceTypeEnum, intId, MoneyRef, money } from "./common.ts";
import { ClickParamsRef } from "./links.ts";
import { MarketplaceOfferRef } from "./marketplace.ts";

const PublisherConversionRef = builder.prismaObject("Conversion", {
  variant: "PublisherConversion",
  description: "One of your conversions: status and payout, no lead contact data.",
  // Select mode: only the columns below are ever read, so personal data is not even loaded.
  select: { id: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    offer: t.relation("offer", { type: MarketplaceOfferRef }),
    linkId: t.exposeID("linkId", { nullable: true }),
    goal: t.exposeString("goal"),
    status: t.expose("status", { type: ConversionStatusEnum }),
    statusReason: t.exposeString("statusReason", { nullable: true }),
    payout: t.field({
      type: MoneyRef,
      description: "What you earn (once APPROVED and past the hold).",
      select: { payout: true, currency: true },
      resolve: (row) => money(row.payout, row.currency),
    }),
    subs: t.field({
      type: ClickParamsRef,
      select: { subs: true },
      resolve: (row) => parseClickParams(row.subs),
    }),
    country: t.exposeString("country", { nullable: true }),
    deviceType: t.expose("deviceType", { type: DeviceTypeEnum, nullable: true }),
    convertedAt: t.expose("convertedAt", { type: "DateTime" }),
    approvedAt: t.expose("approvedAt", { type: "DateTime", nullable: true }),
    reversedAt: t.expose("reversedAt", { type: "DateTime", nullable: true }),
  }),
});

const ConversionFilter = builder.inputType("ConversionFilter", {
  fields: (t) => ({
    status: t.field({ type: ConversionStatusEnum }),
    offerId: t.id().validate(intId.nullish()),
    from: t.field({ type: "DateTime", description: "Converted at or after." }),
    to: t.field({ type: "DateTime", description: "Converted before." }),
  }),
  validate: z
    .looseObject({ from: z.date().nullish(), to: z.date().nullish() })
    .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "from must not be after to" }),
});

builder.queryField("conversions", (t) =>
  t.prismaConnection({
    type: PublisherConversionRef,
    cursor: "id",
    description: "Your conversions, newest first.",
    authScopes: { publisher: true },
    args: { filter: t.arg({ type: ConversionFilter }) },
    resolve: (query, _root, args, ctx) => {
      const filter: {
        status?: ConversionStatus | null;
        offerId?: number | null;
        from?: Date | null;
        to?: Date | null;
      } = args.filter ?? {};
      const and: Prisma.ConversionWhereInput[] = [{ publisherId: requirePublisherId(ctx) }];
      if (filter.status) and.push({ status: filter.status });
      if (filter.offerId) and.push({ offerId: filter.offerId });
      if (filter.from) and.push({ convertedAt: { gte: filter.from } });
      if (filter.to) and.push({ convertedAt: { lt: filter.to } });
      return ctx.db.conversion.findMany({
        ...query,
        where: { AND: and },
        orderBy: [{ convertedAt: "desc" }, { id: "desc" }],
      });
    },
  }),
);
