// Tracking links: a publisher's short code per offer (and traffic source), the URL it sends clicks to.
import { offerAccess, type Prisma } from "@leadrail/db";
import { CLICK_PARAMS, type ClickParams, parseClickParams, trackingUrl } from "@leadrail/db/macros";
import { z } from "zod";
import { audit } from "../audit/audit.ts";
import { requirePublisherId, requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import { isUniqueViolation } from "../db-errors.ts";
import { DomainError, notFound } from "../errors.ts";
import { publishInvalidation } from "../events/invalidate.ts";
import { newLinkCode } from "../links/tracking-url.ts";
import { intId } from "./common.ts";
import { MarketplaceOfferRef } from "./marketplace.ts";

const subValue = z.string().max(255, "must be at most 255 characters").nullish();

export const ClickParamsRef = builder.objectRef<ClickParams>("ClickParams").implement({
  description: "Sub IDs (sub1..sub10) and traffic source carried by a click.",
  fields: (t) =>
    Object.fromEntries(
      CLICK_PARAMS.map((key) => [
        key,
        t.string({ nullable: true, resolve: (params) => params[key] ?? null }),
      ]),
    ),
});

const ClickParamsInput = builder.inputType("ClickParamsInput", {
  fields: (t) => Object.fromEntries(CLICK_PARAMS.map((key) => [key, t.string({ validate: subValue })])),
});

function cleanParams(input: Record<string, string | null | undefined> | null | undefined): ClickParams {
  return parseClickParams(input ?? {});
}

export const TrackingLinkRef = builder.prismaObject("TrackingLink", {
  fields: (t) => ({
    id: t.exposeID("id"),
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    offer: t.relation("offer", { type: MarketplaceOfferRef }),
    defaultSubs: t.field({
      type: ClickParamsRef,
      description: "Applied by the tracker when a click URL does not carry them.",
      resolve: (link) => parseClickParams(link.defaultSubs),
    }),
    url: t.string({
      description: "The URL to send traffic to, with the default sub IDs spelled out.",
      resolve: (link, _args, ctx) =>
        trackingUrl(ctx.trackerPublicUrl, link.code, parseClickParams(link.defaultSubs)),
    }),
    trackingUrl: t.string({
      description:
        "The URL with these sub IDs (over the defaults), e.g. for one campaign of a traffic source.",
      args: { subs: t.arg({ type: ClickParamsInput, required: true }) },
      resolve: (link, args, ctx) =>
        trackingUrl(ctx.trackerPublicUrl, link.code, {
          ...parseClickParams(link.defaultSubs),
          ...cleanParams(args.subs as Record<string, string | null | undefined>),
        }),
    }),
    disabledAt: t.expose("disabledAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

const LinkFilter = builder.inputType("TrackingLinkFilter", {
  fields: (t) => ({ offerId: t.id().validate(intId.nullish()) }),
});

builder.queryField("myLinks", (t) =>
  t.prismaConnection({
    type: TrackingLinkRef,
    cursor: "id",
    description: "Your tracking links, newest first.",
    authScopes: { publisher: true },
    args: { filter: t.arg({ type: LinkFilter }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.trackingLink.findMany({
        ...query,
        where: {
          publisherId: requirePublisherId(ctx),
          ...(args.filter?.offerId ? { offerId: args.filter.offerId } : {}),
        },
        orderBy: { id: "desc" },
      }),
  }),
);

/** The link's offer, if the publisher may run it (@leadrail/db offer-access.ts); PUBLIC offers approve the publisher on the way. */
async function runnableOffer(
  tx: Prisma.TransactionClient,
  ctx: Parameters<typeof requireViewer>[0],
  offerId: number,
) {
  const viewer = requireViewer(ctx);
  const publisherId = requirePublisherId(ctx);
  const access = await offerAccess(tx, offerId, publisherId);
  if (access === "not_found") throw notFound("offer");
  // It is in their marketplace, so saying why reveals nothing.
  if (access === "not_approved")
    throw new DomainError("forbidden", "not approved for this offer: apply first");
  if (access === "runnable") return { offer: { id: offerId }, autoApproved: false };
  const application = await tx.offerApplication.create({
    data: { offerId, publisherId, status: "APPROVED", decidedAt: new Date(), decisionReason: "public offer" },
  });
  await audit(tx, viewer, {
    action: "application.auto_approve",
    entityType: "OfferApplication",
    entityId: application.id,
    after: { offerId, publisherId, status: "APPROVED" },
  });
  return { offer: { id: offerId }, autoApproved: true };
}

builder.mutationField("createTrackingLink", (t) =>
  t.prismaField({
    type: TrackingLinkRef,
    description:
      "A new tracking link for an offer you are approved for (PUBLIC offers approve you on the way).",
    errors: { types: [DomainError] },
    authScopes: { publisher: true },
    args: {
      offerId: t.arg.id({ required: true }).validate(intId),
      name: t.arg.string({
        validate: z.string().trim().max(200, "must be at most 200 characters").nullish(),
      }),
      defaultSubs: t.arg({ type: ClickParamsInput }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const publisherId = requirePublisherId(ctx);
      const defaultSubs = cleanParams(args.defaultSubs as Record<string, string | null | undefined> | null);
      // 96-bit codes practically never collide; retry anyway rather than fail a publisher on bad luck.
      for (let attempt = 1; ; attempt += 1) {
        try {
          const link = await ctx.db.$transaction(async (tx) => {
            const { offer } = await runnableOffer(tx, ctx, args.offerId);
            const created = await tx.trackingLink.create({
              data: {
                publisherId,
                offerId: offer.id,
                code: newLinkCode(),
                name: args.name ?? "",
                defaultSubs,
              },
            });
            await audit(tx, viewer, {
              action: "link.create",
              entityType: "TrackingLink",
              entityId: created.id,
              after: { offerId: offer.id, publisherId, code: created.code, defaultSubs },
            });
            return created;
          });
          publishInvalidation(ctx, link.offerId);
          return ctx.db.trackingLink.findUniqueOrThrow({ ...query, where: { id: link.id } });
        } catch (error) {
          if (attempt < 3 && isUniqueViolation(error)) continue;
          if (isUniqueViolation(error))
            throw new DomainError("conflict", "could not create the link, try again");
          throw error;
        }
      }
    },
  }),
);

builder.mutationField("setTrackingLinkDisabled", (t) =>
  t.prismaField({
    type: TrackingLinkRef,
    description:
      "Turns one of your links off (its clicks are then recorded as rejected, reason link_disabled, and go to " +
      "the offer's fallback URL if it has one) or back on. The tracker drops its cached copy at once.",
    errors: { types: [DomainError] },
    authScopes: { publisher: true },
    args: {
      id: t.arg.id({ required: true }).validate(intId),
      disabled: t.arg.boolean({ required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const publisherId = requirePublisherId(ctx);
      const link = await ctx.db.$transaction(async (tx) => {
        const before = await tx.trackingLink.findFirst({ where: { id: args.id, publisherId } });
        if (!before) throw notFound("tracking link");
        // Turning off twice keeps the first time: it says since when the link has been off.
        if ((before.disabledAt !== null) === args.disabled) return before;
        const after = await tx.trackingLink.update({
          where: { id: before.id },
          data: { disabledAt: args.disabled ? new Date() : null },
        });
        await audit(tx, viewer, {
          action: args.disabled ? "link.disable" : "link.enable",
          entityType: "TrackingLink",
          entityId: after.id,
          before: { disabledAt: before.disabledAt },
          after: { disabledAt: after.disabledAt },
        });
        return after;
      });
      publishInvalidation(ctx, link.offerId);
      return ctx.db.trackingLink.findUniqueOrThrow({ ...query, where: { id: link.id } });
    },
  }),
);
