import { graphql, type VariablesOf } from "../graphql.ts";

// Money fields are asked for only when the viewer's role receives them (the API answers null
// otherwise): $payout for payout and EPC, $revenue for revenue, $margin for profit and margin.
export const ReportQuery = graphql(`
  query Report(
    $from: String!
    $to: String!
    $timeZone: String!
    $groupBy: [ReportGroup!]!
    $filter: ReportFilter
    $payout: Boolean!
    $revenue: Boolean!
    $margin: Boolean!
  ) {
    report(from: $from, to: $to, timeZone: $timeZone, groupBy: $groupBy, filter: $filter) {
      from to timeZone source
      rows {
        day hour offerId offerName publisherId publisherName advertiserId advertiserName
        country deviceType subs currency
        clicks uniqueClicks conversions approvedConversions conversionRate
        payout @include(if: $payout) { amount currency }
        epc @include(if: $payout) { amount currency }
        revenue @include(if: $revenue) { amount currency }
        profit @include(if: $margin) { amount currency }
        marginBps @include(if: $margin)
      }
    }
  }
`);

/** The schema's groupings, from the generated types: report-columns.ts lists exactly these. */
export type SchemaReportGroup = VariablesOf<typeof ReportQuery>["groupBy"][number];

// What the filter pickers offer: the offers, publishers and advertisers with traffic in the range,
// by name — the report's own scoping decides what a role may pick from.
export const ReportChoicesQuery = graphql(`
  query ReportChoices($from: String!, $to: String!, $timeZone: String!, $publishers: Boolean!, $advertisers: Boolean!) {
    offers: report(from: $from, to: $to, timeZone: $timeZone, groupBy: [OFFER]) {
      rows { offerId offerName }
    }
    publishers: report(from: $from, to: $to, timeZone: $timeZone, groupBy: [PUBLISHER]) @include(if: $publishers) {
      rows { publisherId publisherName }
    }
    advertisers: report(from: $from, to: $to, timeZone: $timeZone, groupBy: [ADVERTISER]) @include(if: $advertisers) {
      rows { advertiserId advertiserName }
    }
  }
`);

// The chart under the table: the same range and filter, per local day.
export const ReportSeriesQuery = graphql(`
  query ReportSeries(
    $from: String!
    $to: String!
    $timeZone: String!
    $filter: ReportFilter
    $payout: Boolean!
    $revenue: Boolean!
    $margin: Boolean!
  ) {
    report(from: $from, to: $to, timeZone: $timeZone, groupBy: [DAY], filter: $filter) {
      rows {
        day currency clicks uniqueClicks conversions approvedConversions
        payout @include(if: $payout) { amount currency }
        revenue @include(if: $revenue) { amount currency }
        profit @include(if: $margin) { amount currency }
      }
    }
  }
`);
