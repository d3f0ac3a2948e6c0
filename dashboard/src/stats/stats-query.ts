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
