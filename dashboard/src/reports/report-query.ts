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
        day hour offerId publisherId advertiserId country deviceType subs currency
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
