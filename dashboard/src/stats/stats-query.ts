import { graphql } from "../graphql.ts";

export const StatsQuery = graphql(`
  query Stats($from: String!, $to: String!, $offerId: ID) {
    stats(from: $from, to: $to, offerId: $offerId) {
      day currency clicks uniqueClicks conversions approvedConversions pendingConversions rejectedConversions
      payout { amount }
      revenue { amount }
    }
  }
`);

/**
 * The network overview's numbers from `report` (grouped by UTC day): the same rows as `stats`, from the
 * report engine that also serves the Reports screen, so both screens count the same way.
 */
export const OverviewReportQuery = graphql(`
  query OverviewReport($from: String!, $to: String!) {
    report(from: $from, to: $to, timeZone: "UTC", groupBy: [DAY]) {
      rows {
        day currency clicks conversions approvedConversions
        payout { amount }
        revenue { amount }
      }
    }
  }
`);
