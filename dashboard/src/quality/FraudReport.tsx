// The fraud report: per publisher and offer over the last 30 days, the share of bot and velocity
// clicks, duplicate leads, too-fast conversions and rejections. Admins can block a publisher from an
// offer from here (the tracker then refuses its clicks and conversions on that offer); a row whose
// publisher is blocked already says since when instead of offering the button again. Blocking asks for
// its reason in a dialog (required, Esc cancels, focus goes back to the row's button).
import { useMemo, useState } from "react";
import { useMutation, useQuery } from "urql";
import { useMe } from "../app/me.ts";
import { graphql } from "../graphql.ts";
import { type Column, DataTable } from "../ui/DataTable.tsx";
import { ReasonDialog } from "../ui/Dialog.tsx";
import { formatDate, formatNumber, formatPercent } from "../ui/format.ts";
import { outcomeOf } from "../ui/result.ts";
import { ErrorState } from "../ui/states.tsx";

const FraudReportQuery = graphql(`
  query FraudReport($from: DateTime!, $to: DateTime!, $admin: Boolean!) {
    fraudReport(from: $from, to: $to) {
      offerId offerName publisherId publisherName clicks botClicks botClickShare velocityClicks
      velocityClickShare conversions duplicateLeads duplicateLeadShare fastConversions fastConversionShare
      rejectedConversions rejectionRate heldLeads
      blockedAt @include(if: $admin)
      blockReason @include(if: $admin)
    }
  }
`);

const BlockMutation = graphql(`
  mutation BlockPublisher($offerId: ID!, $publisherId: ID!, $reason: String!) {
    blockPublisherFromOffer(offerId: $offerId, publisherId: $publisherId, reason: $reason) {
      __typename
      ... on MutationBlockPublisherFromOfferSuccess { data { id blockedAt } }
      ... on DomainError { message }
    }
  }
`);

const DAYS = 30;

function percent(share: number): string {
  return formatPercent(share, 1);
}

/** Shares worth a second look get the warning colour; the thresholds are a reading aid, not a rule. */
function Share({ value, warnAt }: { value: number; warnAt: number }) {
  return <span className={value >= warnAt ? "badge badge-warning" : undefined}>{percent(value)}</span>;
}

export function FraudReport() {
  const me = useMe();
  const admin = me.role === "ADMIN";
  // The block state is admin-only in the API: other roles do not ask for it.
  const variables = useMemo(() => {
    const to = new Date();
    return { from: new Date(to.getTime() - DAYS * 86_400_000).toISOString(), to: to.toISOString(), admin };
  }, [admin]);
  const [result, refetch] = useQuery({ query: FraudReportQuery, variables });
  const [blocking, block] = useMutation(BlockMutation);
  const [message, setMessage] = useState<string | null>(null);
  const [target, setTarget] = useState<{
    offerId: string;
    publisherId: string;
    publisherName: string;
    offerName: string;
  } | null>(null);
  const [blockError, setBlockError] = useState<string | null>(null);

  async function onBlock(reason: string) {
    if (!target) return;
    const outcome = outcomeOf(
      await block({ offerId: target.offerId, publisherId: target.publisherId, reason }),
      "blockPublisherFromOffer",
    );
    if (!outcome.ok) {
      setBlockError(outcome.message);
      return;
    }
    setTarget(null);
    setMessage(`${target.publisherName} is blocked from the offer.`);
    refetch({ requestPolicy: "network-only" });
  }

  type Row = NonNullable<typeof result.data>["fraudReport"][number];
  // Stable columns: a cell re-created on every render would remount the Block button, and the dialog
  // could not give focus back to it.
  const columns = useMemo(() => {
    const share = (id: string, header: string, value: (row: Row) => number, warnAt: number): Column<Row> => ({
      id,
      header,
      numeric: true,
      sortValue: value,
      cell: (row: Row) => <Share value={value(row)} warnAt={warnAt} />,
    });
    const list: Column<Row>[] = [
      {
        id: "publisher",
        header: "Publisher",
        sortValue: (r) => r.publisherName,
        cell: (r) => r.publisherName,
      },
      { id: "offer", header: "Offer", sortValue: (r) => r.offerName, cell: (r) => r.offerName },
      {
        id: "clicks",
        header: "Clicks",
        numeric: true,
        sortValue: (r) => r.clicks,
        cell: (r) => formatNumber(r.clicks),
      },
      share("bots", "Bots", (r) => r.botClickShare, 0.2),
      share("velocity", "Velocity", (r) => r.velocityClickShare, 0.1),
      {
        id: "leads",
        header: "Leads",
        numeric: true,
        sortValue: (r) => r.conversions,
        cell: (r) => formatNumber(r.conversions),
      },
      share("duplicates", "Duplicates", (r) => r.duplicateLeadShare, 0.1),
      share("fast", "Too fast", (r) => r.fastConversionShare, 0.1),
      share("rejected", "Rejected", (r) => r.rejectionRate, 0.3),
      {
        id: "held",
        header: "Held",
        numeric: true,
        sortValue: (r) => r.heldLeads,
        cell: (r) => formatNumber(r.heldLeads),
      },
      ...(admin
        ? [
            {
              id: "block",
              header: "Block",
              cell: (row: Row) =>
                row.blockedAt ? (
                  <span className="muted" title={row.blockReason ?? ""} data-testid="blocked">
                    Blocked {formatDate(row.blockedAt)}
                  </span>
                ) : (
                  <button
                    type="button"
                    className="danger"
                    aria-label={`Block ${row.publisherName} from ${row.offerName}`}
                    disabled={blocking.fetching}
                    onClick={() => {
                      setBlockError(null);
                      setTarget(row);
                    }}
                  >
                    Block
                  </button>
                ),
            },
          ]
        : []),
    ];
    return list;
  }, [admin, blocking.fetching]);

  return (
    <section>
      <h1>Fraud report</h1>
      <p className="muted">Last {DAYS} days, per publisher and offer.</p>
      {message ? (
        <p role="status" className="notice">
          {message}
        </p>
      ) : null}
      {result.error && !result.data ? (
        <ErrorState error={result.error} retry={() => refetch({ requestPolicy: "network-only" })} />
      ) : (
        <DataTable<Row>
          label="Fraud report"
          rows={result.data?.fraudReport}
          rowKey={(row) => `${row.publisherId}-${row.offerId}`}
          rowData={(row) => ({ "data-fraud-row": `${row.publisherId}-${row.offerId}` })}
          fetching={result.fetching}
          empty="No traffic in this period."
          initialSort={{ id: "clicks", desc: true }}
          pageSize={50}
          columns={columns}
        />
      )}
      {target ? (
        <ReasonDialog
          title={`Block ${target.publisherName} from ${target.offerName}`}
          label="Reason for the block"
          submitLabel="Block publisher"
          danger
          busy={blocking.fetching}
          error={blockError}
          description="The tracker then refuses this publisher's clicks and conversions on the offer."
          onSubmit={onBlock}
          onClose={() => setTarget(null)}
        />
      ) : null}
    </section>
  );
}
