// Offers as their advertiser (and admin, and finance read-only) see them: every term, caps, the
// publishers' applications. Publishers see offers through MarketplaceOffer (marketplace.ts) instead,
// which has no revenue, landing URL or caps.
import { generateSecret, type Offer, type OfferCap, type Prisma } from "@leadrail/db";
import { LEAD_FIELD_TYPES, type LeadFormField, parseLeadFormFields } from "@leadrail/db/lead-form";
import * as rules from "@leadrail/db/offer-terms";
import { z } from "zod";
import { audit } from "../audit/audit.ts";
import { managedOffers, readableOffers, requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import { DomainError, notFound } from "../errors.ts";
import { publishInvalidation } from "../events/invalidate.ts";
import { formTermsOf, syncOfferLeadForm } from "../offers/offer-lead-form.ts";
import { postbackInstructions } from "../offers/postback-instructions.ts";
import { canMoveOffer } from "../offers/status.ts";
import {
  ApplicationStatusEnum,
  CapMetricEnum,
  CapPeriodEnum,
  CapScopeEnum,
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

export const LeadFormFieldRef = builder.objectRef<LeadFormField>("LeadFormField").implement({
  description: "A field of the hosted lead form.",
  fields: (t) => ({
    name: t.exposeString("name"),
    label: t.exposeString("label"),
    type: t.exposeString("type", { description: LEAD_FIELD_TYPES.join(" | ") }),
    required: t.exposeBoolean("required"),
  }),
});

builder.prismaObject("OfferCap", {
  fields: (t) => ({
    id: t.exposeID("id"),
    scope: t.expose("scope", { type: CapScopeEnum }),
    publisher: t.relation("publisher", { nullable: true }),
    period: t.expose("period", { type: CapPeriodEnum }),
    metric: t.expose("metric", { type: CapMetricEnum }),
    limit: t.expose("limit", {
      type: "BigInt",
      description: "Conversions, or for BUDGET caps minor units of the offer's currency (see budget).",
    }),
    budget: t.field({
      type: MoneyRef,
      nullable: true,
      description: "The limit as money, for BUDGET caps.",
      select: { offer: { select: { currency: true } } },
      resolve: (cap) => (cap.metric === "BUDGET" ? money(cap.limit, cap.offer.currency) : null),
    }),
  }),
});

const PostbackInstructionsRef = builder
  .objectRef<ReturnType<typeof postbackInstructions>>("PostbackInstructions")
  .implement({
    description: "How the advertiser reports this offer's conversions to the tracker.",
    fields: (t) => ({
      postbackUrl: t.exposeString("postbackUrl", {
        description:
          "Server-to-server postback (GET or POST). Replace the braces with your system's values; " +
          "{postback_secret} is the secret shown when it was created or rotated.",
      }),
      signedPostbackUrl: t.exposeString("signedPostbackUrl", {
        description:
          "For a POST whose JSON body is signed: X-Leadrail-Signature: sha256=<hex HMAC-SHA256 of the body, keyed with the postback secret>.",
      }),
      pixelUrl: t.exposeString("pixelUrl", {
        description: "Image pixel for this offer, with its own token (valid only on /pixel for this offer).",
      }),
      pixelHtml: t.exposeString("pixelHtml", { description: "The pixel as an <img> tag." }),
    }),
  });

export const OfferRef = builder.prismaObject("Offer", {
  description: "An offer with all its terms, as its advertiser, admins and finance see it.",
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
      description: "Default publisher payout per conversion (CPL / CPA; zero for REVSHARE).",
      resolve: (offer) => money(offer.defaultPayout, offer.currency),
    }),
    revenue: t.field({
      type: MoneyRef,
      description: "What the advertiser pays per conversion (CPL / CPA; zero for REVSHARE).",
      resolve: (offer) => money(offer.defaultRevenue, offer.currency),
    }),
    payoutShareBps: t.exposeInt("payoutShareBps", {
      nullable: true,
      description: "REVSHARE: 1250 = 12.50 %.",
    }),
    revenueShareBps: t.exposeInt("revenueShareBps", { nullable: true }),
    countries: t.exposeStringList("countries", { description: "ISO 3166-1 alpha-2; empty = everywhere." }),
    devices: t.expose("devices", { type: [DeviceTypeEnum], description: "Empty = every device." }),
    confirmationMode: t.expose("confirmationMode", { type: ConfirmationModeEnum }),
    holdDays: t.exposeInt("holdDays"),
    returnWindowDays: t.exposeInt("returnWindowDays"),
    attributionWindowHours: t.exposeInt("attributionWindowHours"),
    leadFormFields: t.field({
      type: [LeadFormFieldRef],
      description: "The fields of the offer's lead form (empty: no form).",
      select: { leadForm: { select: { fields: true } } },
      resolve: (offer) => parseLeadFormFields(offer.leadForm?.fields) ?? [],
    }),
    consentText: t.string({
      nullable: true,
      description: "The consent text of the offer's lead form.",
      select: { leadForm: { select: { consentText: true } } },
      resolve: (offer) => offer.leadForm?.consentText ?? null,
    }),
    landingUrl: t.exposeString("landingUrl"),
    postbackInstructions: t.field({
      type: PostbackInstructionsRef,
      nullable: true,
      description: "For the offer's advertiser and admins (null for finance).",
      select: { advertiser: { select: { postbackSecret: true } } },
      resolve: (offer, _args, ctx) =>
        ctx.viewer?.role === "ADVERTISER" || ctx.viewer?.role === "ADMIN"
          ? postbackInstructions(ctx.trackerPublicUrl, offer.id, offer.advertiser.postbackSecret)
          : null,
    }),
    fallbackUrl: t.exposeString("fallbackUrl", { nullable: true }),
    caps: t.relation("caps", { query: { orderBy: { id: "asc" } } }),
    customPayouts: t.relatedConnection("customPayouts", { cursor: "id", query: { orderBy: { id: "asc" } } }),
    applications: t.relatedConnection("applications", {
      cursor: "id",
      args: { status: t.arg({ type: ApplicationStatusEnum }) },
      query: (args) => ({
        where: args.status ? { status: args.status } : {},
        orderBy: { id: "desc" },
      }),
      totalCount: true,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

// ───────────────────────────── inputs ─────────────────────────────

const LeadFormFieldInput = builder.inputType("LeadFormFieldInput", {
  fields: (t) => ({
    name: t.string({ required: true, description: "Lower-case identifier, e.g. phone." }),
    label: t.string({ required: true }),
    type: t.string({ required: true, description: LEAD_FIELD_TYPES.join(" | ") }),
    required: t.boolean({ required: true }),
  }),
});

const OfferCapInput = builder.inputType("OfferCapInput", {
  fields: (t) => ({
    scope: t.field({ type: CapScopeEnum, required: true }),
    publisherId: t.id({ description: "Only for PUBLISHER caps." }).validate(intId.nullish()),
    period: t.field({ type: CapPeriodEnum, required: true }),
    metric: t.field({ type: CapMetricEnum, required: true }),
    limit: t.field({ type: "BigInt", required: true, validate: rules.capLimit }),
  }),
});

const TermsFilled = {
  description: "Text shown above the hosted lead form's submit button.",
};

const CreateOfferInput = builder.inputType("CreateOfferInput", {
  description: "Amounts are minor units of `currency`.",
  fields: (t) => ({
    advertiserId: t.id({ description: "Admins only: whose offer this is." }).validate(intId.nullish()),
    name: t.string({ required: true, validate: rules.name }),
    vertical: t.string({ required: true, validate: rules.vertical }),
    description: t.string({ validate: rules.description.nullish() }),
    landingUrl: t.string({ required: true, validate: rules.landingUrl }),
    fallbackUrl: t.string({ validate: rules.landingUrl.nullish() }),
    visibility: t.field({ type: OfferVisibilityEnum }),
    currency: t.string({ required: true, validate: rules.currency }),
    payoutModel: t.field({ type: PayoutModelEnum, required: true }),
    payout: t.field({ type: "BigInt", validate: rules.amount.nullish() }),
    revenue: t.field({ type: "BigInt", validate: rules.amount.nullish() }),
    payoutShareBps: t.int({ validate: rules.basisPoints.nullish() }),
    revenueShareBps: t.int({ validate: rules.basisPoints.nullish() }),
    countries: t.stringList({ validate: rules.countries.nullish() }),
    devices: t.field({ type: [DeviceTypeEnum] }),
    confirmationMode: t.field({ type: ConfirmationModeEnum }),
    holdDays: t.int({ validate: rules.days.nullish() }),
    returnWindowDays: t.int({ validate: rules.days.nullish() }),
    attributionWindowHours: t.int({ validate: rules.attributionWindowHours.nullish() }),
    leadFormFields: t.field({ type: [LeadFormFieldInput], validate: rules.leadFormFields.nullish() }),
    consentText: t.string({ ...TermsFilled, validate: rules.consentText.nullish() }),
    caps: t.field({ type: [OfferCapInput], validate: z.array(z.unknown()).max(20).nullish() }),
  }),
});

const UpdateOfferInput = builder.inputType("UpdateOfferInput", {
  description:
    "Only the fields given change; null clears a nullable term. `caps`, when given, replaces them all.",
  fields: (t) => ({
    name: t.string({ validate: rules.name.nullish() }),
    vertical: t.string({ validate: rules.vertical.nullish() }),
    description: t.string({ validate: rules.description.nullish() }),
    landingUrl: t.string({ validate: rules.landingUrl.nullish() }),
    fallbackUrl: t.string({ validate: rules.landingUrl.nullish() }),
    visibility: t.field({ type: OfferVisibilityEnum }),
    currency: t.string({ validate: rules.currency.nullish() }),
    payoutModel: t.field({ type: PayoutModelEnum }),
    payout: t.field({ type: "BigInt", validate: rules.amount.nullish() }),
    revenue: t.field({ type: "BigInt", validate: rules.amount.nullish() }),
    payoutShareBps: t.int({ validate: rules.basisPoints.nullish() }),
    revenueShareBps: t.int({ validate: rules.basisPoints.nullish() }),
    countries: t.stringList({ validate: rules.countries.nullish() }),
    devices: t.field({ type: [DeviceTypeEnum] }),
    confirmationMode: t.field({ type: ConfirmationModeEnum }),
    holdDays: t.int({ validate: rules.days.nullish() }),
    returnWindowDays: t.int({ validate: rules.days.nullish() }),
    attributionWindowHours: t.int({ validate: rules.attributionWindowHours.nullish() }),
    leadFormFields: t.field({ type: [LeadFormFieldInput], validate: rules.leadFormFields.nullish() }),
    consentText: t.string({ ...TermsFilled, validate: rules.consentText.nullish() }),
    caps: t.field({ type: [OfferCapInput], validate: z.array(z.unknown()).max(20).nullish() }),
  }),
});

const OfferFilter = builder.inputType("OfferFilter", {
  fields: (t) => ({
    status: t.field({ type: OfferStatusEnum }),
    visibility: t.field({ type: OfferVisibilityEnum }),
    advertiserId: t.id().validate(intId.nullish()),
    search: t.string({ description: "Part of the name.", validate: searchText.nullish() }),
  }),
});

// ───────────────────────────── helpers ─────────────────────────────

type CapInput = {
  scope: OfferCap["scope"];
  publisherId?: number | null;
  period: OfferCap["period"];
  metric: OfferCap["metric"];
  limit: bigint;
};

/** What the audit log records of an offer: its terms, money as strings. */
function snapshot(
  offer: Offer,
  caps: Pick<OfferCap, "scope" | "publisherId" | "period" | "metric" | "limit">[],
  form: { leadFormFields: LeadFormField[]; consentText: string | null },
) {
  const { createdAt: _c, updatedAt: _u, ...terms } = offer;
  return {
    ...terms,
    ...form,
    caps: caps.map(({ scope, publisherId, period, metric, limit }) => ({
      scope,
      publisherId,
      period,
      metric,
      limit,
    })),
  };
}

function assertTerms(terms: rules.OfferTerms): void {
  const problems = rules.termsProblems(terms);
  if (problems.length === 0) return;
  // The message keeps its old form (`caps.0.publisherId: …`); the fields' paths start at the argument,
  // as the validation plugin's do, so one client mapping fits both.
  throw new DomainError(
    "invalid_input",
    problems.map(rules.problemLine).join("; "),
    problems.map((p) => ({ path: ["input", ...p.path.map(String)], message: p.message })),
  );
}

async function assertPublishersExist(tx: Prisma.TransactionClient, caps: CapInput[]): Promise<void> {
  const ids = [...new Set(caps.flatMap((cap) => (cap.publisherId ? [cap.publisherId] : [])))];
  if (ids.length === 0) return;
  const found = await tx.publisher.count({ where: { id: { in: ids } } });
  if (found !== ids.length) throw notFound("publisher");
}

/** Locks the offer row for the rest of the transaction, if the viewer may change it. */
export async function lockManagedOffer(
  tx: Prisma.TransactionClient,
  where: Prisma.OfferWhereInput,
  id: number,
): Promise<Offer & { caps: OfferCap[] }> {
  const visible = await tx.offer.findFirst({ where: { AND: [{ id }, where] }, select: { id: true } });
  if (!visible) throw notFound("offer");
  await tx.$queryRaw`select id from offers where id = ${id} for update`;
  return tx.offer.findUniqueOrThrow({ where: { id }, include: { caps: { orderBy: { id: "asc" } } } });
}

function capRows(caps: CapInput[]) {
  return caps.map((cap) => ({
    scope: cap.scope,
    publisherId: cap.publisherId ?? null,
    period: cap.period,
    metric: cap.metric,
    limit: cap.limit,
  }));
}

/** null is only a value for nullable terms; for the others it means a client mistake. */
function required<T>(value: T | null | undefined, field: string, current: T): T {
  if (value === null) throw new DomainError("invalid_input", `${field}: cannot be null`);
  return value ?? current;
}

// ───────────────────────────── queries ─────────────────────────────

builder.queryFields((t) => ({
  offers: t.prismaConnection({
    type: "Offer",
    cursor: "id",
    description: "Offers with all their terms: an advertiser's own; every offer for admins and finance.",
    authScopes: { advertiser: true, admin: true, finance: true },
    args: { filter: t.arg({ type: OfferFilter }) },
    totalCount: (_connection, args, ctx) => ctx.db.offer.count({ where: offerWhere(ctx, args.filter ?? {}) }),
    resolve: (query, _root, args, ctx) =>
      ctx.db.offer.findMany({ ...query, where: offerWhere(ctx, args.filter ?? {}), orderBy: { id: "desc" } }),
  }),
  offer: t.prismaField({
    type: "Offer",
    nullable: true,
    description: "One offer with all its terms; null when it does not exist or is not yours.",
    authScopes: { advertiser: true, admin: true, finance: true },
    args: { id: t.arg.id({ required: true }).validate(intId) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.offer.findFirst({
        ...query,
        where: { AND: [{ id: args.id }, readableOffers(requireViewer(ctx))] },
      }),
  }),
}));

function offerWhere(
  ctx: Parameters<typeof requireViewer>[0],
  filter: {
    status?: Offer["status"] | null;
    visibility?: Offer["visibility"] | null;
    advertiserId?: number | null;
    search?: string | null;
  },
): Prisma.OfferWhereInput {
  return {
    AND: [
      readableOffers(requireViewer(ctx)),
      {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.visibility ? { visibility: filter.visibility } : {}),
        ...(filter.advertiserId ? { advertiserId: filter.advertiserId } : {}),
        ...(filter.search ? { name: { contains: filter.search, mode: "insensitive" as const } } : {}),
      },
    ],
  };
}

// ───────────────────────────── mutations ─────────────────────────────

builder.mutationFields((t) => ({
  createOffer: t.prismaField({
    type: "Offer",
    description: "Creates a DRAFT offer; activate it with setOfferStatus.",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: { input: t.arg({ type: CreateOfferInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const viewer = requireViewer(ctx);
      let advertiserId: number;
      if (viewer.role === "ADMIN") {
        if (!input.advertiserId) throw new DomainError("invalid_input", "advertiserId: required for admins");
        advertiserId = input.advertiserId;
      } else {
        // An advertiser may name itself; naming another account is the same as naming none that exists.
        if (input.advertiserId && input.advertiserId !== viewer.advertiserId) throw notFound("advertiser");
        advertiserId = viewer.advertiserId as number;
      }
      const caps = (input.caps ?? []) as CapInput[];
      const formTerms = {
        leadFormFields: (input.leadFormFields ?? []) as LeadFormField[],
        consentText: input.consentText ?? null,
      };
      const data = {
        advertiserId,
        name: input.name,
        vertical: input.vertical,
        description: input.description ?? "",
        landingUrl: input.landingUrl,
        fallbackUrl: input.fallbackUrl ?? null,
        visibility: input.visibility ?? "APPROVAL_REQUIRED",
        currency: input.currency,
        payoutModel: input.payoutModel,
        defaultPayout: input.payout ?? 0n,
        defaultRevenue: input.revenue ?? 0n,
        payoutShareBps: input.payoutShareBps ?? null,
        revenueShareBps: input.revenueShareBps ?? null,
        countries: input.countries ?? [],
        devices: input.devices ?? [],
        confirmationMode: input.confirmationMode ?? "AUTO",
        holdDays: input.holdDays ?? 0,
        returnWindowDays: input.returnWindowDays ?? 0,
        attributionWindowHours: input.attributionWindowHours ?? 720,
      } satisfies Prisma.OfferUncheckedCreateInput;
      assertTerms({ ...data, ...formTerms, caps: capRows(caps) });

      const id = await ctx.db.$transaction(async (tx) => {
        if (!(await tx.advertiser.findUnique({ where: { id: advertiserId }, select: { id: true } }))) {
          throw notFound("advertiser");
        }
        await assertPublishersExist(tx, caps);
        const offer = await tx.offer.create({
          data: { ...data, caps: { create: capRows(caps) } },
          include: { caps: { orderBy: { id: "asc" } } },
        });
        await syncOfferLeadForm(tx, offer, formTerms);
        await audit(tx, viewer, {
          action: "offer.create",
          entityType: "Offer",
          entityId: offer.id,
          after: snapshot(offer, offer.caps, formTerms),
        });
        return offer.id;
      });
      return ctx.db.offer.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  updateOffer: t.prismaField({
    type: "Offer",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: {
      id: t.arg.id({ required: true }).validate(intId),
      input: t.arg({ type: UpdateOfferInput, required: true }),
    },
    resolve: async (query, _root, { id, input }, ctx) => {
      const viewer = requireViewer(ctx);
      const where = managedOffers(viewer);
      await ctx.db.$transaction(async (tx) => {
        const before = await lockManagedOffer(tx, where, id);
        if (before.status === "ARCHIVED")
          throw new DomainError("conflict", "an archived offer cannot change");
        const caps = input.caps === undefined ? undefined : ((input.caps ?? []) as CapInput[]);
        const data = {
          name: required(input.name, "name", before.name),
          vertical: required(input.vertical, "vertical", before.vertical),
          description: required(input.description, "description", before.description),
          landingUrl: required(input.landingUrl, "landingUrl", before.landingUrl),
          fallbackUrl: input.fallbackUrl === undefined ? before.fallbackUrl : input.fallbackUrl,
          visibility: required(input.visibility, "visibility", before.visibility),
          currency: required(input.currency, "currency", before.currency),
          payoutModel: required(input.payoutModel, "payoutModel", before.payoutModel),
          defaultPayout: required(input.payout, "payout", before.defaultPayout),
          defaultRevenue: required(input.revenue, "revenue", before.defaultRevenue),
          payoutShareBps: input.payoutShareBps === undefined ? before.payoutShareBps : input.payoutShareBps,
          revenueShareBps:
            input.revenueShareBps === undefined ? before.revenueShareBps : input.revenueShareBps,
          countries: required(input.countries, "countries", before.countries),
          devices: required(input.devices, "devices", before.devices),
          confirmationMode: required(input.confirmationMode, "confirmationMode", before.confirmationMode),
          holdDays: required(input.holdDays, "holdDays", before.holdDays),
          returnWindowDays: required(input.returnWindowDays, "returnWindowDays", before.returnWindowDays),
          attributionWindowHours: required(
            input.attributionWindowHours,
            "attributionWindowHours",
            before.attributionWindowHours,
          ),
        };
        const formBefore = formTermsOf(
          await tx.leadForm.findUnique({
            where: { offerId: id },
            select: { fields: true, consentText: true },
          }),
        );
        const formTerms = {
          leadFormFields: required(
            input.leadFormFields as LeadFormField[] | null | undefined,
            "leadFormFields",
            formBefore.leadFormFields,
          ),
          consentText: input.consentText === undefined ? formBefore.consentText : input.consentText,
        };
        assertTerms({ ...data, ...formTerms, caps: caps ? capRows(caps) : before.caps });
        if (
          data.currency !== before.currency &&
          (await tx.conversion.count({ where: { offerId: id }, take: 1 })) > 0
        ) {
          throw new DomainError("conflict", "currency: an offer with conversions keeps its currency");
        }
        if (caps) await assertPublishersExist(tx, caps);
        if (caps) await tx.offerCap.deleteMany({ where: { offerId: id } });
        const after = await tx.offer.update({
          where: { id },
          data: { ...data, ...(caps ? { caps: { create: capRows(caps) } } : {}) },
          include: { caps: { orderBy: { id: "asc" } } },
        });
        if (input.leadFormFields !== undefined || input.consentText !== undefined) {
          await syncOfferLeadForm(tx, after, formTerms);
        }
        await audit(tx, viewer, {
          action: "offer.update",
          entityType: "Offer",
          entityId: id,
          before: snapshot(before, before.caps, formBefore),
          after: snapshot(after, after.caps, formTerms),
        });
      });
      publishInvalidation(ctx, id);
      return ctx.db.offer.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  setOfferStatus: t.prismaField({
    type: "Offer",
    description: "DRAFT → ACTIVE; ACTIVE ⇄ PAUSED; anything → ARCHIVED (final).",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: {
      id: t.arg.id({ required: true }).validate(intId),
      status: t.arg({ type: OfferStatusEnum, required: true }),
    },
    resolve: async (query, _root, { id, status }, ctx) => {
      const viewer = requireViewer(ctx);
      const where = managedOffers(viewer);
      await ctx.db.$transaction(async (tx) => {
        const before = await lockManagedOffer(tx, where, id);
        if (!canMoveOffer(before.status, status)) {
          throw new DomainError("conflict", `an offer cannot go from ${before.status} to ${status}`);
        }
        await tx.offer.update({ where: { id }, data: { status } });
        await audit(tx, viewer, {
          action: "offer.status",
          entityType: "Offer",
          entityId: id,
          before: { status: before.status },
          after: { status },
        });
      });
      publishInvalidation(ctx, id);
      return ctx.db.offer.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

// ───────────────────────────── postback secret ─────────────────────────────

interface RotatedSecret {
  advertiserId: number;
  secret: string;
}

const RotatedSecretRef = builder.objectRef<RotatedSecret>("PostbackSecret").implement({
  description: "Shown once: store it now. Send it as token= in postback URLs or use it as the HMAC key.",
  fields: (t) => ({
    advertiserId: t.exposeID("advertiserId"),
    secret: t.exposeString("secret"),
  }),
});

builder.mutationField("rotatePostbackSecret", (t) =>
  t.field({
    type: RotatedSecretRef,
    description: "Replaces the advertiser's postback secret; the old one stops working at once.",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: { advertiserId: t.arg.id({ description: "Admins only." }).validate(intId.nullish()) },
    resolve: async (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const advertiserId = viewer.role === "ADMIN" ? args.advertiserId : viewer.advertiserId;
      if (!advertiserId) throw new DomainError("invalid_input", "advertiserId: required for admins");
      if (viewer.role !== "ADMIN" && args.advertiserId && args.advertiserId !== advertiserId) {
        throw notFound("advertiser");
      }
      const secret = generateSecret(24);
      const offerIds = await ctx.db.$transaction(async (tx) => {
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
      // Trackers cache the secret with each offer's configuration.
      for (const offerId of offerIds) publishInvalidation(ctx, offerId);
      return { advertiserId, secret };
    },
  }),
);
