// Publishers' applications to offers, the advertiser's decision, invitations to private offers, and
// the admin's block. An application's status decides whether the publisher's links are served, so every
// change is audited and tells the trackers to reload the offer.
import type { Prisma } from "@leadrail/db";
import { applicationReason, blockReason } from "@leadrail/db/decision-reasons";
import { applyToOffer } from "../applications/apply-to-offer.ts";
import { setPublisherBlocked } from "../applications/block-publisher.ts";
import { decideApplication } from "../applications/decide-application.ts";
import { invitePublisher } from "../applications/invite-publisher.ts";
import { managedOffers, requirePublisherId, requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import type { Context, Viewer } from "../context.ts";
import { DomainError } from "../errors.ts";
import { publishInvalidation } from "../events/invalidate.ts";
import { ApplicationStatusEnum, intId, searchText } from "./common.ts";
import { MarketplaceOfferRef } from "./marketplace.ts";

export const ApplicationRef = builder.prismaObject("OfferApplication", {
  name: "OfferApplication",
  fields: (t) => ({
    id: t.exposeID("id"),
    offer: t.relation("offer", { type: MarketplaceOfferRef }),
    publisher: t.relation("publisher"),
    status: t.expose("status", { type: ApplicationStatusEnum }),
    message: t.exposeString("message", { description: "The publisher's note." }),
    decisionReason: t.exposeString("decisionReason", { nullable: true }),
    decidedAt: t.expose("decidedAt", { type: "DateTime", nullable: true }),
    blockedAt: t.expose("blockedAt", {
      type: "DateTime",
      nullable: true,
      description: "Set when an admin blocked the publisher from the offer, whatever the status.",
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.objectField(MarketplaceOfferRef, "myApplication", (t) =>
  t.field({
    type: ApplicationRef,
    nullable: true,
    description: "Your application to this offer, if any.",
    resolve: (offer, _args, ctx) => ctx.loaders.myApplication.load(offer.id),
  }),
);

const ApplicationDecision = builder.enumType("ApplicationDecision", {
  values: ["APPROVED", "REJECTED"] as const,
});

const ApplicationFilter = builder.inputType("ApplicationFilter", {
  fields: (t) => ({
    status: t.field({ type: ApplicationStatusEnum }),
    offerId: t.id().validate(intId.nullish()),
    search: t.string({ description: "Part of the publisher's name.", validate: searchText.nullish() }),
  }),
});

/** Applications the viewer may read: a publisher its own, an advertiser those to its offers, admins all. */
function readableApplications(viewer: Viewer): Prisma.OfferApplicationWhereInput {
  if (viewer.role === "PUBLISHER" && viewer.publisherId !== null) return { publisherId: viewer.publisherId };
  return { offer: managedOffers(viewer) };
}

builder.queryField("applications", (t) =>
  t.prismaConnection({
    type: ApplicationRef,
    cursor: "id",
    description:
      "A publisher's own applications; an advertiser's applications to its offers; all for admins.",
    authScopes: { publisher: true, advertiser: true, admin: true },
    args: { filter: t.arg({ type: ApplicationFilter }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.offerApplication.findMany({
        ...query,
        where: {
          AND: [
            readableApplications(requireViewer(ctx)),
            args.filter?.status ? { status: args.filter.status } : {},
            args.filter?.offerId ? { offerId: args.filter.offerId } : {},
            args.filter?.search
              ? { publisher: { name: { contains: args.filter.search, mode: "insensitive" as const } } }
              : {},
          ],
        },
        orderBy: { id: "desc" },
      }),
  }),
);

builder.mutationFields((t) => ({
  applyToOffer: t.prismaField({
    type: ApplicationRef,
    description:
      "Apply to run an offer: PUBLIC offers approve at once, APPROVAL_REQUIRED ones wait for the advertiser. Private offers take invitations only.",
    errors: { types: [DomainError] },
    authScopes: { publisher: true },
    args: {
      offerId: t.arg.id({ required: true }).validate(intId),
      message: t.arg.string({ validate: applicationReason.nullish() }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const publisherId = requirePublisherId(ctx);
      const application = await applyToOffer(ctx.db, viewer, publisherId, args);
      if (application.status === "APPROVED") publishInvalidation(ctx, application.offerId);
      return ctx.db.offerApplication.findUniqueOrThrow({ ...query, where: { id: application.id } });
    },
  }),

  decideApplication: t.prismaField({
    type: ApplicationRef,
    description: "Approve or reject a publisher's application to one of your offers (or revise a decision).",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: {
      id: t.arg.id({ required: true }).validate(intId),
      decision: t.arg({ type: ApplicationDecision, required: true }),
      reason: t.arg.string({ validate: applicationReason.nullish() }),
    },
    resolve: async (query, _root, args, ctx) => {
      const decided = await decideApplication(ctx.db, requireViewer(ctx), args);
      publishInvalidation(ctx, decided.offerId);
      return ctx.db.offerApplication.findUniqueOrThrow({ ...query, where: { id: decided.id } });
    },
  }),

  invitePublisher: t.prismaField({
    type: ApplicationRef,
    description:
      "Approve a publisher for one of your offers without an application (how PRIVATE offers get runners).",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: {
      offerId: t.arg.id({ required: true }).validate(intId),
      publisherId: t.arg.id({ required: true }).validate(intId),
    },
    resolve: async (query, _root, args, ctx) => {
      const invited = await invitePublisher(ctx.db, requireViewer(ctx), args);
      publishInvalidation(ctx, invited.offerId);
      return ctx.db.offerApplication.findUniqueOrThrow({ ...query, where: { id: invited.id } });
    },
  }),

  blockPublisherFromOffer: t.prismaField({
    type: ApplicationRef,
    description:
      "Stop a publisher running an offer, whatever its application says (admins: any offer; advertisers: their own).",
    errors: { types: [DomainError] },
    authScopes: { admin: true, advertiser: true },
    args: {
      offerId: t.arg.id({ required: true }).validate(intId),
      publisherId: t.arg.id({ required: true }).validate(intId),
      reason: t.arg.string({ required: true, validate: blockReason }),
    },
    resolve: (query, _root, args, ctx) => setBlocked(ctx, query, args, true),
  }),

  unblockPublisherFromOffer: t.prismaField({
    type: ApplicationRef,
    description:
      "Lift a block; the application's status applies again. An advertiser lifts only blocks its own people placed, not an admin's.",
    errors: { types: [DomainError] },
    authScopes: { admin: true, advertiser: true },
    args: {
      offerId: t.arg.id({ required: true }).validate(intId),
      publisherId: t.arg.id({ required: true }).validate(intId),
    },
    resolve: (query, _root, args, ctx) => setBlocked(ctx, query, { ...args, reason: null }, false),
  }),
}));

async function setBlocked(
  ctx: Context,
  query: { include?: Prisma.OfferApplicationInclude; select?: Prisma.OfferApplicationSelect },
  args: { offerId: number; publisherId: number; reason: string | null },
  blocked: boolean,
) {
  const changed = await setPublisherBlocked(ctx.db, requireViewer(ctx), args, blocked);
  publishInvalidation(ctx, changed.offerId);
  return ctx.db.offerApplication.findUniqueOrThrow({ ...query, where: { id: changed.id } });
}
