// `capPacing(offerId)`: how much of each cap is used in its current period, read live from the
// tracker's Redis counters (the ones it enforces). The offer's advertiser, admin and finance see every
// cap (per-publisher caps once per publisher with a link or an approved application); a publisher
// sees only its own per-publisher counters and caps that name it.
import { requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import { pacingCounters } from "../caps/pacing-plan.ts";
import { type PacingReading, readPacing } from "../caps/read-pacing.ts";
import { notFound } from "../errors.ts";
import { CapMetricEnum, CapPeriodEnum, CapScopeEnum, intId, MoneyRef, money } from "./common.ts";

type Pacing = PacingReading & { currency: string };

const CapPacingSourceEnum = builder.enumType("CapPacingSource", {
  values: {
    REDIS: { description: "The tracker's live counter." },
    DATABASE: {
      description:
        "No counter yet this period (or Redis lost it): counted in PostgreSQL as the tracker would seed it.",
    },
  },
});

const CapPacingRef = builder.objectRef<Pacing>("CapPacing").implement({
  description: "One cap counter in its current period (UTC, like the tracker's).",
  fields: (t) => ({
    capId: t.id({ resolve: (p) => p.capId }),
    scope: t.field({ type: CapScopeEnum, resolve: (p) => p.scope }),
    period: t.field({ type: CapPeriodEnum, resolve: (p) => p.period }),
    metric: t.field({ type: CapMetricEnum, resolve: (p) => p.metric }),
    publisherId: t.id({
      nullable: true,
      description: "The counter's publisher; null for OFFER caps (all publishers together).",
      resolve: (p) => p.publisherId,
    }),
    periodKey: t.string({ description: "2026-11-23, 2026-11 or all.", resolve: (p) => p.periodKey }),
    periodStart: t.field({ type: "DateTime", nullable: true, resolve: (p) => p.periodStart }),
    periodEnd: t.field({ type: "DateTime", nullable: true, resolve: (p) => p.periodEnd }),
    limit: t.field({
      type: "BigInt",
      description: "Conversions, or minor units for BUDGET.",
      resolve: (p) => p.limit,
    }),
    used: t.field({
      type: "BigInt",
      description: "Pending and approved conversions (or their payout).",
      resolve: (p) => p.used,
    }),
    remaining: t.field({
      type: "BigInt",
      resolve: (p) => (p.limit > p.used ? p.limit - p.used : 0n),
    }),
    usedMoney: t.field({
      type: MoneyRef,
      nullable: true,
      description: "`used` as money, for BUDGET caps.",
      resolve: (p) => (p.metric === "BUDGET" ? money(p.used, p.currency) : null),
    }),
    limitMoney: t.field({
      type: MoneyRef,
      nullable: true,
      description: "`limit` as money, for BUDGET caps.",
      resolve: (p) => (p.metric === "BUDGET" ? money(p.limit, p.currency) : null),
    }),
    source: t.field({ type: CapPacingSourceEnum, resolve: (p) => p.source }),
  }),
});

builder.queryField("capPacing", (t) =>
  t.field({
    type: [CapPacingRef],
    description: "Live cap usage of an offer for the current day, month or total (not_found when not yours).",
    authScopes: { publisher: true, advertiser: true, admin: true, finance: true },
    args: { offerId: t.arg.id({ required: true }).validate(intId) },
    resolve: async (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const offerId = args.offerId;
      const ownPublisher = viewer.role === "PUBLISHER" ? viewer.publisherId : null;
      const offer = await ctx.db.offer.findFirst({
        where: {
          id: offerId,
          ...(viewer.role === "ADVERTISER" ? { advertiserId: viewer.advertiserId ?? -1 } : {}),
          ...(viewer.role === "PUBLISHER"
            ? {
                OR: [
                  { applications: { some: { publisherId: ownPublisher ?? -1 } } },
                  { links: { some: { publisherId: ownPublisher ?? -1 } } },
                ],
              }
            : {}),
        },
        select: {
          currency: true,
          caps: { orderBy: { id: "asc" } },
          links: viewer.role === "PUBLISHER" ? false : { select: { publisherId: true } },
          applications:
            viewer.role === "PUBLISHER"
              ? false
              : { where: { status: "APPROVED" }, select: { publisherId: true } },
        },
      });
      if (!offer) throw notFound("offer");
      const publishers = [
        ...new Set([...(offer.links ?? []), ...(offer.applications ?? [])].map((row) => row.publisherId)),
      ].sort((a, b) => a - b);
      const counters = pacingCounters({
        offerId,
        caps: offer.caps,
        publishers,
        viewerPublisherId: ownPublisher,
        at: new Date(),
      });
      const readings = await readPacing(ctx.db, ctx.redis, offerId, counters);
      return readings.map((reading) => ({ ...reading, currency: offer.currency }));
    },
  }),
);
