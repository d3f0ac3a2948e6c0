// Admins: every publisher's application to every offer. Approve or reject one that waits (as the
// advertiser would), and block a publisher from an offer (a reason, in a dialog, checked by the API's
// rule first) or lift the block.
import { reasonForm } from "@leadrail/db/decision-reasons";
import { useMemo, useRef, useState } from "react";
import { useMutation, useQuery } from "urql";
import { DecisionReasonDialog, type Refusal, refusalOf } from "../advertiser/DecisionReasonDialog.tsx";
import { graphql } from "../graphql.ts";
import { Badge, StatusBadge } from "../ui/Badge.tsx";
import { type Column, DataTable } from "../ui/DataTable.tsx";
import { formatDate } from "../ui/format.ts";
import { useMoreRows } from "../ui/more-rows.ts";

const AllApplicationsQuery = graphql(`
  query AllApplications($filter: ApplicationFilter) {
    applications(first: 100, filter: $filter) {
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id status message createdAt decidedAt decisionReason blockedAt
          offer { id name } publisher { id name }
        }
      }
    }
  }
`);

// The pages after the first (Load more), with the same filter.
const MoreApplicationsQuery = graphql(`
  query AllApplicationsMore($filter: ApplicationFilter, $after: String!) {
    applications(first: 100, filter: $filter, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id status message createdAt decidedAt decisionReason blockedAt
          offer { id name } publisher { id name }
        }
      }
    }
  }
`);

const Decide = graphql(`
  mutation AdminDecideApplication($id: ID!, $decision: ApplicationDecision!, $reason: String) {
    result: decideApplication(id: $id, decision: $decision, reason: $reason) {
      __typename
      ... on MutationDecideApplicationSuccess { data { id status } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

const Block = graphql(`
  mutation AdminBlockPublisher($offerId: ID!, $publisherId: ID!, $reason: String!) {
    result: blockPublisherFromOffer(offerId: $offerId, publisherId: $publisherId, reason: $reason) {
      __typename
      ... on MutationBlockPublisherFromOfferSuccess { data { id blockedAt } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

const Unblock = graphql(`
  mutation AdminUnblockPublisher($offerId: ID!, $publisherId: ID!) {
    result: unblockPublisherFromOffer(offerId: $offerId, publisherId: $publisherId) {
      __typename
      ... on MutationUnblockPublisherFromOfferSuccess { data { id blockedAt } }
      ... on DomainError { message }
    }
  }
`);

type Status = "APPLIED" | "APPROVED" | "REJECTED";
const STATUSES: Status[] = ["APPLIED", "APPROVED", "REJECTED"];

interface Application {
  id: string;
  status: string;
  message: string;
  createdAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
  blockedAt: string | null;
  offer: { id: string; name: string };
  publisher: { id: string; name: string };
}

const label = (a: Application) => `${a.publisher.name} on ${a.offer.name}`;

type Pending = { application: Application; action: "reject" | "block" } | null;

// Admins give a reason for a rejection too (the API lets it be empty; the publisher should hear why).
const REJECT_REASON = reasonForm("application", "say why you reject this application; the publisher sees it");
const BLOCK_REASON = reasonForm("block", "say why you block this publisher; they will read it");

export function AllApplications() {
  const [status, setStatus] = useState<Status | "">("");
  const [result, refetch] = useQuery({
    query: AllApplicationsQuery,
    variables: { filter: status ? { status } : {} },
  });
  const reload = () => refetch({ requestPolicy: "network-only" });
  const applications = useMoreRows({
    first: result.data?.applications,
    query: MoreApplicationsQuery,
    variables: (after) => ({ filter: status ? { status } : {}, after }),
    pick: (data) => data.applications,
  });
  const [decideRun, decide] = useMutation(Decide);
  const [blockRun, block] = useMutation(Block);
  const [unblockRun, unblock] = useMutation(Unblock);
  const busy = decideRun.fetching || blockRun.fetching || unblockRun.fetching;
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState<Pending>(null);

  /** Answers the API's refusal when a dialog asked (it shows it at the reason), or null. */
  async function act(
    a: Application,
    action: "approve" | "reject" | "block" | "unblock",
    reason?: string | null,
  ): Promise<Refusal | null> {
    const ids = { offerId: a.offer.id, publisherId: a.publisher.id };
    const answer =
      action === "approve"
        ? await decide({ id: a.id, decision: "APPROVED", reason: null })
        : action === "reject"
          ? await decide({ id: a.id, decision: "REJECTED", reason: reason ?? null })
          : action === "block"
            ? await block({ ...ids, reason: reason ?? "" })
            : await unblock(ids);
    const refusal = refusalOf(answer, "result");
    if (refusal) {
      if (action === "reject" || action === "block") return refusal;
      setMessage({ ok: false, text: refusal.message });
      return null;
    }
    const done = { approve: "approved", reject: "rejected", block: "blocked", unblock: "unblocked" }[action];
    setPending(null);
    setMessage({ ok: true, text: `${label(a)}: ${done}.` });
    reload();
    return null;
  }
  // Stable columns (a remounted button could not take focus back from a dialog): the latest act via a ref.
  const actRef = useRef(act);
  actRef.current = act;

  const columns = useMemo<Column<Application>[]>(
    () => [
      {
        id: "publisher",
        header: "Publisher",
        sortValue: (a) => a.publisher.name,
        cell: (a) => a.publisher.name,
      },
      { id: "offer", header: "Offer", sortValue: (a) => a.offer.name, cell: (a) => a.offer.name },
      {
        id: "status",
        header: "Status",
        sortValue: (a) => a.status,
        cell: (a) => (
          <>
            <StatusBadge status={a.status} />{" "}
            {a.blockedAt ? <Badge tone="rejected">blocked {formatDate(a.blockedAt)}</Badge> : null}
          </>
        ),
      },
      {
        id: "applied",
        header: "Applied",
        sortValue: (a) => a.createdAt,
        cell: (a) => formatDate(a.createdAt),
      },
      {
        id: "decision",
        header: "Decision",
        sortValue: (a) => a.decidedAt,
        cell: (a) =>
          a.decidedAt ? `${formatDate(a.decidedAt)}${a.decisionReason ? ` · ${a.decisionReason}` : ""}` : "—",
      },
      {
        id: "actions",
        header: "Actions",
        cell: (a) => (
          <span className="actions">
            {a.status === "APPLIED" && !a.blockedAt ? (
              <>
                <button
                  type="button"
                  aria-label={`Approve ${label(a)}`}
                  disabled={busy}
                  onClick={() => actRef.current(a, "approve")}
                >
                  Approve
                </button>
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Reject ${label(a)}`}
                  onClick={() => setPending({ application: a, action: "reject" })}
                >
                  Reject…
                </button>
              </>
            ) : null}
            {a.blockedAt ? (
              <button
                type="button"
                className="secondary"
                aria-label={`Unblock ${label(a)}`}
                disabled={busy}
                onClick={() => actRef.current(a, "unblock")}
              >
                Unblock
              </button>
            ) : (
              <button
                type="button"
                className="danger"
                aria-label={`Block ${label(a)}`}
                onClick={() => setPending({ application: a, action: "block" })}
              >
                Block…
              </button>
            )}
          </span>
        ),
      },
    ],
    [busy],
  );

  return (
    <section>
      <h1>Applications</h1>
      <p className="muted">
        Every publisher's application to every offer: approve, reject or block on an advertiser's behalf.
      </p>
      <label className="inline">
        Status{" "}
        <select value={status} onChange={(event) => setStatus(event.target.value as Status | "")}>
          <option value="">All</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.charAt(0) + s.slice(1).toLowerCase()}
            </option>
          ))}
        </select>
      </label>
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "notice" : undefined}>
          {message.text}
        </p>
      ) : null}
      <DataTable<Application>
        label="Applications"
        rows={applications.rows}
        rowKey={(a) => a.id}
        rowData={(a) => ({ "data-application-id": a.id })}
        fetching={result.fetching || applications.loading}
        error={result.error ?? applications.error ?? undefined}
        hasMore={applications.hasMore}
        onLoadMore={applications.loadMore}
        retry={reload}
        empty="No applications in this view."
        columns={columns}
      />
      {pending ? (
        <DecisionReasonDialog
          title={`${pending.action === "block" ? "Block" : "Reject"} ${label(pending.application)}`}
          label={pending.action === "block" ? "Reason for the block" : "Reason for the rejection"}
          model={pending.action === "block" ? BLOCK_REASON : REJECT_REASON}
          submitLabel={pending.action === "block" ? "Block publisher" : "Reject application"}
          danger={pending.action === "block"}
          busy={busy}
          description={
            pending.action === "block"
              ? "The tracker then refuses this publisher's clicks and conversions on the offer."
              : "The publisher sees the reason."
          }
          send={(reason) => act(pending.application, pending.action, reason)}
          onClose={() => setPending(null)}
        />
      ) : null}
    </section>
  );
}
