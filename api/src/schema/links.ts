// Tracking links: a publisher's short code per offer (and traffic source), the URL it sends clicks to.

import type { Prisma } from "@leadrail/db";
import { CLICK_PARAMS, type ClickParams, parseClickParams, trackingUrl } from "@leadrail/db/macros";
import { z } from "zod";
import { requirePublisherId, requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import { DomainError } from "../errors.ts";
import { publishInvalidation } from "../events/invalidate.ts";
import { createTrackingLink } from "../links/create-tracking-link.ts";
import { setTrackingLinkDisabled } from "../links/set-link-disabled.ts";
import { intId, searchText } from "./common.ts";
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
  fields: (t) => ({
    offerId: t.id().validate(intId.nullish()),
    search: t.string({
      description: "Part of the link's name or code, or of its offer's name.",
      validate: searchText.nullish(),
    }),
  }),
});

function linkSearch(search: string | null | undefined): Prisma.TrackingLinkWhereInput {
  if (!search) return {};
  return {
    OR: [
      { name: { contains: search, mode: "insensitive" } },
      { code: { contains: search, mode: "insensitive" } },
      { offer: { name: { contains: search, mode: "insensitive" } } },
    ],
  };
}

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
        // The publisher's own links first and always: the search only narrows them.
        where: {
          AND: [
            { publisherId: requirePublisherId(ctx) },
            args.filter?.offerId ? { offerId: args.filter.offerId } : {},
            linkSearch(args.filter?.search),
          ],
        },
        orderBy: { id: "desc" },
      }),
  }),
);

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
      const defaultSubs = cleanParams(args.defaultSubs as Record<string, string | null | undefined> | null);
      const link = await createTrackingLink(ctx.db, requireViewer(ctx), requirePublisherId(ctx), {
        offerId: args.offerId,
        name: args.name,
        defaultSubs,
      });
      publishInvalidation(ctx, link.offerId);
      return ctx.db.trackingLink.findUniqueOrThrow({ ...query, where: { id: link.id } });
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
      const link = await setTrackingLinkDisabled(ctx.db, requireViewer(ctx), requirePublisherId(ctx), args);
      publishInvalidation(ctx, link.offerId);
      return ctx.db.trackingLink.findUniqueOrThrow({ ...query, where: { id: link.id } });
    },
  }),
);
