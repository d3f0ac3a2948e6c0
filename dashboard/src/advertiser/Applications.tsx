// Publishers' applications to the advertiser's offers: approve, reject or block each, with a reason
// the publisher reads (asked for in a dialog, checked by the API's rule first), and lift a block
// placed by this advertiser.
import { reasonForm } from "@leadrail/db/decision-reasons";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql, type ResultOf, type VariablesOf } from "../graphql.ts";
import { Badge, StatusBadge } from "../ui/Badge.tsx";
import { type Column, DataTable } from "../ui/DataTable.tsx";
import { formatDate } from "../ui/format.ts";
import { useMoreRows } from "../ui/more-rows.ts";
import { outcomeOf } from "../ui/result.ts";
import { DecisionReasonDialog, type Refusal, refusalOf } from "./DecisionReasonDialog.tsx";

const ApplicationsQuery = graphql(`
  query Applications($filter: ApplicationFilter, $after: String) {
    applications(first: 100, after: $after, filter: $filter) {
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id status message createdAt decidedAt decisionReason blockedAt
          offer { id name }
          publisher { id name }
        }
      }
    }
  }
`);

const DecideMutation = graphql(`
  mutation DecideApplication($id: ID!, $decision: ApplicationDecision!, $reason: String) {
    decideApplication(id: $id, decision: $decision, reason: $reason) {
      __typename
      ... on MutationDecideApplicationSuccess { data { id status } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

const BlockMutation = graphql(`
  mutation BlockPublisherFromOffer($offerId: ID!, $publisherId: ID!, $reason: String!) {
    blockPublisherFromOffer(offerId: $offerId, publisherId: $publisherId, reason: $reason) {
      __typename
      ... on MutationBlockPublisherFromOfferSuccess { data { id blockedAt } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

const UnblockMutation = graphql(`
  mutation UnblockPublisherFromOffer($offerId: ID!, $publisherId: ID!) {
    unblockPublisherFromOffer(offerId: $offerId, publisherId: $publisherId) {
      __typename
      ... on MutationUnblockPublisherFromOfferSuccess { data { id blockedAt } }
      ... on DomainError { message }
    }
  }
`);

type Status = NonNullable<NonNullable<VariablesOf<typeof ApplicationsQuery>["filter"]>["status"]>;
type Row = ResultOf<typeof ApplicationsQuery>["applications"]["edges"][number]["node"];
type Pending = { row: Row; action: "APPROVED" | "REJECTED" | "BLOCK" };

const ACTION_WORDS = {
  APPROVED: { title: "Approve", button: "Approve", done: "approved", model: reasonForm("application") },
  REJECTED: { title: "Reject", button: "Reject", done: "rejected", model: reasonForm("application") },
  BLOCK: {
    title: "Block",
    button: "Block",
    done: "blocked",
    model: reasonForm("block", "say why you block this publisher; they will read it"),
  },
} as const;

export function Applications() {
  const [status, setStatus] = useState<Status | "">("APPLIED");
  const filter = status ? { status } : {};
  const [result, refetch] = useQuery({ query: ApplicationsQuery, variables: { filter } });
  const more = useMoreRows({
    first: result.data?.applications,
    query: ApplicationsQuery,
    variables: (after) => ({ filter, after }),
    pick: (data) => data.applications,
  });
  const [deciding, decide] = useMutation(DecideMutation);
  const [blocking, block] = useMutation(BlockMutation);
  const [unblocking, unblock] = useMutation(UnblockMutation);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const busy = deciding.fetching || blocking.fetching || unblocking.fetching;

  /** Runs the asked action; answers the API's refusal (the dialog shows it) or null once done. */
  async function run({ row, action }: Pending, reason: string | null): Promise<Refusal | null> {
    const refusal =
      action === "BLOCK"
        ? refusalOf(
            await block({ offerId: row.offer.id, publisherId: row.publisher.id, reason: reason ?? "" }),
            "blockPublisherFromOffer",
          )
        : refusalOf(await decide({ id: row.id, decision: action, reason }), "decideApplication");
    if (refusal) return refusal;
    setPending(null);
    setMessage(`${row.publisher.name} on ${row.offer.name}: ${ACTION_WORDS[action].done}.`);
    refetch({ requestPolicy: "network-only" });
    return null;
  }

  async function onUnblock(row: Row) {
    const outcome = outcomeOf(
      await unblock({ offerId: row.offer.id, publisherId: row.publisher.id }),
      "unblockPublisherFromOffer",
    );
    setMessage(outcome.ok ? `${row.publisher.name} on ${row.offer.name}: unblocked.` : outcome.message);
    refetch({ requestPolicy: "network-only" });
  }

  const columns: Column<Row>[] = [
    {
      id: "publisher",
      header: "Publisher",
      sortValue: (r) => r.publisher.name,
      cell: (r) => r.publisher.name,
    },
    { id: "offer", header: "Offer", sortValue: (r) => r.offer.name, cell: (r) => r.offer.name },
    { id: "message", header: "Their note", cell: (r) => r.message || <span className="muted">—</span> },
    { id: "applied", header: "Applied", sortValue: (r) => r.createdAt, cell: (r) => formatDate(r.createdAt) },
    {
      id: "status",
      header: "Status",
      sortValue: (r) => (r.blockedAt ? "BLOCKED" : r.status),
      cell: (r) => (
        <>
          {r.blockedAt ? <Badge tone="rejected">blocked</Badge> : <StatusBadge status={r.status} />}
          {r.decisionReason ? <div className="muted">{r.decisionReason}</div> : null}
        </>
      ),
    },
    {
      id: "actions",
      header: <span className="visually-hidden">Actions</span>,
      cell: (r) => {
        const who = `${r.publisher.name} on ${r.offer.name}`;
        if (r.blockedAt) {
          return (
            <button type="button" className="secondary" disabled={busy} onClick={() => onUnblock(r)}>
              Unblock<span className="visually-hidden"> {who}</span>
            </button>
          );
        }
        return (
          <span className="actions">
            {r.status !== "APPROVED" ? (
              <button
                type="button"
                disabled={busy}
                onClick={() => setPending({ row: r, action: "APPROVED" })}
              >
                Approve<span className="visually-hidden"> {who}</span>
              </button>
            ) : null}
            {r.status !== "REJECTED" ? (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => setPending({ row: r, action: "REJECTED" })}
              >
                Reject<span className="visually-hidden"> {who}</span>
              </button>
            ) : null}
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => setPending({ row: r, action: "BLOCK" })}
            >
              Block<span className="visually-hidden"> {who}</span>
            </button>
          </span>
        );
      },
    },
  ];

  const words = pending ? ACTION_WORDS[pending.action] : null;
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
      <DataTable
        label="Applications"
        columns={columns}
        rows={more.rows}
        rowKey={(r) => r.id}
        rowData={(r) => ({ "data-application-id": r.id })}
        fetching={result.fetching || more.loading}
        error={result.error ?? more.error ?? undefined}
        hasMore={more.hasMore}
        onLoadMore={more.loadMore}
        retry={() => refetch({ requestPolicy: "network-only" })}
        empty="No applications here."
      />
      {pending && words ? (
        <DecisionReasonDialog
          title={`${words.title} ${pending.row.publisher.name}?`}
          description={
            pending.action === "BLOCK"
              ? `${pending.row.publisher.name} stops running ${pending.row.offer.name} at once: its clicks and conversions are refused.`
              : `On ${pending.row.offer.name}.`
          }
          label={`Reason${pending.action === "BLOCK" ? "" : " (optional)"}, shown to the publisher`}
          model={words.model}
          submitLabel={words.button}
          danger={pending.action !== "APPROVED"}
          busy={busy}
          send={(reason) => run(pending, reason)}
          onClose={() => setPending(null)}
        />
      ) : null}
    </section>
  );
}
