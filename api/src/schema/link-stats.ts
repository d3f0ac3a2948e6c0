// `TrackingLink.stats`: the link's clicks, conversions and earnings over the last 30 days (see
// links/link-stats.ts). Every link of a page shares one pair of grouped queries per request.
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { type LinkStats, linkStatsOf } from "../links/link-stats.ts";
import { METRICS_DAYS } from "../loaders.ts";
import { MoneyRef, money } from "./common.ts";
import { TrackingLinkRef } from "./links.ts";

// Per request and publisher: a list of 100 links asks once, not 100 times.
const perRequest = new WeakMap<Context, Map<number, Promise<Map<number, LinkStats>>>>();

function statsFor(ctx: Context, publisherId: number): Promise<Map<number, LinkStats>> {
  let byPublisher = perRequest.get(ctx);
  if (!byPublisher) {
    byPublisher = new Map();
    perRequest.set(ctx, byPublisher);
  }
  let pending = byPublisher.get(publisherId);
  if (!pending) {
    pending = linkStatsOf(ctx.db, publisherId);
    byPublisher.set(publisherId, pending);
  }
  return pending;
}

const LinkStatsRef = builder.objectRef<LinkStats>("TrackingLinkStats").implement({
  description: `A link's numbers over the last ${METRICS_DAYS} UTC days (today included).`,
  fields: (t) => ({
    days: t.int({ resolve: () => METRICS_DAYS }),
    clicks: t.expose("clicks", { type: "BigInt", description: "Every click, rejected ones included." }),
    uniqueClicks: t.expose("uniqueClicks", { type: "BigInt" }),
    conversions: t.expose("conversions", { type: "BigInt", description: "In every status." }),
    approvedConversions: t.expose("approvedConversions", { type: "BigInt" }),
    earnings: t.field({
      type: MoneyRef,
      description: "Your payout of APPROVED conversions, in the offer's currency.",
      resolve: (row) => money(row.payout, row.currency),
    }),
  }),
});

builder.objectField(TrackingLinkRef, "stats", (t) =>
  t.field({
    type: LinkStatsRef,
    description: `Clicks, conversions and earnings over the last ${METRICS_DAYS} days.`,
    resolve: async (link, _args, ctx) => {
      const stats = (await statsFor(ctx, link.publisherId)).get(link.id);
      // Every link of the publisher is in the map; one created after it was read has no traffic yet.
      if (stats) return stats;
      const offer = await ctx.db.offer.findUniqueOrThrow({
        where: { id: link.offerId },
        select: { currency: true },
      });
      return { clicks: 0n, uniqueClicks: 0n, conversions: 0n, approvedConversions: 0n, payout: 0n, ...offer };
    },
  }),
);
