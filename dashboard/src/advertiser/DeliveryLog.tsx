// The attempt log of lead deliveries: per destination on the delivery screen, per lead on the lead page.
// Each row shows what we sent and what the CRM answered (expandable), and "Replay" sends that lead to
// that destination again through the outbox.
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { useMutation, useQuery } from "urql";
import { Badge } from "../ui/Badge.tsx";
import { type Column, DataTable } from "../ui/DataTable.tsx";
import { formatDateTime } from "../ui/format.ts";
import { outcomeOf } from "../ui/result.ts";
import { type Attempt, AttemptLogQuery, ReplayMutation } from "./delivery-operations.ts";

export const OUTCOME_WORDS: Record<string, string> = {
  delivered: "Delivered",
  refused: "Refused by the CRM",
  failed: "Failed",
};
const OUTCOME_TONE: Record<string, string> = { delivered: "approved", refused: "rejected", failed: "pending" };

export function OutcomeBadge({ attempt }: { attempt: Pick<Attempt, "outcome"> }) {
  return (
    <Badge tone={OUTCOME_TONE[attempt.outcome] ?? "pending"}>
      {OUTCOME_WORDS[attempt.outcome] ?? attempt.outcome}
    </Badge>
  );
}

/** One sentence of what happened: the CRM's status and reason, or why nothing came back. */
export function attemptSummary(attempt: Attempt): string {
  const answer = attempt.httpStatus ? `answered ${attempt.httpStatus}` : "gave no answer";
  if (attempt.outcome === "refused")
    return `Your CRM ${answer} and refused the lead: ${attempt.refusalReason ?? "no reason given"}.`;
  if (attempt.outcome === "failed")
    return `Not delivered: ${attempt.error ?? `your CRM ${answer}`}. We try again later.`;
  return attempt.httpStatus ? `Delivered: your CRM ${answer}.` : "Delivered.";
}

function pretty(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

/** The request we sent and the answer we got, as they were logged (secrets are never logged). */
export function Exchange({ attempt }: { attempt: Attempt }) {
  return (
    <details className="delivery-exchange">
      <summary>Request and answer</summary>
      <h4>We sent</h4>
      <pre>{pretty(attempt.request)}</pre>
      <h4>Your CRM answered</h4>
      <pre>{pretty(attempt.response ?? attempt.error)}</pre>
    </details>
  );
}

export function DeliveryLog(props: {
  label: string;
  destinationId?: string;
  conversionId?: string;
  /** Changes when the log should be read again (a test send or replay was queued). */
  refreshKey?: number;
  empty: string;
  /** Show which destination each row went to (the lead page). */
  showDestination?: boolean;
  canReplay: boolean;
}) {
  const [after, setAfter] = useState<string | undefined>(undefined);
  const [rows, setRows] = useState<Attempt[] | undefined>(undefined);
  const [note, setNote] = useState<string | null>(null);
  const variables = {
    ...(props.destinationId ? { destinationId: props.destinationId } : {}),
    ...(props.conversionId ? { conversionId: props.conversionId } : {}),
    after,
  };
  const [result, refetch] = useQuery({ query: AttemptLogQuery, variables });
  const [replaying, replay] = useMutation(ReplayMutation);

  useEffect(() => {
    const page = result.data?.leadDeliveryAttempts.edges.map((e) => e.node);
    if (!page) return;
    setRows((current) => {
      if (!after || !current) return page;
      const seen = new Set(current.map((r) => r.id));
      return [...current, ...page.filter((r) => !seen.has(r.id))];
    });
  }, [result.data, after]);

  // A queued send shows up once the tracker's worker has made the attempt: read the newest page again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is the trigger, not a value used
  useEffect(() => {
    if (!props.refreshKey) return;
    setAfter(undefined);
    refetch({ requestPolicy: "network-only" });
  }, [props.refreshKey]);

  async function onReplay(attempt: Attempt) {
    const outcome = outcomeOf<string>(await replay({ attemptId: attempt.id }), "replayLeadDelivery");
    setNote(
      outcome.ok
        ? `Queued again: ${attempt.test ? "the test lead" : "the lead"} goes to ${attempt.destination.name} in a moment.`
        : outcome.message,
    );
    if (outcome.ok) {
      // The new attempt appears once the worker has sent it; poll a few times.
      for (const wait of [500, 1000, 2000, 3000]) {
        setTimeout(() => {
          setAfter(undefined);
          refetch({ requestPolicy: "network-only" });
        }, wait);
      }
    }
  }

  const columns: Column<Attempt>[] = [
    { id: "when", header: "When", sortValue: (a) => a.createdAt, cell: (a) => formatDateTime(a.createdAt) },
    ...(props.showDestination
      ? [{ id: "destination", header: "Destination", cell: (a: Attempt) => a.destination.name }]
      : []),
    {
      id: "lead",
      header: "Lead",
      cell: (a) =>
        a.test ? (
          <Badge tone="draft">test lead</Badge>
        ) : a.conversionId && !props.conversionId ? (
          <Link to={`/leads/${a.conversionId}`}>Open lead</Link>
        ) : (
          "this lead"
        ),
    },
    { id: "attempt", header: "Attempt", numeric: true, cell: (a) => a.attempt },
    {
      id: "outcome",
      header: "Outcome",
      sortValue: (a) => a.outcome,
      cell: (a) => (
        <>
          <OutcomeBadge attempt={a} />
          <div className="muted">{attemptSummary(a)}</div>
        </>
      ),
    },
    {
      id: "duration",
      header: "Took",
      numeric: true,
      cell: (a) => (a.durationMs === null ? "—" : `${a.durationMs} ms`),
    },
    { id: "exchange", header: "Request and answer", cell: (a) => <Exchange attempt={a} /> },
    ...(props.canReplay
      ? [
          {
            id: "replay",
            header: <span className="visually-hidden">Actions</span>,
            cell: (a: Attempt) => (
              <button
                type="button"
                className="secondary"
                disabled={replaying.fetching}
                onClick={() => void onReplay(a)}
                aria-label={`Replay attempt of ${formatDateTime(a.createdAt)} to ${a.destination.name}`}
              >
                Replay
              </button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      {note ? (
        <p role="status" className="notice">
          {note}
        </p>
      ) : null}
      <DataTable
        label={props.label}
        columns={columns}
        rows={rows}
        rowKey={(a) => a.id}
        rowData={(a) => ({ "data-attempt-id": a.id })}
        fetching={result.fetching}
        error={result.error}
        retry={() => refetch({ requestPolicy: "network-only" })}
        empty={props.empty}
        hasMore={result.data?.leadDeliveryAttempts.pageInfo.hasNextPage ?? false}
        onLoadMore={() => setAfter(result.data?.leadDeliveryAttempts.pageInfo.endCursor ?? undefined)}
      />
    </>
  );
}
