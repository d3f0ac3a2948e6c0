// `report`: clicks, conversions and money grouped by time, offer, publisher, advertiser, country,
// device or sub id, in a caller's time zone, scoped to the caller. See src/reports/ for where the
// numbers come from; this module is the GraphQL surface and who sees which metric.
import type { DeviceType } from "@leadrail/db";
import { deriveMetrics } from "@leadrail/db/report-metrics";
import { type MoneyVisibility, moneyVisibility } from "@leadrail/db/visibility";
import { requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import type { Viewer } from "../context.ts";
import { DomainError } from "../errors.ts";
import type { ReportScope, ReportSource } from "../reports/choose-rollup.ts";
import { MAX_REPORT_DAYS, parseReportArgs, REPORT_GROUPS } from "../reports/report-input.ts";
import { type ReportNames, reportNames } from "../reports/report-names.ts";
import { MAX_REPORT_ROWS, type RawReportRow, runReport } from "../reports/run-report.ts";
import { fieldSelected } from "../reports/selection.ts";
import { DeviceTypeEnum, MoneyRef, money } from "./common.ts";

function scopeOf(viewer: Viewer): ReportScope {
  if (viewer.role === "PUBLISHER" && viewer.publisherId !== null) return { publisherId: viewer.publisherId };
  if (viewer.role === "ADVERTISER" && viewer.advertiserId !== null)
    return { advertiserId: viewer.advertiserId };
  if (viewer.role === "ADMIN" || viewer.role === "FINANCE") return "all";
  throw new DomainError("forbidden", "not allowed for this account");
}

/** A row and the money its caller's role may see (@leadrail/db/visibility). */
type Row = RawReportRow & { see: Readonly<MoneyVisibility>; names: ReportNames };

interface ReportResult {
  from: string;
  to: string;
  timeZone: string;
  start: Date;
  end: Date;
  source: ReportSource;
  rows: Row[];
}

const ReportGroupEnum = builder.enumType("ReportGroup", {
  values: REPORT_GROUPS,
  description: "A report grouping. HOUR and DAY are cut in the report's time zone.",
});
const ReportSourceEnum = builder.enumType("ReportSource", {
  values: {
    DAILY_SEGMENTS: {
      description:
        "Clicks and conversions from the daily rollups (UTC day × offer × country × device type): whole UTC days, no publisher.",
    },
    HOURLY_OFFERS: {
      description:
        "Clicks and conversions from the hourly rollups per offer (UTC hour × offer): no publisher.",
    },
    HOURLY: { description: "Clicks from the hourly rollup (hour × offer × publisher); conversion rows." },
    SEGMENTS: {
      description: "Clicks from the hourly rollup by publisher, country and device type; conversion rows.",
    },
    RAW: { description: "Clicks from raw click rows (SUB groupings, or a zone with non-hour offsets)." },
  },
});

const ReportFilterInput = builder.inputType("ReportFilter", {
  description:
    "Narrows a report; combined with the caller's own scope (a publisher never sees another's rows).",
  fields: (t) => ({
    offerIds: t.idList(),
    publisherIds: t.idList(),
    advertiserIds: t.idList(),
    countries: t.stringList({ description: "ISO 3166-1 alpha-2 codes, upper case." }),
    deviceTypes: t.field({ type: [DeviceTypeEnum] }),
  }),
});

const ReportRowRef = builder.objectRef<Row>("ReportRow").implement({
  description:
    "One group in one currency (money never adds up across currencies). Key fields not in groupBy are null; " +
    "a null key in groupBy means unknown (no country, no device, no sub id, no publisher). Conversions count " +
    "by when they converted, clicks by when they happened.",
  fields: (t) => ({
    hour: t.field({
      type: "DateTime",
      nullable: true,
      description: "HOUR: the instant the local hour starts.",
      resolve: (r) => r.hour,
    }),
    day: t.string({ nullable: true, description: "DAY: the local date, YYYY-MM-DD.", resolve: (r) => r.day }),
    offerId: t.id({ nullable: true, resolve: (r) => r.offerId }),
    offerName: t.string({
      nullable: true,
      description: "OFFER: the offer's name.",
      resolve: (r) => (r.offerId === null ? null : (r.names.offers.get(r.offerId) ?? null)),
    }),
    publisherId: t.id({ nullable: true, resolve: (r) => r.publisherId }),
    publisherName: t.string({
      nullable: true,
      description: "PUBLISHER: the publisher's name.",
      resolve: (r) => (r.publisherId === null ? null : (r.names.publishers.get(r.publisherId) ?? null)),
    }),
    advertiserId: t.id({ nullable: true, resolve: (r) => r.advertiserId }),
    advertiserName: t.string({
      nullable: true,
      description: "ADVERTISER: the advertiser's name.",
      resolve: (r) => (r.advertiserId === null ? null : (r.names.advertisers.get(r.advertiserId) ?? null)),
    }),
    country: t.string({ nullable: true, resolve: (r) => r.country }),
    deviceType: t.field({
      type: DeviceTypeEnum,
      nullable: true,
      resolve: (r) => (r.deviceType ? (r.deviceType as DeviceType) : null),
    }),
    subs: t.stringList({
      nullable: { list: false, items: true },
      description: "sub1..sub10 (index 0 = sub1); set for the SUBn groupings asked for.",
      resolve: (r) => r.subs,
    }),
    currency: t.exposeString("currency"),
    clicks: t.expose("clicks", {
      type: "BigInt",
      description: "Every click, rejected and bot ones included.",
    }),
    uniqueClicks: t.expose("uniqueClicks", { type: "BigInt" }),
    botClicks: t.expose("botClicks", { type: "BigInt" }),
    rejectedClicks: t.expose("rejectedClicks", { type: "BigInt" }),
    conversions: t.expose("conversions", { type: "BigInt", description: "In every status." }),
    pendingConversions: t.expose("pendingConversions", { type: "BigInt" }),
    approvedConversions: t.expose("approvedConversions", { type: "BigInt" }),
    rejectedConversions: t.expose("rejectedConversions", { type: "BigInt" }),
    reversedConversions: t.expose("reversedConversions", { type: "BigInt" }),
    conversionRate: t.string({
      nullable: true,
      description:
        'Approved conversions / unique clicks, exact to 6 decimals ("0.025000" = 2.5 %); null without clicks.',
      resolve: (r) => deriveMetrics(r).conversionRate,
    }),
    epc: t.field({
      type: MoneyRef,
      nullable: true,
      description: "Approved payout per 100 clicks (rounded down); null for advertisers and without clicks.",
      resolve: (r) => {
        const epc = deriveMetrics(r).epc;
        return r.see.payout && epc !== null ? money(epc, r.currency) : null;
      },
    }),
    payout: t.field({
      type: MoneyRef,
      nullable: true,
      description: "Publisher payout of APPROVED conversions; null for advertisers.",
      resolve: (r) => (r.see.payout ? money(r.payout, r.currency) : null),
    }),
    revenue: t.field({
      type: MoneyRef,
      nullable: true,
      description: "Advertiser revenue (the advertiser's cost) of APPROVED conversions; null for publishers.",
      resolve: (r) => (r.see.revenue ? money(r.revenue, r.currency) : null),
    }),
    profit: t.field({
      type: MoneyRef,
      nullable: true,
      description: "revenue − payout; admin and finance only.",
      resolve: (r) => (r.see.margin ? money(deriveMetrics(r).profit, r.currency) : null),
    }),
    marginBps: t.int({
      nullable: true,
      description:
        "profit / revenue in basis points (2500 = 25 %), rounded half-even; admin and finance only.",
      resolve: (r) => (r.see.margin ? deriveMetrics(r).marginBps : null),
    }),
    medianClickToConversionSeconds: t.float({
      nullable: true,
      description:
        "Median of converted_at − click time over the group's conversions that have a click (computed only when asked for).",
      resolve: (r) => r.medianClickToConversionSeconds,
    }),
  }),
});

const ReportRef = builder.objectRef<ReportResult>("Report").implement({
  fields: (t) => ({
    from: t.exposeString("from"),
    to: t.exposeString("to"),
    timeZone: t.exposeString("timeZone"),
    start: t.field({
      type: "DateTime",
      description: "The instant `from` starts in the zone.",
      resolve: (r) => r.start,
    }),
    end: t.field({
      type: "DateTime",
      description: "The instant after `to` ends in the zone.",
      resolve: (r) => r.end,
    }),
    source: t.field({ type: ReportSourceEnum, resolve: (r) => r.source }),
    rows: t.field({ type: [ReportRowRef], resolve: (r) => r.rows }),
  }),
});

builder.queryField("report", (t) =>
  t.field({
    type: ReportRef,
    description:
      `Clicks, conversions and money from \`from\` to \`to\` (local dates in \`timeZone\`, both inclusive, at most ` +
      `${MAX_REPORT_DAYS} days), grouped by \`groupBy\` and always by currency, scoped to the caller: a publisher ` +
      "sees its own traffic and payout (no revenue, profit or margin), an advertiser its offers and their cost " +
      "(no payout, EPC or margin), admin and finance everything. Numbers come from the smallest rollup that " +
      "answers the request exactly (`source`). In zones such as Asia/Kolkata (+05:30) the hourly rollups answer " +
      "every UTC hour but those a local midnight (or the range's start or end) falls inside, which are read from " +
      "raw rows in the same query; HOUR grouping in such zones and the SUB1..SUB10 groupings read raw rows " +
      "throughout (slower, same numbers). At most " +
      `${MAX_REPORT_ROWS} rows.`,
    authScopes: { publisher: true, advertiser: true, admin: true, finance: true },
    args: {
      from: t.arg.string({ required: true, description: "YYYY-MM-DD, local." }),
      to: t.arg.string({ required: true, description: "YYYY-MM-DD, local, inclusive." }),
      timeZone: t.arg.string({ defaultValue: "UTC", description: "IANA zone, e.g. America/Los_Angeles." }),
      groupBy: t.arg({ type: [ReportGroupEnum], required: true }),
      filter: t.arg({ type: ReportFilterInput }),
    },
    resolve: async (_root, args, ctx, info) => {
      const viewer = requireViewer(ctx);
      const scope = scopeOf(viewer);
      const parsed = parseReportArgs(args);
      if (!parsed.ok) throw new DomainError("invalid_input", parsed.message);
      const { request } = parsed;
      const median = fieldSelected(info, ["rows", "medianClickToConversionSeconds"]);
      const result = await runReport(ctx.db, request, scope, { median });
      if (result.truncated) {
        throw new DomainError(
          "invalid_input",
          `more than ${MAX_REPORT_ROWS} rows: narrow the range, the filter or the grouping`,
        );
      }
      const see = moneyVisibility(viewer.role);
      const names = await reportNames(ctx.db, result.rows);
      return {
        from: request.from,
        to: request.to,
        timeZone: request.timeZone,
        start: request.start,
        end: request.end,
        source: result.source,
        rows: result.rows.map((row) => ({ ...row, see, names })),
      };
    },
  }),
);
