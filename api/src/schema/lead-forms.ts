// An offer's lead form (the builder's settings, its hosted URL and embed snippet), where its clicks
// land, and its lead magnet with the code pool. The offer's advertiser and admins read and change
// them; finance reads them; publishers see only what the marketplace shows (the fields, whether a
// magnet is promised). The rules live in api/src/forms/ and @leadrail/db/lead-form.
import { embedSnippet, hostedFormUrl, widgetScriptUrl } from "@leadrail/db/embed-snippet";
import { type FaqEntry, parseFaq, parseLeadFormFields } from "@leadrail/db/lead-form";
import DataLoader from "dataloader";
import { z } from "zod";
import { managedOffers, requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { DomainError } from "../errors.ts";
import { publishInvalidation } from "../events/invalidate.ts";
import { MAGNET_FILE_TYPES, MAX_MAGNET_FILE_BYTES } from "../forms/magnet-file.ts";
import {
  addRewardCodes,
  countCodes,
  type PoolStats,
  poolStats,
  removeUnclaimedRewardCodes,
} from "../forms/reward-codes.ts";
import { saveLeadForm } from "../forms/save-lead-form.ts";
import { saveLeadMagnet } from "../forms/save-lead-magnet.ts";
import { setOfferLanding } from "../forms/set-landing.ts";
import { intId } from "./common.ts";
import { MarketplaceOfferRef } from "./marketplace.ts";
import { LeadFormFieldInput, LeadFormFieldRef, OfferRef } from "./offers.ts";

export const LandingModeEnum = builder.enumType("LandingMode", {
  description: "Where a click on the offer lands.",
  values: {
    URL: { description: "The offer's landing URL." },
    HOSTED_FORM: { description: "The offer's hosted lead form (TRACKER/form/<key>?click_id=…)." },
  } as const,
});

export const MagnetKindEnum = builder.enumType("MagnetKind", {
  values: {
    FILE: { description: "A file the visitor downloads (PDF, image, ZIP, text; at most 5 MB)." },
    LINK: { description: "A link the visitor is sent to." },
    CODE_POOL: { description: "One unique code per lead from a pool (e.g. discount codes)." },
  } as const,
});

const FaqEntryRef = builder.objectRef<FaqEntry>("LeadFormFaqEntry").implement({
  description: "A question chat mode answers when the visitor's words match one of its keywords.",
  fields: (t) => ({
    question: t.exposeString("question"),
    keywords: t.exposeStringList("keywords"),
    answer: t.exposeString("answer"),
  }),
});

builder.prismaObject("LeadForm", {
  description: "An offer's lead form, as the builder edits it.",
  fields: (t) => ({
    id: t.exposeID("id"),
    key: t.exposeString("key", {
      description: "The form's public id, in its URL and the widget's data-form.",
    }),
    title: t.exposeString("title"),
    intro: t.exposeString("intro", { description: "Text shown above the fields." }),
    fields: t.field({
      type: [LeadFormFieldRef],
      select: { fields: true },
      resolve: (form) => parseLeadFormFields(form.fields) ?? [],
    }),
    consentText: t.exposeString("consentText", { nullable: true }),
    consentVersion: t.exposeInt("consentVersion", {
      description:
        "Bumped whenever the consent text changes (0 = none); each lead stores the version it agreed to.",
    }),
    submitLabel: t.exposeString("submitLabel"),
    thankYouTitle: t.exposeString("thankYouTitle"),
    thankYouText: t.exposeString("thankYouText"),
    faq: t.field({ type: [FaqEntryRef], select: { faq: true }, resolve: (form) => parseFaq(form.faq) }),
    minFillSeconds: t.exposeInt("minFillSeconds", {
      description: "A submission sooner than this after the form was shown is refused as a bot's.",
    }),
    rateLimitPerHour: t.exposeInt("rateLimitPerHour", {
      description: "Submissions per visitor address per hour.",
    }),
    hostedUrl: t.string({
      description:
        "The hosted form. Clicks land here with ?click_id=… in HOSTED_FORM mode; without one it is a direct lead.",
      select: { key: true },
      resolve: (form, _args, ctx) => hostedFormUrl(ctx.trackerPublicUrl, form.key),
    }),
    widgetScriptUrl: t.string({ resolve: (_form, _args, ctx) => widgetScriptUrl(ctx.trackerPublicUrl) }),
    embedSnippet: t.string({
      description:
        "The inline widget to paste into a page (the dashboard builds the pop-up, slide-in and chat variants).",
      select: { key: true },
      resolve: (form, _args, ctx) => embedSnippet(widgetScriptUrl(ctx.trackerPublicUrl), form.key),
    }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

const PoolStatsRef = builder.objectRef<PoolStats>("RewardPoolStats").implement({
  description: "A code pool's numbers.",
  fields: (t) => ({
    total: t.exposeInt("total"),
    claimed: t.exposeInt("claimed", { description: "Given to leads." }),
    left: t.exposeInt("left"),
    threshold: t.exposeInt("threshold", { description: "The magnet's lowStockThreshold." }),
    low: t.exposeBoolean("low", { description: "left ≤ threshold: add codes before leads go without." }),
  }),
});

// Per request: the offers list asks for every pool's numbers, one grouped query for all of them.
const poolLoaders = new WeakMap<Context, DataLoader<number, { total: number; claimed: number }>>();
function poolLoader(ctx: Context) {
  let loader = poolLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const counts = await countCodes(ctx.db, ids);
      return ids.map((id) => counts.get(id) ?? { total: 0, claimed: 0 });
    });
    poolLoaders.set(ctx, loader);
  }
  return loader;
}

builder.prismaObject("LeadMagnet", {
  description: "What a lead is promised on the thank-you page, delivered through a signed link that expires.",
  fields: (t) => ({
    id: t.exposeID("id"),
    kind: t.expose("kind", { type: MagnetKindEnum }),
    title: t.exposeString("title", { description: "Shown on the thank-you page." }),
    description: t.exposeString("description"),
    url: t.exposeString("url", { nullable: true, description: "LINK only." }),
    fileName: t.exposeString("fileName", { nullable: true }),
    fileType: t.exposeString("fileType", { nullable: true }),
    fileSize: t.int({
      nullable: true,
      description: "Bytes of the uploaded file (FILE).",
      select: { fileData: true },
      resolve: (magnet) => magnet.fileData?.length ?? null,
    }),
    lowStockThreshold: t.exposeInt("lowStockThreshold"),
    linkTtlHours: t.exposeInt("linkTtlHours", { description: "How long a lead's reward link works." }),
    active: t.exposeBoolean("active"),
    pool: t.field({
      type: PoolStatsRef,
      nullable: true,
      description: "CODE_POOL only: total, claimed, left and whether it runs low.",
      select: { id: true, kind: true, lowStockThreshold: true },
      resolve: async (magnet, _args, ctx) => {
        if (magnet.kind !== "CODE_POOL") return null;
        const counts = await poolLoader(ctx).load(magnet.id);
        return poolStats(counts.total, counts.claimed, magnet.lowStockThreshold);
      },
    }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

builder.prismaObjectFields(OfferRef, (t) => ({
  landingMode: t.expose("landingMode", { type: LandingModeEnum }),
  leadForm: t.relation("leadForm", { nullable: true, description: "null until one is saved." }),
  leadMagnet: t.relation("leadMagnet", { nullable: true }),
}));

builder.prismaObjectFields(MarketplaceOfferRef, (t) => ({
  hasLeadMagnet: t.boolean({
    description: "The offer promises its leads a reward (a file, a link or a code).",
    select: { leadMagnet: { select: { active: true } } },
    resolve: (offer) => offer.leadMagnet?.active === true,
  }),
}));

// ───────────────────────────── inputs ─────────────────────────────

const FaqEntryInput = builder.inputType("LeadFormFaqEntryInput", {
  fields: (t) => ({
    question: t.string({ required: true }),
    keywords: t.stringList({ required: true }),
    answer: t.string({ required: true }),
  }),
});

const LeadFormInput = builder.inputType("LeadFormInput", {
  description: "The whole form; the rules are @leadrail/db/lead-form's (refusals name the field).",
  fields: (t) => ({
    title: t.string({ required: true }),
    intro: t.string({ required: true }),
    fields: t.field({ type: [LeadFormFieldInput], required: true }),
    consentText: t.string({
      description: "null or blank: no consent box. A changed text bumps consentVersion.",
    }),
    submitLabel: t.string({ required: true }),
    thankYouTitle: t.string({ required: true }),
    thankYouText: t.string({ required: true }),
    faq: t.field({ type: [FaqEntryInput], required: true }),
    minFillSeconds: t.int({ required: true }),
    rateLimitPerHour: t.int({ required: true }),
  }),
});

const MagnetFileInput = builder.inputType("LeadMagnetFileInput", {
  description: `A file of at most ${MAX_MAGNET_FILE_BYTES / 1024 / 1024} MB: ${MAGNET_FILE_TYPES.join(", ")}.`,
  fields: (t) => ({
    name: t.string({ required: true }),
    type: t.string({ required: true, description: "Its MIME type; the content must match it." }),
    base64: t.string({
      required: true,
      validate: z.string().max(Math.ceil(MAX_MAGNET_FILE_BYTES / 3) * 4 + 64, "must be at most 5 MB"),
    }),
  }),
});

const LeadMagnetInput = builder.inputType("LeadMagnetInput", {
  fields: (t) => ({
    kind: t.field({ type: MagnetKindEnum, required: true }),
    title: t.string({ required: true }),
    description: t.string(),
    url: t.string({ description: "LINK: an absolute http(s) URL." }),
    file: t.field({ type: MagnetFileInput, description: "FILE: the upload; omit to keep the current file." }),
    lowStockThreshold: t.int({
      description: "CODE_POOL: warn when this many codes or fewer are left (default 10).",
    }),
    linkTtlHours: t.int({ description: "How long a lead's reward link works (default 72)." }),
    active: t.boolean(),
  }),
});

// ───────────────────────────── mutations ─────────────────────────────

/**
 * The tracker caches an offer's configuration (and its form) by offer: drop it on every change. The
 * database holds the truth already; the message only shortens how long a stale copy lives.
 */
const announce = (ctx: Context, offerId: number) => publishInvalidation(ctx, offerId);

builder.mutationFields((t) => ({
  saveLeadForm: t.prismaField({
    type: "LeadForm",
    description:
      "Creates or replaces the offer's lead form (fields, texts, consent, thank-you, FAQ, spam settings).",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: {
      offerId: t.arg.id({ required: true }).validate(intId),
      input: t.arg({ type: LeadFormInput, required: true }),
    },
    resolve: async (query, _root, { offerId, input }, ctx) => {
      const viewer = requireViewer(ctx);
      const id = await saveLeadForm(ctx.db, viewer, managedOffers(viewer), offerId, input);
      announce(ctx, offerId);
      return ctx.db.leadForm.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  setOfferLanding: t.prismaField({
    type: "Offer",
    description: "Where clicks land: the landing URL, or the hosted lead form (which must exist).",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: {
      offerId: t.arg.id({ required: true }).validate(intId),
      mode: t.arg({ type: LandingModeEnum, required: true }),
    },
    resolve: async (query, _root, { offerId, mode }, ctx) => {
      const viewer = requireViewer(ctx);
      await setOfferLanding(ctx.db, viewer, managedOffers(viewer), offerId, mode);
      announce(ctx, offerId);
      return ctx.db.offer.findUniqueOrThrow({ ...query, where: { id: offerId } });
    },
  }),

  saveLeadMagnet: t.prismaField({
    type: "LeadMagnet",
    description: "Creates or replaces the offer's lead magnet.",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: {
      offerId: t.arg.id({ required: true }).validate(intId),
      input: t.arg({ type: LeadMagnetInput, required: true }),
    },
    resolve: async (query, _root, { offerId, input }, ctx) => {
      const viewer = requireViewer(ctx);
      const id = await saveLeadMagnet(ctx.db, viewer, managedOffers(viewer), offerId, input);
      announce(ctx, offerId);
      return ctx.db.leadMagnet.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

interface CodesChanged {
  magnetId: number;
  added: number;
  skipped: number;
  removed: number;
}

const CodesChangedRef = builder.objectRef<CodesChanged>("RewardCodesChanged").implement({
  description: "What a change to a code pool did.",
  fields: (t) => ({
    added: t.exposeInt("added"),
    skipped: t.exposeInt("skipped", {
      description: "Repeats within the list and codes the pool already had.",
    }),
    removed: t.exposeInt("removed"),
    magnet: t.prismaField({
      type: "LeadMagnet",
      resolve: (query, change, _args, ctx) =>
        ctx.db.leadMagnet.findUniqueOrThrow({ ...query, where: { id: change.magnetId } }),
    }),
  }),
});

builder.mutationFields((t) => ({
  addRewardCodes: t.field({
    type: CodesChangedRef,
    description: "Adds codes to a CODE_POOL magnet (pasted or from a CSV); repeats are skipped and counted.",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: {
      magnetId: t.arg.id({ required: true }).validate(intId),
      codes: t.arg.stringList({
        required: true,
        validate: z.array(z.string().max(1000)).max(10_000, "at most 10000 codes at once"),
      }),
    },
    resolve: async (_root, { magnetId, codes }, ctx) => {
      const viewer = requireViewer(ctx);
      const result = await addRewardCodes(ctx.db, viewer, managedOffers(viewer), magnetId, codes);
      return { ...result, removed: 0 };
    },
  }),

  removeUnclaimedRewardCodes: t.field({
    type: CodesChangedRef,
    description: "Removes every code of the pool no lead has received yet.",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: { magnetId: t.arg.id({ required: true }).validate(intId) },
    resolve: async (_root, { magnetId }, ctx) => {
      const viewer = requireViewer(ctx);
      const removed = await removeUnclaimedRewardCodes(ctx.db, viewer, managedOffers(viewer), magnetId);
      return { magnetId, added: 0, skipped: 0, removed };
    },
  }),
}));
