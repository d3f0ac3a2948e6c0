// Daily numbers from daily_stats: a publisher's own rows, an advertiser's offers, everything for admins
// and finance. One row per UTC day and currency (amounts in different currencies never add up).
import { Prisma } from "@leadrail/db";
import { type MoneyVisibility, moneyVisibility } from "@leadrail/db/visibility";
import { requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import type { Viewer } from "../context.ts";
import { DomainError } from "../errors.ts";
import { localDate } from "../reports/report-input.ts";
import { intId, MoneyRef, money } from "./common.ts";

interface StatsRow {
  day: string;
  currency: string;
  clicks: bigint;
  uniqueClicks: bigint;
  botClicks: bigint;
  rejectedClicks: bigint;
  conversions: bigint;
  pending: bigint;
  approved: bigint;
  rejected: bigint;
  reversed: bigint;
  payout: bigint;
  revenue: bigint;
  /** The money the caller's role may see (@leadrail/db/visibility), as in `report`. */
  see: Readonly<MoneyVisibility>;
}

const StatsDayRef = builder.objectRef<StatsRow>("StatsDay").implement({
  description: "Totals of one UTC day in one currency. Conversions count by the day they converted.",
  fields: (t) => ({
    day: t.exposeString("day", { description: "YYYY-MM-DD (UTC)." }),
    currency: t.exposeString("currency"),
    clicks: t.expose("clicks", { type: "BigInt" }),
    uniqueClicks: t.expose("uniqueClicks", { type: "BigInt" }),
    botClicks: t.expose("botClicks", { type: "BigInt" }),
    rejectedClicks: t.expose("rejectedClicks", { type: "BigInt" }),
    conversions: t.expose("conversions", { type: "BigInt" }),
    pendingConversions: t.expose("pending", { type: "BigInt" }),
    approvedConversions: t.expose("approved", { type: "BigInt" }),
    rejectedConversions: t.expose("rejected", { type: "BigInt" }),
    reversedConversions: t.expose("reversed", { type: "BigInt" }),
    payout: t.field({
      type: MoneyRef,
      nullable: true,
      description: "Publisher payout of APPROVED conversions; null for advertisers.",
      resolve: (row) => (row.see.payout ? money(row.payout, row.currency) : null),
    }),
    revenue: t.field({
      type: MoneyRef,
      nullable: true,
      description: "Advertiser revenue (the advertiser's cost) of APPROVED conversions; null for publishers.",
      resolve: (row) => (row.see.revenue ? money(row.revenue, row.currency) : null),
    }),
  }),
});

const MAX_DAYS = 366;

function scope(viewer: Viewer): Prisma.Sql {
  switch (viewer.role) {
    case "PUBLISHER":
      return Prisma.sql`ds.publisher_id = ${viewer.publisherId}`;
    case "ADVERTISER":
      return Prisma.sql`o.advertiser_id = ${viewer.advertiserId}`;
    default:
      return Prisma.sql`true`;
  }
}

builder.queryField("stats", (t) =>
  t.field({
    type: [StatsDayRef],
    description: `Per day (UTC) and currency, from and to inclusive, at most ${MAX_DAYS} days. A bounded report, not a connection.`,
    authScopes: { publisher: true, advertiser: true, admin: true, finance: true },
    args: {
      from: t.arg.string({ required: true, validate: localDate }),
      to: t.arg.string({ required: true, validate: localDate }),
      offerId: t.arg.id().validate(intId.nullish()),
    },
    resolve: async (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const span = (Date.parse(args.to) - Date.parse(args.from)) / 86_400_000 + 1;
      if (span < 1) throw new DomainError("invalid_input", "to: must not be before from");
      if (span > MAX_DAYS) throw new DomainError("invalid_input", `at most ${MAX_DAYS} days at once`);
      const offerFilter = args.offerId ? Prisma.sql`AND ds.offer_id = ${args.offerId}` : Prisma.empty;
      const rows = await ctx.db.$queryRaw<Omit<StatsRow, "see">[]>(Prisma.sql`
        SELECT to_char(ds.day, 'YYYY-MM-DD') AS day, o.currency,
          sum(ds.clicks)::bigint AS "clicks", sum(ds.unique_clicks)::bigint AS "uniqueClicks",
          sum(ds.bot_clicks)::bigint AS "botClicks", sum(ds.rejected_clicks)::bigint AS "rejectedClicks",
          sum(ds.conversions)::bigint AS "conversions", sum(ds.pending_conversions)::bigint AS "pending",
          sum(ds.approved_conversions)::bigint AS "approved", sum(ds.rejected_conversions)::bigint AS "rejected",
          sum(ds.reversed_conversions)::bigint AS "reversed",
          sum(ds.payout)::bigint AS "payout", sum(ds.revenue)::bigint AS "revenue"
        FROM daily_stats ds JOIN offers o ON o.id = ds.offer_id
        WHERE ds.day BETWEEN ${args.from}::date AND ${args.to}::date AND ${scope(viewer)} ${offerFilter}
        GROUP BY ds.day, o.currency
        ORDER BY ds.day, o.currency`);
      const see = moneyVisibility(viewer.role);
      return rows.map((row) => ({ ...row, see }));
    },
  }),
);
