// A publisher's postback templates: where we tell its tracker (Keitaro, Binom, Voluum...) about its
// conversions. GET fills macros into the URL; POST_JSON sends a JSON body signed with the secret.
import { generateSecret, isIpLiteral, nonPublicAddressReason, type PublisherPostback } from "@leadrail/db";
import { POSTBACK_MACROS, urlTemplateProblem } from "@leadrail/db/macros";
import { z } from "zod";
import { audit } from "../audit/audit.ts";
import { requirePublisherId, requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import { DomainError, notFound } from "../errors.ts";
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

const urlTemplate = z.string().superRefine((value, ctx) => {
  const problem = urlTemplateProblem(value, "postback");
  if (problem) ctx.addIssue({ code: "custom", message: problem });
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
    urlTemplate: t.string({ required: true, validate: urlTemplate }),
    statuses: t.field({
      type: [ConversionStatusEnum],
      validate: z
        .array(z.string())
        .refine((list) => new Set(list).size === list.length, "must not repeat a status")
        .nullish(),
    }),
    secret: t.string({
      description: "POST_JSON: your HMAC key (16-200 characters); generated when left out.",
      validate: z.string().min(16, "must be at least 16 characters").max(200).nullish(),
    }),
    active: t.boolean(),
  }),
});

function snapshot(row: PublisherPostback) {
  const { offerId, method, urlTemplate, statuses, active } = row;
  // The secret stays out of the audit log.
  return { offerId, method, urlTemplate, statuses, active, hasSecret: row.secret !== null };
}

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
      if (internal) throw new DomainError("invalid_input", `input.urlTemplate: ${internal}`);
      const saved = await ctx.db.$transaction(async (tx) => {
        if (input.offerId) {
          // Only offers it has an application to (and is not blocked from).
          const application = await tx.offerApplication.findFirst({
            where: { offerId: input.offerId, publisherId, blockedAt: null, status: { not: "REJECTED" } },
          });
          if (!application) throw notFound("offer");
        }
        const existing = input.id
          ? await tx.publisherPostback.findFirst({ where: { id: input.id, publisherId } })
          : null;
        if (input.id && !existing) throw notFound("postback template");
        const secret =
          input.secret ?? existing?.secret ?? (input.method === "POST_JSON" ? generateSecret(24) : null);
        const data = {
          offerId: input.offerId ?? null,
          method: input.method,
          urlTemplate: input.urlTemplate,
          statuses: input.statuses ?? [],
          secret,
          active: input.active ?? true,
        };
        const after = existing
          ? await tx.publisherPostback.update({ where: { id: existing.id }, data })
          : await tx.publisherPostback.create({ data: { ...data, publisherId } });
        await audit(tx, viewer, {
          action: existing ? "postback_template.update" : "postback_template.create",
          entityType: "PublisherPostback",
          entityId: after.id,
          before: existing ? snapshot(existing) : undefined,
          after: snapshot(after),
        });
        return after;
      });
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
      const viewer = requireViewer(ctx);
      const publisherId = requirePublisherId(ctx);
      const queued = await ctx.db.$transaction(async (tx) => {
        const row = await tx.publisherPostback.findFirst({ where: { id: args.id, publisherId } });
        if (!row) throw notFound("postback template");
        // Through the same outbox as conversion events: the tracker's relay and worker deliver it
        // (SSRF guard, attempt log), the API never calls out itself.
        const event = await tx.postbackOutbox.create({
          data: { publisherId, postbackId: row.id, status: "APPROVED" },
        });
        await audit(tx, viewer, {
          action: "postback_template.test_fire",
          entityType: "PublisherPostback",
          entityId: row.id,
          after: { outboxId: String(event.id) },
        });
        return event;
      });
      return String(queued.id);
    },
  }),
  removePostbackTemplate: t.id({
    description: "Removes a postback template that never fired (deactivate used ones); returns its id.",
    errors: { types: [DomainError] },
    authScopes: { publisher: true },
    args: { id: t.arg.id({ required: true }).validate(intId) },
    resolve: async (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const publisherId = requirePublisherId(ctx);
      await ctx.db.$transaction(async (tx) => {
        const row = await tx.publisherPostback.findFirst({
          where: { id: args.id, publisherId },
          // Test fires are no evidence worth keeping: they go with the template.
          include: { _count: { select: { deliveries: { where: { test: false } } } } },
        });
        if (!row) throw notFound("postback template");
        // Deleting would take the delivery log with it (cascade): keep the evidence, deactivate instead.
        if (row._count.deliveries > 0) {
          throw new DomainError("conflict", "this template has deliveries: set active: false instead");
        }
        await tx.publisherPostback.delete({ where: { id: row.id } });
        await audit(tx, viewer, {
          action: "postback_template.remove",
          entityType: "PublisherPostback",
          entityId: row.id,
          before: snapshot(row),
        });
      });
      return String(args.id);
    },
  }),
}));
