// The advertiser's postback log: every postback and pixel received for its offers and what the
// tracker did with it ("why don't my numbers match?").
import type { Prisma } from "@leadrail/db";
import { z } from "zod";
import { managedOffers, requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import type { Viewer } from "../context.ts";
import { ConversionSourceEnum, intId } from "./common.ts";

/** Parameters that carry the advertiser's secret (token=, signatures) are shown as "[redacted]". */
const SECRET_PARAM = /token|secret|signature|sig|hmac|password|key/i;

export function redactParams(params: unknown): unknown {
  if (typeof params !== "object" || params === null || Array.isArray(params)) return params;
  return Object.fromEntries(
    Object.entries(params as Record<string, unknown>).map(([key, value]) => [
      key,
      SECRET_PARAM.test(key) ? "[redacted]" : value,
    ]),
  );
}

builder.prismaObject("InboundPostback", {
  fields: (t) => ({
    // A bigint key: GraphQL's ID serialises strings and safe integers only.
    id: t.id({ resolve: (row) => String(row.id) }),
    receivedAt: t.expose("receivedAt", { type: "DateTime" }),
    offer: t.relation("offer", { nullable: true }),
    channel: t.expose("channel", { type: ConversionSourceEnum }),
    method: t.exposeString("method"),
    params: t.field({
      type: "JSON",
      description: "What was sent, secrets redacted.",
      resolve: (row) => redactParams(row.params),
    }),
    clickId: t.exposeString("clickId", { nullable: true }),
    transactionId: t.exposeString("transactionId", { nullable: true }),
    outcome: t.exposeString("outcome", { description: "recorded | duplicate | rejected" }),
    reason: t.exposeString("reason", { nullable: true }),
    conversionId: t.exposeID("conversionId", { nullable: true }),
  }),
});

const PostbackLogFilter = builder.inputType("PostbackLogFilter", {
  fields: (t) => ({
    search: t.string({
      description: "A click id or transaction id (exact).",
      validate: z.string().trim().min(1).max(200, "must be at most 200 characters").nullish(),
    }),
    offerId: t.id().validate(intId.nullish()),
    outcome: t.string({ validate: z.enum(["recorded", "duplicate", "rejected"]).nullish() }),
    from: t.field({ type: "DateTime" }),
    to: t.field({ type: "DateTime" }),
  }),
});

function logScope(viewer: Viewer): Prisma.InboundPostbackWhereInput {
  if (viewer.role === "ADMIN") return {};
  // managedOffers throws forbidden for anyone else; advertisers see theirs, matched either way.
  const offers = managedOffers(viewer);
  return { OR: [{ advertiserId: viewer.advertiserId }, { offer: offers }] };
}

builder.queryField("postbackLog", (t) =>
  t.prismaConnection({
    type: "InboundPostback",
    cursor: "id",
    description: "Postbacks and pixels received for your offers, newest first.",
    authScopes: { advertiser: true, admin: true },
    args: { filter: t.arg({ type: PostbackLogFilter }) },
    resolve: (query, _root, args, ctx) => {
      const filter = args.filter ?? {};
      const and: Prisma.InboundPostbackWhereInput[] = [logScope(requireViewer(ctx))];
      if (filter.search) and.push({ OR: [{ clickId: filter.search }, { transactionId: filter.search }] });
      if (filter.offerId) and.push({ offerId: filter.offerId });
      if (filter.outcome) and.push({ outcome: filter.outcome });
      if (filter.from) and.push({ receivedAt: { gte: filter.from } });
      if (filter.to) and.push({ receivedAt: { lt: filter.to } });
      return ctx.db.inboundPostback.findMany({ ...query, where: { AND: and }, orderBy: { id: "desc" } });
    },
  }),
);
