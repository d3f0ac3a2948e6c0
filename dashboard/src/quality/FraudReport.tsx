// The fraud report: per publisher and offer over the last 30 days, the share of bot and velocity
// clicks, duplicate leads, too-fast conversions and rejections. Admins can block a publisher from an
// offer from here (the tracker then refuses its clicks and conversions on that offer); a row whose
// publisher is blocked already says since when instead of offering the button again.
import { useMemo, useState } from "react";
import { useMutation, useQuery } from "urql";
import { useMe } from "../app/me.ts";
import { graphql } from "../graphql.ts";
import { formatDate, formatPercent } from "../ui/format.ts";
import { outcomeOf } from "../ui/result.ts";
import { QueryState } from "../ui/states.tsx";

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

  async function onBlock(offerId: string, publisherId: string, publisherName: string) {
    const reason = window.prompt(`Why block ${publisherName} from this offer?`, "fraudulent traffic");
    if (!reason) return;
    const outcome = outcomeOf(await block({ offerId, publisherId, reason }), "blockPublisherFromOffer");
    setMessage(outcome.ok ? `${publisherName} is blocked from the offer.` : outcome.message);
    refetch({ requestPolicy: "network-only" });
  }

  return (
    <section>
      <h1>Fraud report</h1>
      <p className="muted">Last {DAYS} days, per publisher and offer.</p>
      {message ? (
        <p role="status" className="notice">
          {message}
        </p>
      ) : null}
      <QueryState
        {...result}
        retry={() => refetch({ requestPolicy: "network-only" })}
        isEmpty={(d) => d.fraudReport.length === 0}
        empty="No traffic in this period."
      >
        {(data) => (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Publisher</th>
                  <th>Offer</th>
                  <th className="num">Clicks</th>
                  <th className="num">Bots</th>
                  <th className="num">Velocity</th>
                  <th className="num">Leads</th>
                  <th className="num">Duplicates</th>
                  <th className="num">Too fast</th>
                  <th className="num">Rejected</th>
                  <th className="num">Held</th>
                  {admin ? <th /> : null}
                </tr>
              </thead>
              <tbody>
                {data.fraudReport.map((row) => (
                  <tr
                    key={`${row.publisherId}-${row.offerId}`}
                    data-fraud-row={`${row.publisherId}-${row.offerId}`}
                  >
                    <td>{row.publisherName}</td>
                    <td>{row.offerName}</td>
                    <td className="num">{row.clicks}</td>
                    <td className="num">
                      <Share value={row.botClickShare} warnAt={0.2} />
                    </td>
                    <td className="num">
                      <Share value={row.velocityClickShare} warnAt={0.1} />
                    </td>
                    <td className="num">{row.conversions}</td>
                    <td className="num">
                      <Share value={row.duplicateLeadShare} warnAt={0.1} />
                    </td>
                    <td className="num">
                      <Share value={row.fastConversionShare} warnAt={0.1} />
                    </td>
                    <td className="num">
                      <Share value={row.rejectionRate} warnAt={0.3} />
                    </td>
                    <td className="num">{row.heldLeads}</td>
                    {admin ? (
                      <td className="actions">
                        {row.blockedAt ? (
                          <span className="muted" title={row.blockReason ?? ""} data-testid="blocked">
                            Blocked {formatDate(row.blockedAt)}
                          </span>
                        ) : (
                          <button
                            type="button"
                            className="danger"
                            disabled={blocking.fetching}
                            onClick={() => onBlock(row.offerId, row.publisherId, row.publisherName)}
                          >
                            Block
                          </button>
                        )}
                      </td>
                    ) : null}
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
