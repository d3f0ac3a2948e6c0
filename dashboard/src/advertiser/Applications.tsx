// Publishers' applications to the advertiser's offers: approve, reject or block each, with a reason
// the publisher reads (asked for in a dialog), and lift a block placed by this advertiser.
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql, type ResultOf, type VariablesOf } from "../graphql.ts";
import { Badge, StatusBadge } from "../ui/Badge.tsx";
import { ConfirmDialog } from "../ui/ConfirmDialog.tsx";
import { type Column, DataTable } from "../ui/DataTable.tsx";
import { formatDate } from "../ui/format.ts";
import { outcomeOf } from "../ui/result.ts";

const ApplicationsQuery = graphql(`
  query Applications($filter: ApplicationFilter) {
    applications(first: 100, filter: $filter) {
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
      ... on DomainError { message }
    }
  }
`);

const BlockMutation = graphql(`
  mutation BlockPublisherFromOffer($offerId: ID!, $publisherId: ID!, $reason: String!) {
    blockPublisherFromOffer(offerId: $offerId, publisherId: $publisherId, reason: $reason) {
      __typename
      ... on MutationBlockPublisherFromOfferSuccess { data { id blockedAt } }
      ... on DomainError { message }
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
  APPROVED: { title: "Approve", button: "Approve", done: "approved", required: false },
  REJECTED: { title: "Reject", button: "Reject", done: "rejected", required: false },
  BLOCK: { title: "Block", button: "Block", done: "blocked", required: true },
} as const;

export function Applications() {
  const [status, setStatus] = useState<Status | "">("APPLIED");
  const [result, refetch] = useQuery({
    query: ApplicationsQuery,
    variables: { filter: status ? { status } : {} },
  });
  const [deciding, decide] = useMutation(DecideMutation);
  const [blocking, block] = useMutation(BlockMutation);
  const [unblocking, unblock] = useMutation(UnblockMutation);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const busy = deciding.fetching || blocking.fetching || unblocking.fetching;

  function ask(row: Row, action: Pending["action"]) {
    setReason("");
    setReasonError(null);
    setPending({ row, action });
  }

  /** Runs the asked action; false keeps the dialog open when the reason it needs is missing. */
  function confirmPending(): boolean {
    if (!pending) return true;
    const text = reason.trim();
    if (ACTION_WORDS[pending.action].required && !text) {
      setReasonError("Reason: say why you block this publisher; they will read it.");
      return false;
    }
    void run(pending, text);
    return true;
  }

  async function run({ row, action }: Pending, text: string) {
    const who = `${row.publisher.name} on ${row.offer.name}`;
    const outcome =
      action === "BLOCK"
        ? outcomeOf(
            await block({ offerId: row.offer.id, publisherId: row.publisher.id, reason: text }),
            "blockPublisherFromOffer",
          )
        : outcomeOf(
            await decide({ id: row.id, decision: action, reason: text || null }),
            "decideApplication",
          );
    setMessage(outcome.ok ? `${who}: ${ACTION_WORDS[action].done}.` : outcome.message);
    refetch({ requestPolicy: "network-only" });
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
              <button type="button" disabled={busy} onClick={() => ask(r, "APPROVED")}>
                Approve<span className="visually-hidden"> {who}</span>
              </button>
            ) : null}
            {r.status !== "REJECTED" ? (
              <button type="button" className="secondary" disabled={busy} onClick={() => ask(r, "REJECTED")}>
                Reject<span className="visually-hidden"> {who}</span>
              </button>
            ) : null}
            <button type="button" className="danger" disabled={busy} onClick={() => ask(r, "BLOCK")}>
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
        rows={result.data?.applications.edges.map((e) => e.node)}
        rowKey={(r) => r.id}
        rowData={(r) => ({ "data-application-id": r.id })}
        fetching={result.fetching}
        error={result.error}
        retry={() => refetch({ requestPolicy: "network-only" })}
        empty="No applications here."
      />
      <ConfirmDialog
        open={pending !== null}
        title={pending && words ? `${words.title} ${pending.row.publisher.name}?` : ""}
        confirmLabel={words?.button ?? "OK"}
        danger={pending?.action !== "APPROVED"}
        onConfirm={confirmPending}
        onClose={() => setPending(null)}
      >
        {pending ? (
          <div className="field">
            <p>
              {pending.action === "BLOCK"
                ? `${pending.row.publisher.name} stops running ${pending.row.offer.name} at once: its clicks and conversions are refused.`
                : `On ${pending.row.offer.name}.`}
            </p>
            <label htmlFor="decision-reason">
              Reason{words?.required ? "" : " (optional)"}, shown to the publisher
            </label>
            <textarea
              id="decision-reason"
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? "decision-reason-error" : undefined}
            />
            {reasonError ? (
              <span id="decision-reason-error" className="field-error">
                {reasonError}
              </span>
            ) : null}
          </div>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
