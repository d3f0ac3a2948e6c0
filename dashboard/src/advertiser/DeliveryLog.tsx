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

export const OUTCOME_WORDS: Record<Attempt["outcome"], string> = {
  DELIVERED: "Delivered",
  REFUSED: "Refused by the CRM",
  RETRYING: "Failed, will retry",
  FAILED: "Failed",
};
const OUTCOME_TONE: Record<Attempt["outcome"], string> = {
  DELIVERED: "approved",
  REFUSED: "rejected",
  RETRYING: "pending",
  FAILED: "rejected",
};

export function OutcomeBadge({ attempt }: { attempt: Pick<Attempt, "outcome"> }) {
  return <Badge tone={OUTCOME_TONE[attempt.outcome]}>{OUTCOME_WORDS[attempt.outcome]}</Badge>;
}

/** One sentence of what happened: the CRM's status and reason, or why nothing came back. */
export function attemptSummary(attempt: Attempt): string {
  const email = attempt.destination.kind === "EMAIL";
  const who = email ? "the mail server" : "your CRM";
  const answer = attempt.responseStatus
    ? `${who} answered ${attempt.responseStatus}`
    : `${who} gave no answer`;
  const why = attempt.error ?? answer;
  switch (attempt.outcome) {
    case "REFUSED":
      return `${answer[0]?.toUpperCase()}${answer.slice(1)} and refused the lead: ${attempt.refusalReason ?? "no reason given"}.`;
    case "RETRYING":
      return `Not delivered (${why}); we try again shortly.`;
    case "FAILED":
      return `Not delivered (${why}); no further try. Fix the destination, then replay.`;
    default:
      return attempt.responseStatus ? `Delivered: ${answer}.` : "Delivered.";
  }
}

function headerLines(headers: unknown): string {
  if (typeof headers !== "object" || headers === null) return "";
  return Object.entries(headers as Record<string, unknown>)
    .map(([name, value]) => `${name}: ${String(value)}`)
    .join("\n");
}

/** The request we sent and the answer we got, as they were logged. */
export function Exchange({ attempt }: { attempt: Attempt }) {
  const headers = headerLines(attempt.requestHeaders);
  const answer =
    attempt.responseStatus !== null
      ? `${attempt.responseStatus}\n\n${attempt.responseBody ?? ""}`
      : (attempt.error ?? "No answer.");
  return (
    <details className="delivery-exchange">
      <summary>Request and answer</summary>
      <h4>We sent</h4>
      <pre data-testid="attempt-request">{`${attempt.destination.kind === "EMAIL" ? "" : "POST "}${attempt.requestUrl}${headers ? `\n${headers}` : ""}\n\n${attempt.requestBody}`}</pre>
      <h4>{attempt.destination.kind === "EMAIL" ? "The mail server answered" : "Your CRM answered"}</h4>
      <pre data-testid="attempt-response">{answer}</pre>
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
        ? `Sent again: ${attempt.test ? "the test lead" : "the lead"} goes to ${attempt.destination.name} in a moment; the new attempt shows at the top.`
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
    // On the lead's own page every row is that lead.
    ...(props.conversionId
      ? []
      : [
          {
            id: "lead",
            header: "Lead",
            cell: (a: Attempt) =>
              a.test ? (
                <Badge tone="draft">test lead</Badge>
              ) : a.conversionId ? (
                <Link to={`/leads/${a.conversionId}`}>Open lead</Link>
              ) : (
                "—"
              ),
          },
        ]),
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
