// A publisher's payout statements: what was paid, what is on its way.
import { useQuery } from "urql";
import { graphql } from "../graphql.ts";
import { MyDocuments } from "../ui/MyDocuments.tsx";
import { connectionOf, useMoreRows } from "../ui/more-rows.ts";
import { QueryState } from "../ui/states.tsx";

const StatementsQuery = graphql(`
  query MyStatements($after: String) {
    payoutStatements(first: 100, after: $after) {
      __typename
      ... on QueryPayoutStatementsSuccess {
        data {
          pageInfo { hasNextPage endCursor }
          edges { node { id status currency total lineCount periodEnd approvedAt paidAt payments { reference } } }
        }
      }
      ... on DomainError { message }
    }
  }
`);

export function PublisherStatements() {
  const [result, refetch] = useQuery({ query: StatementsQuery });
  const more = useMoreRows({
    first: connectionOf(result.data?.payoutStatements),
    query: StatementsQuery,
    variables: (after) => ({ after }),
    pick: (data) => connectionOf(data.payoutStatements),
  });
  return (
    <section>
      <h1>Statements</h1>
      <QueryState {...result} retry={() => refetch({ requestPolicy: "network-only" })}>
        {(data) => (
          <MyDocuments answer={data.payoutStatements} more={more} noun="statements" path="/statements" />
        )}
      </QueryState>
    </section>
  );
}
