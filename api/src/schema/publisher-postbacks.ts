// A publisher's postback templates: where we tell its tracker (Keitaro, Binom, Voluum...) about its
// conversions. GET fills macros into the URL; POST_JSON sends a JSON body signed with the secret.
import { isIpLiteral, nonPublicAddressReason } from "@leadrail/db";
import { POSTBACK_MACROS } from "@leadrail/db/macros";
import * as rules from "@leadrail/db/publisher-postback-input";
import { z } from "zod";
import { requirePublisherId, requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import { DomainError, invalidFields } from "../errors.ts";
import {
  removePostbackTemplate,
  setPostbackTemplate,
  testFirePostbackTemplate,
} from "../postbacks/postback-templates.ts";
import { ConversionStatusEnum, intId, PostbackMethodEnum } from "./common.ts";
import { MarketplaceOfferRef } from "./marketplace.ts";

builder.prismaObject("PublisherPostback", {
  fields: (t) => ({
    id: t.exposeID("id"),
    offer: t.relation("offer", { type: MarketplaceOfferRef, nullable: true }),
    method: t.expose("method", { type: PostbackMethodEnum }),
    urlTemplate: t.exposeString("urlTemplate"),
    statuses: t.expose("statuses", { type: [ConversionStatusEnum], description: "Empty = every status." }),
    secret: t.exposeString("secret", {
      nullable: true,
      description: "Your HMAC key for POST_JSON signatures (X-Leadrail-Signature).",
    }),
    active: t.exposeBoolean("active"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    recentDeliveries: t.relation("deliveries", {
      description: "Its latest delivery attempts (test fires included), newest first.",
      args: { first: t.arg.int({ defaultValue: 10, validate: z.number().int().min(1).max(50) }) },
      query: (args) => ({ orderBy: { id: "desc" }, take: args.first ?? 10 }),
    }),
  }),
});

builder.prismaObject("PostbackDelivery", {
  description: "One attempt to deliver a publisher postback.",
  fields: (t) => ({
    // A bigint: GraphQL's ID serializer takes strings and safe integers only.
    id: t.id({ resolve: (row) => String(row.id) }),
    conversionId: t.exposeID("conversionId", { nullable: true, description: "null on a test fire." }),
    test: t.exposeBoolean("test", { description: "A test fire (sample values), not a conversion." }),
    status: t.expose("status", { type: ConversionStatusEnum }),
    attempt: t.exposeInt("attempt"),
    url: t.exposeString("url"),
    httpStatus: t.exposeInt("httpStatus", { nullable: true }),
    error: t.exposeString("error", { nullable: true, description: "Why it failed without an answer." }),
    durationMs: t.exposeInt("durationMs", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

/**
 * The tracker refuses to deliver to private, loopback, link-local... addresses (its SSRF guard, after
 * DNS); a template naming one as an IP literal can be refused now, while the publisher is looking.
 * Host names are left to the tracker: what they resolve to can change after saving. Checked in the
 * resolver, not the input's validation, because POSTBACK_ALLOW_PRIVATE_NETWORKS lifts it.
 */
function internalAddressProblem(template: string): string | null {
  const host = new URL(template.replace(/\{[^{}]*\}/g, "x")).hostname;
  if (!isIpLiteral(host)) return null;
  const reason = nonPublicAddressReason(host);
  return reason ? `must not point at a non-public address (${host} is a ${reason})` : null;
}

const PostbackTemplateInput = builder.inputType("PostbackTemplateInput", {
  description: `Macros: ${POSTBACK_MACROS.map((m) => `{${m}}`).join(" ")} (path and query only).`,
  fields: (t) => ({
    id: t.id({ description: "Replace this template; leave out to add one." }).validate(intId.nullish()),
    offerId: t
      .id({ description: "Only this offer; leave out for all your offers." })
      .validate(intId.nullish()),
    method: t.field({ type: PostbackMethodEnum, required: true }),
    urlTemplate: t.string({ required: true, validate: rules.postbackUrlTemplate }),
    statuses: t.field({ type: [ConversionStatusEnum], validate: rules.postbackStatuses.nullish() }),
    secret: t.string({
      description: `POST_JSON: your HMAC key (${rules.SECRET_MIN}-${rules.SECRET_MAX} characters); generated when left out.`,
      validate: rules.postbackSecret.nullish(),
    }),
    active: t.boolean(),
  }),
});

builder.queryField("postbackTemplates", (t) =>
  t.prismaConnection({
    type: "PublisherPostback",
    cursor: "id",
    description: "Your postback templates.",
    authScopes: { publisher: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.db.publisherPostback.findMany({
        ...query,
        where: { publisherId: requirePublisherId(ctx) },
        orderBy: { id: "asc" },
      }),
  }),
);

builder.mutationFields((t) => ({
  setPostbackTemplate: t.prismaField({
    type: "PublisherPostback",
    description: "Adds a postback template, or replaces one (with id).",
    errors: { types: [DomainError] },
    authScopes: { publisher: true },
    args: { input: t.arg({ type: PostbackTemplateInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const viewer = requireViewer(ctx);
      const publisherId = requirePublisherId(ctx);
      const internal = ctx.allowPrivatePostbackTargets ? null : internalAddressProblem(input.urlTemplate);
      if (internal) throw invalidFields([{ path: ["input", "urlTemplate"], message: internal }]);
      const saved = await setPostbackTemplate(ctx.db, viewer, publisherId, input);
      return ctx.db.publisherPostback.findUniqueOrThrow({ ...query, where: { id: saved.id } });
    },
  }),
  testPostbackTemplate: t.id({
    description:
      "Queues one delivery of a template (active or not) with sample values: click_id, goal and subs " +
      '"test", status approved, payout 0 in your currency, txid test-<n>. Returns the queued event\'s id; ' +
      "the attempt shows in the template's recentDeliveries (test: true) once the tracker has sent it.",
    errors: { types: [DomainError] },
    authScopes: { publisher: true },
    args: { id: t.arg.id({ required: true }).validate(intId) },
    resolve: async (_root, args, ctx) => {
      const queued = await testFirePostbackTemplate(
        ctx.db,
        requireViewer(ctx),
        requirePublisherId(ctx),
        args.id,
      );
      return String(queued.id);
    },
  }),
  removePostbackTemplate: t.id({
    description: "Removes a postback template that never fired (deactivate used ones); returns its id.",
    errors: { types: [DomainError] },
    authScopes: { publisher: true },
    args: { id: t.arg.id({ required: true }).validate(intId) },
    resolve: async (_root, args, ctx) => {
      await removePostbackTemplate(ctx.db, requireViewer(ctx), requirePublisherId(ctx), args.id);
      return String(args.id);
    },
  }),
}));
