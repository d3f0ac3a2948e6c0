// The advertiser's leads inbox: the conversions of its offers with the lead's contact fields and
// quality signals; confirming or rejecting PENDING ones (one or many at once), returning an APPROVED
// one within the offer's return window. Each decision moves the daily_stats counters, writes an audit
// row per lead and a publisher-postback outbox row per attributed lead, all in the same transaction. A
// returned (REVERSED) lead is final: no mutation accepts it. A lead the offer's quality policy rejected
// can be overturned by a person (overturnLeadRejection): it takes a cap slot like a new conversion.
import type { ConversionStatus, Prisma } from "@leadrail/db";
import { leadReason } from "@leadrail/db/decision-reasons";
import { z } from "zod";
import { managedOffers, requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { DomainError } from "../errors.ts";
import { decideLeads } from "../leads/decide-leads.ts";
import { overturnLeadRejection } from "../leads/overturn-lead-rejection.ts";
import { returnLead } from "../leads/return-lead.ts";
import { leadsByTemperature } from "../leads/temperature-order.ts";
import {
  ConversionSourceEnum,
  ConversionStatusEnum,
  DeviceTypeEnum,
  intId,
  MoneyRef,
  money,
  searchText,
  uuidId,
} from "./common.ts";

interface QualitySignal {
  code: string;
  detail: string | null;
}

const QualitySignalRef = builder.objectRef<QualitySignal>("QualitySignal").implement({
  description: "Why a lead looks doubtful (duplicate_lead, invalid_phone...), recorded when it arrived.",
  fields: (t) => ({
    code: t.exposeString("code"),
    detail: t.exposeString("detail", { nullable: true }),
  }),
});

function parseSignals(value: unknown): QualitySignal[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const record = typeof item === "object" && item !== null ? (item as Record<string, unknown>) : null;
    return record && typeof record.code === "string"
      ? [{ code: record.code, detail: typeof record.detail === "string" ? record.detail : null }]
      : [];
  });
}

const DAY_MS = 24 * 3600 * 1000;

export const LeadRef = builder.prismaObject("Conversion", {
  variant: "Lead",
  description: "A conversion of one of your offers as its advertiser sees it, with the lead's personal data.",
  fields: (t) => ({
    id: t.exposeID("id"),
    offer: t.relation("offer"),
    publisherId: t.exposeID("publisherId", { nullable: true }),
    transactionId: t.exposeString("transactionId"),
    goal: t.exposeString("goal"),
    source: t.expose("source", { type: ConversionSourceEnum }),
    status: t.expose("status", { type: ConversionStatusEnum }),
    statusReason: t.exposeString("statusReason", {
      nullable: true,
      description: "Why it was rejected or held (a code such as cap_reached, or your rejection reason).",
    }),
    qualitySignals: t.field({
      type: [QualitySignalRef],
      resolve: (lead) => parseSignals(lead.qualitySignals),
    }),
    revenue: t.field({
      type: MoneyRef,
      description: "What this lead costs you (once approved).",
      resolve: (lead) => money(lead.revenue, lead.currency),
    }),
    saleAmount: t.field({
      type: MoneyRef,
      nullable: true,
      resolve: (lead) => (lead.saleAmount === null ? null : money(lead.saleAmount, lead.currency)),
    }),
    leadName: t.exposeString("leadName", { nullable: true }),
    leadEmail: t.exposeString("leadEmail", { nullable: true }),
    leadPhone: t.exposeString("leadPhone", { nullable: true }),
    leadFields: t.expose("leadFields", { type: "JSON", nullable: true }),
    consentText: t.exposeString("consentText", { nullable: true }),
    consentAt: t.expose("consentAt", { type: "DateTime", nullable: true }),
    erasedAt: t.expose("erasedAt", { type: "DateTime", nullable: true }),
    country: t.exposeString("country", { nullable: true }),
    deviceType: t.expose("deviceType", { type: DeviceTypeEnum, nullable: true }),
    convertedAt: t.expose("convertedAt", { type: "DateTime" }),
    decidedAt: t.expose("decidedAt", { type: "DateTime", nullable: true }),
    approvedAt: t.expose("approvedAt", { type: "DateTime", nullable: true }),
    reversedAt: t.expose("reversedAt", { type: "DateTime", nullable: true }),
    returnedAt: t.expose("returnedAt", { type: "DateTime", nullable: true }),
    returnReason: t.exposeString("returnReason", { nullable: true }),
    returnableUntil: t.field({
      type: "DateTime",
      nullable: true,
      description: "Until when this APPROVED lead may be returned (approval + the offer's return window).",
      select: { offer: { select: { returnWindowDays: true } } },
      resolve: (lead) =>
        lead.status === "APPROVED" && lead.offer.returnWindowDays > 0
          ? new Date((lead.approvedAt ?? lead.convertedAt).getTime() + lead.offer.returnWindowDays * DAY_MS)
          : null,
    }),
  }),
});

const LeadQualityEnum = builder.enumType("LeadQuality", {
  description: "Whether a lead arrived with quality signals (see Lead.qualitySignals).",
  values: {
    CLEAN: { description: "No quality signal." },
    FLAGGED: { description: "At least one quality signal." },
  } as const,
});

const LeadFilter = builder.inputType("LeadFilter", {
  fields: (t) => ({
    status: t.field({ type: ConversionStatusEnum }),
    offerId: t.id().validate(intId.nullish()),
    from: t.field({ type: "DateTime", description: "Converted at or after." }),
    to: t.field({ type: "DateTime", description: "Converted before." }),
    search: t.string({
      description: "Part of the lead's name, e-mail or phone, or the exact transaction id.",
      validate: searchText.nullish(),
    }),
    quality: t.field({ type: LeadQualityEnum, description: "Leads with or without quality signals." }),
  }),
  validate: z
    .looseObject({ from: z.date().nullish(), to: z.date().nullish() })
    .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "from must not be after to" }),
});

const TEMPERATURE_AT_MAX_AGE_MS = DAY_MS;

const LeadOrderEnum = builder.enumType("LeadOrder", {
  values: {
    NEWEST: { description: "Newest first (convertedAt, then id, descending)." },
    HOTTEST: {
      description:
        "HOT, then WARM, then COLD (Lead.temperature at temperatureAt), newest first within each. " +
        "Pages forward only (first/after).",
    },
  } as const,
});

builder.queryField("leads", (t) =>
  t.prismaConnection({
    type: LeadRef,
    cursor: "id",
    description: "The leads of your offers, newest first (or hottest first: orderBy HOTTEST).",
    authScopes: { advertiser: true, admin: true },
    args: {
      filter: t.arg({ type: LeadFilter }),
      orderBy: t.arg({ type: LeadOrderEnum, defaultValue: "NEWEST" }),
      temperatureAt: t.arg({
        type: "DateTime",
        description:
          "With HOTTEST: the moment temperatures are ranked at (default: now; at most a day ago, not " +
          "in the future). Temperatures cool as time passes, so pass the first page's moment with every " +
          "later page: then no lead is shown twice or skipped. A cursor lead whose temperature changed " +
          "otherwise since its page (rejected, returned, erased, or its offer's form edited) is ranked " +
          "where it is now.",
        // Bounded because a page reads every lead clicked within 72 h before it: an old moment would
        // read a large part of the inbox. A minute ahead is allowed for the clocks of clients.
        validate: z
          .date()
          .nullish()
          .refine((at) => !at || at.getTime() >= Date.now() - TEMPERATURE_AT_MAX_AGE_MS, {
            message: "must be at most a day ago",
          })
          .refine((at) => !at || at.getTime() <= Date.now() + 60_000, {
            message: "must not be in the future",
          }),
      }),
    },
    totalCount: (_connection, args, ctx) =>
      ctx.db.conversion.count({ where: leadsWhere(ctx, args.filter ?? {}) }),
    resolve: (query, _root, args, ctx) => {
      const where = leadsWhere(ctx, args.filter ?? {});
      if (args.orderBy === "HOTTEST") {
        const tenancy = { offer: managedOffers(requireViewer(ctx)) };
        return leadsByTemperature(ctx, { where, tenancy }, query, args.temperatureAt ?? new Date());
      }
      return ctx.db.conversion.findMany({
        ...query,
        where,
        orderBy: [{ convertedAt: "desc" }, { id: "desc" }],
      });
    },
  }),
);

function leadsWhere(
  ctx: Pick<Context, "viewer">,
  filter: {
    status?: ConversionStatus | null;
    offerId?: number | null;
    from?: Date | null;
    to?: Date | null;
    search?: string | null;
    quality?: "CLEAN" | "FLAGGED" | null;
  },
): Prisma.ConversionWhereInput {
  const and: Prisma.ConversionWhereInput[] = [{ offer: managedOffers(requireViewer(ctx)) }];
  if (filter.status) and.push({ status: filter.status });
  if (filter.offerId) and.push({ offerId: filter.offerId });
  if (filter.from) and.push({ convertedAt: { gte: filter.from } });
  if (filter.to) and.push({ convertedAt: { lt: filter.to } });
  // In the query, not on the loaded page, so pagination and totalCount count only matching leads.
  // quality_signals is a NOT NULL jsonb array the tracker writes once ('[]' when clean), so "clean"
  // is equality with the empty array: no computed state, and the same answer Lead.qualitySignals gives.
  if (filter.quality === "CLEAN") and.push({ qualitySignals: { equals: [] } });
  if (filter.quality === "FLAGGED") and.push({ NOT: { qualitySignals: { equals: [] } } });
  if (filter.search) {
    and.push({
      OR: [
        { leadEmail: { contains: filter.search, mode: "insensitive" } },
        { leadName: { contains: filter.search, mode: "insensitive" } },
        { leadPhone: { contains: filter.search } },
        { transactionId: filter.search },
      ],
    });
  }
  return { AND: and };
}

// ───────────────────────────── decisions ─────────────────────────────

const leadIds = z
  .array(uuidId)
  .min(1, "must name at least one lead")
  .max(500, "at most 500 leads at once")
  .refine((ids) => new Set(ids).size === ids.length, "must not repeat a lead");

builder.mutationFields((t) => ({
  confirmLeads: t.prismaField({
    type: [LeadRef],
    description:
      "Approves PENDING leads of your offers (one or up to 500): all of them or, on any problem, none " +
      "(a lead on a bot's click is never approved: conflict).",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: { ids: t.arg.idList({ required: true }).validate(leadIds) },
    resolve: async (query, _root, args, ctx) => {
      const ids = await decideLeads(ctx.db, requireViewer(ctx), args.ids, "APPROVED", null);
      return ctx.db.conversion.findMany({ ...query, where: { id: { in: ids } }, orderBy: { id: "asc" } });
    },
  }),
  rejectLeads: t.prismaField({
    type: [LeadRef],
    description: "Rejects PENDING leads of your offers (one or up to 500) with a reason: all or none.",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: {
      ids: t.arg.idList({ required: true }).validate(leadIds),
      reason: t.arg.string({ required: true, validate: leadReason }),
    },
    resolve: async (query, _root, args, ctx) => {
      const ids = await decideLeads(ctx.db, requireViewer(ctx), args.ids, "REJECTED", args.reason);
      return ctx.db.conversion.findMany({ ...query, where: { id: { in: ids } }, orderBy: { id: "asc" } });
    },
  }),
  returnLead: t.prismaField({
    type: LeadRef,
    description:
      "Returns an APPROVED lead within the offer's return window (days from approval): it becomes REVERSED, for good.",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: {
      id: t.arg.id({ required: true }).validate(uuidId),
      reason: t.arg.string({ required: true, validate: leadReason }),
    },
    resolve: async (query, _root, args, ctx) => {
      await returnLead(ctx.db, requireViewer(ctx), args.id, args.reason);
      return ctx.db.conversion.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  overturnLeadRejection: t.prismaField({
    type: LeadRef,
    description:
      "Approves a lead your offer's quality policy rejected (statusReason is a quality signal such as duplicate_lead): " +
      "its money is stamped from the offer's terms now and it takes a cap slot; cap_reached when a cap is full. " +
      "Your own rejections, blocked publishers' leads, unattributed and cap-rejected leads stay final, " +
      "and a lead on a bot's click is never approved.",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: { id: t.arg.id({ required: true }).validate(uuidId) },
    resolve: async (query, _root, args, ctx) => {
      await overturnLeadRejection(ctx, requireViewer(ctx), args.id);
      return ctx.db.conversion.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
}));
