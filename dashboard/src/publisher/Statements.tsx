// A publisher's payout statements: what was paid, what is on its way.
import { useQuery } from "urql";
import { graphql } from "../graphql.ts";
import { MyDocuments } from "../ui/MyDocuments.tsx";
import { QueryState } from "../ui/states.tsx";

const StatementsQuery = graphql(`
  query MyStatements {
    payoutStatements(first: 100) {
      __typename
      ... on QueryPayoutStatementsSuccess {
        data { edges { node { id status currency total lineCount periodEnd approvedAt paidAt payments { reference } } } }
      }
      ... on DomainError { message }
    }
  }
`);

export function PublisherStatements() {
  const [result, refetch] = useQuery({ query: StatementsQuery });
  return (
    <section>
      <h1>Statements</h1>
      <QueryState {...result} retry={() => refetch({ requestPolicy: "network-only" })}>
        {(data) => <MyDocuments answer={data.payoutStatements} noun="statements" path="/statements" />}
      </QueryState>
    </section>
  );
}
