// The marketplace: offers as publishers see them, with the numbers they choose by.
//
// EPC and conversion rate cover the last 30 UTC days (today included), across every publisher, from
// daily_stats:
// - epc = approved payout × 100 / clicks: earnings per 100 clicks (the CJ convention), in minor units
//   of the offer's currency, rounded down. Per 100 so that small per-click earnings (0.3 cents) keep
//   their digits in an integer amount; divide by 100 for per-click EPC.
// - conversionRate = approved conversions / unique clicks (0.025 = 2.5 %).
// Both are null when there were no clicks. One grouped query per page of offers (loaders.ts).
import type { Prisma } from "@leadrail/db";
import { parseLeadFormFields } from "@leadrail/db/lead-form";
import * as rules from "@leadrail/db/offer-terms";
import { z } from "zod";
import { marketplaceOffers, requirePublisherId } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { METRICS_DAYS } from "../loaders.ts";
import { pageLikePrisma, rankBy } from "../offers/metric-order.ts";
import {
  ConfirmationModeEnum,
  DeviceTypeEnum,
  intId,
  MoneyRef,
  money,
  OfferStatusEnum,
  OfferVisibilityEnum,
  PayoutModelEnum,
  searchText,
} from "./common.ts";
import { LeadFormFieldRef } from "./offers.ts";

interface CountryPayout {
  country: string;
  payout: bigint | null;
  payoutShareBps: number | null;
  currency: string;
}

const CountryPayoutRef = builder.objectRef<CountryPayout>("CountryPayout").implement({
  description: "Your custom payout for traffic from one country.",
  fields: (t) => ({
    country: t.exposeString("country"),
    payout: t.field({
      type: MoneyRef,
      nullable: true,
      resolve: (row) => (row.payout === null ? null : money(row.payout, row.currency)),
    }),
    payoutShareBps: t.exposeInt("payoutShareBps", { nullable: true }),
  }),
});

/** The calling publisher's payout on an offer for all countries: custom if it has one, else default. */
async function myTerms(
  offer: { id: number; defaultPayout: bigint; payoutShareBps: number | null },
  ctx: Context,
): Promise<{ payout: bigint; payoutShareBps: number | null }> {
  const custom = (await ctx.loaders.myCustomPayouts.load(offer.id)).find((row) => row.country === null);
  return {
    payout: custom?.payout ?? offer.defaultPayout,
    payoutShareBps: custom?.payoutShareBps ?? offer.payoutShareBps,
  };
}

export const MarketplaceOfferRef = builder.prismaObject("Offer", {
  variant: "MarketplaceOffer",
  description:
    "An offer as publishers see it: what it pays you and how it performs; no advertiser-side terms.",
  fields: (t) => ({
    id: t.exposeID("id"),
    advertiser: t.relation("advertiser"),
    name: t.exposeString("name"),
    vertical: t.exposeString("vertical"),
    description: t.exposeString("description"),
    status: t.expose("status", { type: OfferStatusEnum }),
    visibility: t.expose("visibility", { type: OfferVisibilityEnum }),
    currency: t.exposeString("currency"),
    payoutModel: t.expose("payoutModel", { type: PayoutModelEnum }),
    payout: t.field({
      type: MoneyRef,
      description: "What you earn per conversion (your custom payout if you have one). Zero for REVSHARE.",
      resolve: async (offer, _args, ctx) => money((await myTerms(offer, ctx)).payout, offer.currency),
    }),
    payoutShareBps: t.int({
      nullable: true,
      description: "REVSHARE: your share of the sale amount in basis points.",
      resolve: async (offer, _args, ctx) => (await myTerms(offer, ctx)).payoutShareBps,
    }),
    countryPayouts: t.field({
      type: [CountryPayoutRef],
      description: "Your custom payouts for single countries, where they differ.",
      resolve: async (offer, _args, ctx) =>
        (await ctx.loaders.myCustomPayouts.load(offer.id)).flatMap((row) =>
          row.country === null
            ? []
            : [
                {
                  country: row.country,
                  payout: row.payout,
                  payoutShareBps: row.payoutShareBps,
                  currency: offer.currency,
                },
              ],
        ),
    }),
    epc: t.field({
      type: MoneyRef,
      nullable: true,
      description: `Approved payout per 100 clicks over the last ${METRICS_DAYS} days (all publishers); null without clicks.`,
      resolve: async (offer, _args, ctx) => {
        const metrics = await ctx.loaders.offerMetrics.load(offer.id);
        return metrics.clicks === 0n ? null : money((metrics.payout * 100n) / metrics.clicks, offer.currency);
      },
    }),
    conversionRate: t.float({
      nullable: true,
      description: `Approved conversions / unique clicks over the last ${METRICS_DAYS} days (0.025 = 2.5 %).`,
      resolve: async (offer, _args, ctx) => {
        const metrics = await ctx.loaders.offerMetrics.load(offer.id);
        return metrics.uniqueClicks === 0n
          ? null
          : Number(metrics.approvedConversions) / Number(metrics.uniqueClicks);
      },
    }),
    clicks30d: t.field({
      type: "BigInt",
      description: `Clicks over the last ${METRICS_DAYS} days (all publishers).`,
      resolve: async (offer, _args, ctx) => (await ctx.loaders.offerMetrics.load(offer.id)).clicks,
    }),
    countries: t.exposeStringList("countries", { description: "ISO 3166-1 alpha-2; empty = everywhere." }),
    devices: t.expose("devices", { type: [DeviceTypeEnum], description: "Empty = every device." }),
    confirmationMode: t.expose("confirmationMode", { type: ConfirmationModeEnum }),
    holdDays: t.exposeInt("holdDays"),
    returnWindowDays: t.exposeInt("returnWindowDays"),
    attributionWindowHours: t.exposeInt("attributionWindowHours"),
    leadFormFields: t.field({
      type: [LeadFormFieldRef],
      select: { leadForm: { select: { fields: true } } },
      resolve: (offer) => parseLeadFormFields(offer.leadForm?.fields) ?? [],
    }),
    consentText: t.string({
      nullable: true,
      select: { leadForm: { select: { consentText: true } } },
      resolve: (offer) => offer.leadForm?.consentText ?? null,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

const MarketplaceSort = builder.enumType("MarketplaceSort", {
  values: {
    NEWEST: { description: "Most recently created first (default)." },
    PAYOUT_DESC: { description: "Highest default payout first." },
    NAME: { description: "By name, A to Z." },
    EPC_DESC: {
      description: `Highest EPC first (last ${METRICS_DAYS} days), offers without clicks last. EPC is in each offer's currency: filter by currency to compare like with like.`,
    },
    CONVERSION_RATE_DESC: {
      description: `Highest conversion rate first (last ${METRICS_DAYS} days), offers without clicks last.`,
    },
  } as const,
});

const MarketplaceFilter = builder.inputType("MarketplaceFilter", {
  description: "Amounts are minor units of the offer's currency; combine them with `currency`.",
  fields: (t) => ({
    vertical: t.string({ validate: rules.vertical.nullish() }),
    country: t.string({
      description: "Offers open to this country (targeting it, or targeting everywhere).",
      validate: rules.countryCode.nullish(),
    }),
    payoutModel: t.field({ type: PayoutModelEnum }),
    currency: t.string({ validate: rules.currency.nullish() }),
    minPayout: t.field({ type: "BigInt", validate: rules.amount.nullish() }),
    maxPayout: t.field({ type: "BigInt", validate: rules.amount.nullish() }),
    search: t.string({ description: "Part of the name or description.", validate: searchText.nullish() }),
  }),
  // A loose object: a plain z.object would strip the other fields from the validated input.
  validate: z
    .looseObject({ minPayout: z.bigint().nullish(), maxPayout: z.bigint().nullish() })
    .refine((f) => f.minPayout == null || f.maxPayout == null || f.minPayout <= f.maxPayout, {
      message: "minPayout must not exceed maxPayout",
    }),
});

type Filter = {
  vertical?: string | null;
  country?: string | null;
  payoutModel?: Prisma.OfferWhereInput["payoutModel"] | null;
  currency?: string | null;
  minPayout?: bigint | null;
  maxPayout?: bigint | null;
  search?: string | null;
};

function filterWhere(filter: Filter): Prisma.OfferWhereInput[] {
  const where: Prisma.OfferWhereInput[] = [];
  if (filter.vertical) where.push({ vertical: { equals: filter.vertical, mode: "insensitive" } });
  if (filter.country)
    where.push({ OR: [{ countries: { has: filter.country } }, { countries: { isEmpty: true } }] });
  if (filter.payoutModel) where.push({ payoutModel: filter.payoutModel });
  if (filter.currency) where.push({ currency: filter.currency });
  if (filter.minPayout != null) where.push({ defaultPayout: { gte: filter.minPayout } });
  if (filter.maxPayout != null) where.push({ defaultPayout: { lte: filter.maxPayout } });
  if (filter.search) {
    where.push({
      OR: [
        { name: { contains: filter.search, mode: "insensitive" } },
        { description: { contains: filter.search, mode: "insensitive" } },
      ],
    });
  }
  return where;
}

type ColumnSort = "NEWEST" | "PAYOUT_DESC" | "NAME";
type MetricSort = "EPC_DESC" | "CONVERSION_RATE_DESC";

const ORDER: Record<ColumnSort, Prisma.OfferOrderByWithRelationInput[]> = {
  NEWEST: [{ id: "desc" }],
  PAYOUT_DESC: [{ defaultPayout: "desc" }, { id: "desc" }],
  NAME: [{ name: "asc" }, { id: "asc" }],
};

/** One page of the marketplace ordered by a computed metric (see offers/metric-order.ts). */
async function byMetric(
  sort: MetricSort,
  query: { include?: Prisma.OfferInclude; cursor?: Prisma.OfferWhereUniqueInput; take: number; skip: number },
  where: Prisma.OfferWhereInput,
  ctx: Context,
) {
  const { cursor, skip, take, ...shape } = query;
  const ids = (await ctx.db.offer.findMany({ where, select: { id: true } })).map((offer) => offer.id);
  const metrics = await ctx.loaders.offerMetrics.loadMany(ids);
  const ranked = rankBy(
    sort === "EPC_DESC" ? "EPC" : "CONVERSION_RATE",
    ids.map((id, index) => {
      const found = metrics[index];
      if (found === undefined || found instanceof Error) throw found ?? new Error("missing metrics");
      return { id, ...found };
    }),
  );
  const page = pageLikePrisma(ranked, { cursor, skip, take });
  const rows = await ctx.db.offer.findMany({ ...shape, where: { id: { in: page } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return page.flatMap((id) => byId.get(id) ?? []);
}

builder.queryFields((t) => ({
  marketplace: t.prismaConnection({
    type: MarketplaceOfferRef,
    cursor: "id",
    description:
      "Active PUBLIC and APPROVAL_REQUIRED offers, and PRIVATE ones you are approved for; never one you are blocked from.",
    authScopes: { publisher: true },
    args: {
      filter: t.arg({ type: MarketplaceFilter }),
      sort: t.arg({ type: MarketplaceSort, defaultValue: "NEWEST" }),
    },
    totalCount: (_connection, args, ctx) =>
      ctx.db.offer.count({
        where: { AND: [marketplaceOffers(requirePublisherId(ctx)), ...filterWhere(args.filter ?? {})] },
      }),
    resolve: (query, _root, args, ctx) => {
      const where = { AND: [marketplaceOffers(requirePublisherId(ctx)), ...filterWhere(args.filter ?? {})] };
      const sort = args.sort ?? "NEWEST";
      if (sort === "EPC_DESC" || sort === "CONVERSION_RATE_DESC") return byMetric(sort, query, where, ctx);
      return ctx.db.offer.findMany({ ...query, where, orderBy: ORDER[sort] });
    },
  }),
  marketplaceOffer: t.prismaField({
    type: MarketplaceOfferRef,
    nullable: true,
    description: "An offer in the marketplace, or one you have applied to; null otherwise.",
    authScopes: { publisher: true },
    args: { id: t.arg.id({ required: true }).validate(intId) },
    resolve: (query, _root, args, ctx) => {
      const publisherId = requirePublisherId(ctx);
      return ctx.db.offer.findFirst({
        ...query,
        where: {
          id: args.id,
          OR: [
            marketplaceOffers(publisherId),
            { status: { not: "DRAFT" }, applications: { some: { publisherId, blockedAt: null } } },
          ],
        },
      });
    },
  }),
}));
