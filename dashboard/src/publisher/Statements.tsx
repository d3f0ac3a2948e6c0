// A publisher's payout statements: what was paid, what is on its way.
import { useQuery } from "urql";
import { graphql } from "../graphql.ts";
import { formatMinor } from "../money.ts";
import { StatusBadge } from "../ui/Badge.tsx";
import { formatDate } from "../ui/dates.ts";
import { ErrorState, QueryState } from "../ui/states.tsx";

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
        {(data) => {
          const answer = data.payoutStatements;
          if (answer.__typename === "DomainError") return <ErrorState error={answer.message} />;
          if (answer.data.edges.length === 0) return <p className="state empty">No statements yet.</p>;
          return (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>#</th>
                    <th>Period end</th>
                    <th>Status</th>
                    <th className="num">Lines</th>
                    <th className="num">Total</th>
                    <th>Paid</th>
                    <th>Reference</th>
                  </tr>
                </thead>
                <tbody>
                  {answer.data.edges.map(({ node }) => (
                    <tr key={node.id}>
                      <td>{node.id}</td>
                      <td>{formatDate(node.periodEnd)}</td>
                      <td>
                        <StatusBadge status={node.status} />
                      </td>
                      <td className="num">{node.lineCount}</td>
                      <td className="num">{formatMinor(node.total, node.currency)}</td>
                      <td>{formatDate(node.paidAt)}</td>
                      <td>{node.payments.map((p) => p.reference).join(", ") || "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}
