// Publishers' applications to the advertiser's offers: approve or reject the ones waiting.
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql, type VariablesOf } from "../graphql.ts";
import { StatusBadge } from "../ui/Badge.tsx";
import { formatDate } from "../ui/format.ts";
import { outcomeOf } from "../ui/result.ts";
import { QueryState } from "../ui/states.tsx";

const ApplicationsQuery = graphql(`
  query Applications($filter: ApplicationFilter) {
    applications(first: 100, filter: $filter) {
      edges { node { id status message createdAt decidedAt decisionReason offer { id name } publisher { id name } } }
    }
  }
`);

const DecideMutation = graphql(`
  mutation DecideApplication($id: ID!, $decision: ApplicationDecision!, $reason: String) {
    decideApplication(id: $id, decision: $decision, reason: $reason) {
      __typename
      ... on MutationDecideApplicationSuccess { data { id status } }
      ... on DomainError { message }
    }
  }
`);

type Status = NonNullable<NonNullable<VariablesOf<typeof ApplicationsQuery>["filter"]>["status"]>;

export function Applications() {
  const [status, setStatus] = useState<Status | "">("APPLIED");
  const [result, refetch] = useQuery({
    query: ApplicationsQuery,
    variables: { filter: status ? { status } : {} },
  });
  const [deciding, decide] = useMutation(DecideMutation);
  const [message, setMessage] = useState<string | null>(null);

  async function onDecide(id: string, decision: "APPROVED" | "REJECTED") {
    const outcome = outcomeOf<{ status: string }>(await decide({ id, decision }), "decideApplication");
    setMessage(outcome.ok ? `Application ${outcome.data.status.toLowerCase()}.` : outcome.message);
    refetch({ requestPolicy: "network-only" });
  }

  return (
    <section>
      <h1>Applications</h1>
      <label className="inline">
        Status{" "}
        <select value={status} onChange={(event) => setStatus(event.target.value as Status | "")}>
          <option value="APPLIED">waiting</option>
          <option value="APPROVED">approved</option>
          <option value="REJECTED">rejected</option>
          <option value="">any</option>
        </select>
      </label>
      {message ? (
        <p role="status" className="notice">
          {message}
        </p>
      ) : null}
      <QueryState
        {...result}
        retry={() => refetch({ requestPolicy: "network-only" })}
        isEmpty={(d) => d.applications.edges.length === 0}
        empty="No applications here."
      >
        {(data) => (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Publisher</th>
                  <th>Offer</th>
                  <th>Message</th>
                  <th>Applied</th>
                  <th>Status</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.applications.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>{node.publisher.name}</td>
                    <td>{node.offer.name}</td>
                    <td>{node.message || <span className="muted">—</span>}</td>
                    <td>{formatDate(node.createdAt)}</td>
                    <td>
                      <StatusBadge status={node.status} />
                    </td>
                    <td className="actions">
                      {node.status !== "APPROVED" ? (
                        <button
                          type="button"
                          disabled={deciding.fetching}
                          onClick={() => onDecide(node.id, "APPROVED")}
                        >
                          Approve
                        </button>
                      ) : null}
                      {node.status !== "REJECTED" ? (
                        <button
                          type="button"
                          className="danger"
                          disabled={deciding.fetching}
                          onClick={() => onDecide(node.id, "REJECTED")}
                        >
                          Reject
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </section>
  );
}
