// fraudReport: per publisher × offer over a period, how much of the traffic and leads looked wrong.
// Admins see every row, advertisers the rows of their offers, publishers their own rows. Clicks are
// counted from the clicks table (partition-pruned by created_at), conversions from conversions by
// converted_at; a row appears when either side has something.
import { Prisma } from "@leadrail/db";
import { z } from "zod";
import { requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import type { Viewer } from "../context.ts";
import { DomainError } from "../errors.ts";
import { intId } from "./common.ts";

interface FraudRow {
  offerId: number;
  offerName: string;
  publisherId: number;
  publisherName: string;
  clicks: bigint;
  botClicks: bigint;
  velocityClicks: bigint;
  conversions: bigint;
  duplicateLeads: bigint;
  fastConversions: bigint;
  rejectedConversions: bigint;
  heldLeads: bigint;
  blockedAt: Date | null;
  blockReason: string | null;
}

const share = (part: bigint, whole: bigint) => (whole === 0n ? 0 : Number(part) / Number(whole));

const FraudReportRowRef = builder.objectRef<FraudRow>("FraudReportRow").implement({
  description: "One publisher on one offer. Shares are 0..1 (0 when there is nothing to divide).",
  fields: (t) => ({
    offerId: t.exposeID("offerId"),
    offerName: t.exposeString("offerName"),
    publisherId: t.exposeID("publisherId"),
    publisherName: t.exposeString("publisherName"),
    clicks: t.expose("clicks", { type: "BigInt" }),
    botClicks: t.expose("botClicks", { type: "BigInt" }),
    velocityClicks: t.expose("velocityClicks", { type: "BigInt" }),
    conversions: t.expose("conversions", { type: "BigInt" }),
    duplicateLeads: t.expose("duplicateLeads", { type: "BigInt" }),
    fastConversions: t.expose("fastConversions", { type: "BigInt" }),
    rejectedConversions: t.expose("rejectedConversions", { type: "BigInt" }),
    heldLeads: t.expose("heldLeads", {
      type: "BigInt",
      description: "PENDING with a quality reason: waiting for a person.",
    }),
    // Admins only: blocking is an admin action and its reason is the network's note, so the row
    // shows advertisers and publishers the numbers, not the network's decision about them.
    blockedAt: t.expose("blockedAt", {
      type: "DateTime",
      nullable: true,
      authScopes: { admin: true },
      description: "Admins: when the publisher was blocked from the offer (null: not blocked).",
    }),
    blockReason: t.exposeString("blockReason", {
      nullable: true,
      authScopes: { admin: true },
      description: "Admins: the reason given when blocking (null: not blocked).",
    }),
    botClickShare: t.float({ resolve: (r) => share(r.botClicks, r.clicks) }),
    velocityClickShare: t.float({ resolve: (r) => share(r.velocityClicks, r.clicks) }),
    duplicateLeadShare: t.float({ resolve: (r) => share(r.duplicateLeads, r.conversions) }),
    fastConversionShare: t.float({ resolve: (r) => share(r.fastConversions, r.conversions) }),
    rejectionRate: t.float({ resolve: (r) => share(r.rejectedConversions, r.conversions) }),
  }),
});

const MAX_DAYS = 366;

/** The tenancy condition on (offer_id, publisher_id) columns of alias `x`. */
function scope(viewer: Viewer): Prisma.Sql {
  switch (viewer.role) {
    case "ADMIN":
      return Prisma.sql`true`;
    case "ADVERTISER":
      if (viewer.advertiserId === null) break;
      return Prisma.sql`x.offer_id in (select id from offers where advertiser_id = ${viewer.advertiserId})`;
    case "PUBLISHER":
      if (viewer.publisherId === null) break;
      return Prisma.sql`x.publisher_id = ${viewer.publisherId}`;
    default:
      break;
  }
  throw new DomainError("forbidden", "not allowed for this account");
}

builder.queryField("fraudReport", (t) =>
  t.field({
    type: [FraudReportRowRef],
    description: `Bot and velocity click shares, duplicate and fast leads and the rejection rate per publisher × offer, [from, to) (at most ${MAX_DAYS} days).`,
    authScopes: { admin: true, advertiser: true, publisher: true },
    args: {
      from: t.arg({ type: "DateTime", required: true }),
      to: t.arg({ type: "DateTime", required: true }),
      offerId: t.arg.id({ validate: intId.nullish() }),
      publisherId: t.arg.id({ validate: intId.nullish() }),
    },
    validate: z
      .looseObject({ from: z.date(), to: z.date() })
      .refine((a) => a.from < a.to, { message: "from must be before to" })
      .refine((a) => a.to.getTime() - a.from.getTime() <= MAX_DAYS * 86_400_000, {
        message: `at most ${MAX_DAYS} days`,
      }),
    resolve: async (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const filters = [scope(viewer)];
      if (args.offerId) filters.push(Prisma.sql`x.offer_id = ${args.offerId}`);
      if (args.publisherId) filters.push(Prisma.sql`x.publisher_id = ${args.publisherId}`);
      const where = Prisma.join(filters, " and ");
      const rows = await ctx.db.$queryRaw<FraudRow[]>`
        with k as (
          select x.offer_id, x.publisher_id, count(*) as clicks,
                 count(*) filter (where x.is_bot) as bot,
                 count(*) filter (where x.fraud_reason like 'velocity%') as velocity
          from clicks x
          where x.created_at >= ${args.from} and x.created_at < ${args.to}
            and x.offer_id is not null and x.publisher_id is not null and ${where}
          group by 1, 2
        ), v as (
          select x.offer_id, x.publisher_id, count(*) as conversions,
                 count(*) filter (where x.quality_signals @> '[{"code":"duplicate_lead"}]') as duplicate,
                 count(*) filter (where x.quality_signals @> '[{"code":"fast_conversion"}]') as fast,
                 count(*) filter (where x.status = 'REJECTED') as rejected,
                 count(*) filter (where x.status = 'PENDING' and x.status_reason is not null) as held
          from conversions x
          where x.converted_at >= ${args.from} and x.converted_at < ${args.to}
            and x.publisher_id is not null and ${where}
          group by 1, 2
        )
        select o.id as "offerId", o.name as "offerName", p.id as "publisherId", p.name as "publisherName",
               coalesce(k.clicks, 0)::bigint as clicks, coalesce(k.bot, 0)::bigint as "botClicks",
               coalesce(k.velocity, 0)::bigint as "velocityClicks",
               coalesce(v.conversions, 0)::bigint as conversions,
               coalesce(v.duplicate, 0)::bigint as "duplicateLeads",
               coalesce(v.fast, 0)::bigint as "fastConversions",
               coalesce(v.rejected, 0)::bigint as "rejectedConversions",
               coalesce(v.held, 0)::bigint as "heldLeads",
               a.blocked_at as "blockedAt",
               -- setBlocked writes the block's reason into decision_reason; it is only the block's
               -- reason while blocked_at is set (unblocking leaves the old text behind).
               case when a.blocked_at is not null then a.decision_reason end as "blockReason"
        from k full join v using (offer_id, publisher_id)
        join offers o on o.id = coalesce(k.offer_id, v.offer_id)
        join publishers p on p.id = coalesce(k.publisher_id, v.publisher_id)
        left join offer_applications a on a.offer_id = o.id and a.publisher_id = p.id
        order by o.id, p.id`;
      return rows;
    },
  }),
);
