// An advertiser's offers (every offer for admins): status, terms at a glance, link to the editor and to
// the offer's lead form, with a badge when its reward-code pool runs low.
import { useState } from "react";
import { Link } from "react-router";
import { useQuery } from "urql";
import { useMe } from "../app/me.ts";
import { graphql, type VariablesOf } from "../graphql.ts";
import { Badge, StatusBadge } from "../ui/Badge.tsx";
import { formatEnum } from "../ui/format.ts";
import { useMoreRows } from "../ui/more-rows.ts";
import { QueryState } from "../ui/states.tsx";

// The first page, and with `after` the next ones (Load more).
const OffersQuery = graphql(`
  query Offers($filter: OfferFilter, $after: String) {
    offers(first: 100, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id name status visibility payoutModel currency countries payoutShareBps revenueShareBps
          payout { formatted }
          revenue { formatted }
          advertiser { name }
          applications(status: APPLIED) { edges { cursor } }
          landingMode
          leadForm { id }
          leadMagnet { id kind active pool { left low } }
        }
      }
    }
  }
`);

type Status = NonNullable<NonNullable<VariablesOf<typeof OffersQuery>["filter"]>["status"]>;

export function Offers() {
  const me = useMe();
  const [status, setStatus] = useState<Status | "">("");
  const filter = status ? { status } : {};
  const [result, refetch] = useQuery({ query: OffersQuery, variables: { filter } });
  const offers = useMoreRows({
    first: result.data?.offers,
    query: OffersQuery,
    variables: (after) => ({ filter, after }),
    pick: (data) => data.offers,
  });
  return (
    <section>
      <div className="heading-row">
        <h1>Offers</h1>
        {me.role === "ADVERTISER" ? (
          <Link className="button" to="/offers/new">
            New offer
          </Link>
        ) : null}
      </div>
      <label className="inline">
        Status{" "}
        <select value={status} onChange={(event) => setStatus(event.target.value as Status | "")}>
          <option value="">any</option>
          <option value="ACTIVE">active</option>
          <option value="DRAFT">draft</option>
          <option value="PAUSED">paused</option>
          <option value="ARCHIVED">archived</option>
        </select>
      </label>
      <QueryState
        {...result}
        retry={() => refetch({ requestPolicy: "network-only" })}
        isEmpty={(d) => d.offers.edges.length === 0}
        empty="No offers yet."
      >
        {(data) => (
          <>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>Offer</th>
                    {me.role === "ADVERTISER" ? null : <th>Advertiser</th>}
                    <th>Status</th>
                    <th>Model</th>
                    <th className="num">Payout</th>
                    <th className="num">Revenue</th>
                    <th>Countries</th>
                    <th className="num">Applications</th>
                    <th>Leads go to</th>
                    <th>Lead form</th>
                  </tr>
                </thead>
                <tbody>
                  {(offers.rows ?? []).map((offer) => (
                    <tr key={offer.id}>
                      <td>
                        <Link to={`/offers/${offer.id}`}>{offer.name}</Link>
                      </td>
                      {me.role === "ADVERTISER" ? null : <td>{offer.advertiser.name}</td>}
                      <td>
                        <StatusBadge status={offer.status} />{" "}
                        <span className="muted">{formatEnum(offer.visibility)}</span>
                      </td>
                      <td>{formatEnum(offer.payoutModel)}</td>
                      <td className="num">
                        {offer.payoutModel === "REVSHARE"
                          ? `${(offer.payoutShareBps ?? 0) / 100} %`
                          : offer.payout.formatted}
                      </td>
                      <td className="num">
                        {offer.payoutModel === "REVSHARE"
                          ? `${(offer.revenueShareBps ?? 0) / 100} %`
                          : offer.revenue.formatted}
                      </td>
                      <td>{offer.countries.length ? offer.countries.join(", ") : "all"}</td>
                      <td className="num">{offer.applications.edges.length || "—"}</td>
                      <td>
                        <Link to={`/offers/${offer.id}/delivery`} aria-label={`Delivery of ${offer.name}`}>
                          Delivery
                        </Link>
                      </td>
                      <td>
                        <Link to={`/offers/${offer.id}/form`}>
                          {offer.leadForm
                            ? offer.landingMode === "HOSTED_FORM"
                              ? "Hosted form"
                              : "Form"
                            : "Build form"}
                          <span className="visually-hidden"> for {offer.name}</span>
                        </Link>
                        {offer.leadMagnet?.active && offer.leadMagnet.pool?.low ? (
                          <>
                            {" "}
                            <Badge tone="low-stock">
                              {offer.leadMagnet.pool.left === 0
                                ? "no codes left"
                                : `codes low: ${offer.leadMagnet.pool.left} left`}
                            </Badge>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {offers.hasMore || offers.error ? (
              <div className="pager">
                <span>
                  {offers.rows?.length ?? 0} of {data.offers.totalCount} offers
                </span>
                <button type="button" onClick={offers.loadMore} disabled={offers.loading}>
                  {offers.loading ? "Loading…" : "Load more"}
                </button>
                {offers.error ? (
                  <span role="alert" className="error-text">
                    {offers.error}
                  </span>
                ) : null}
              </div>
            ) : null}
          </>
        )}
      </QueryState>
    </section>
  );
}
