// My tracking links, each with a copy button, and a sub-ID builder: the API spells out the URL with the
// chosen sub IDs (over the link's defaults), so the dashboard never assembles tracking URLs itself.
import { CLICK_PARAMS } from "@leadrail/db/macros";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { useMutation, useQuery } from "urql";
import { graphql, type VariablesOf } from "../graphql.ts";
import { CopyButton } from "../ui/CopyButton.tsx";
import { DataTable } from "../ui/DataTable.tsx";
import { formatDate, formatMoney, formatNumber } from "../ui/format.ts";
import { useMoreRows } from "../ui/more-rows.ts";
import { outcomeOf } from "../ui/result.ts";
import { Empty, QueryState } from "../ui/states.tsx";

const LinksQuery = graphql(`
  query MyLinks($after: String) {
    myLinks(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id name code url createdAt disabledAt offer { id name }
          stats { days clicks conversions approvedConversions earnings { amount currency } }
        }
      }
    }
  }
`);

const BuildQuery = graphql(`
  query BuildTrackingUrl($offerId: ID!, $code: String!, $subs: ClickParamsInput!) {
    myLinks(first: 20, filter: { offerId: $offerId, search: $code }) {
      edges { node { id trackingUrl(subs: $subs) } }
    }
  }
`);

const DisableMutation = graphql(`
  mutation SetTrackingLinkDisabled($id: ID!, $disabled: Boolean!) {
    setTrackingLinkDisabled(id: $id, disabled: $disabled) {
      __typename
      ... on MutationSetTrackingLinkDisabledSuccess { data { id disabledAt } }
      ... on DomainError { message }
    }
  }
`);

type Subs = VariablesOf<typeof BuildQuery>["subs"];
// Every parameter the tracker reads. A value like {campaign_id} stays literal in the built URL, for the
// traffic source to fill.
const SUB_FIELDS = CLICK_PARAMS;

export function Links() {
  const [result, refetch] = useQuery({ query: LinksQuery });
  const more = useMoreRows({
    first: result.data?.myLinks,
    query: LinksQuery,
    variables: (after) => ({ after }),
    pick: (data) => data.myLinks,
  });
  const [builder, setBuilder] = useState<{ linkId: string; offerId: string; code: string } | null>(null);
  const [switching, setDisabled] = useMutation(DisableMutation);
  // The refusal (or failure) of the last switch, shown beside that link's switch.
  const [refusal, setRefusal] = useState<{ linkId: string; message: string } | null>(null);

  async function toggle(link: { id: string; disabledAt?: string | null }) {
    const outcome = outcomeOf<{ id: string }>(
      await setDisabled({ id: link.id, disabled: !link.disabledAt }),
      "setTrackingLinkDisabled",
    );
    setRefusal(outcome.ok ? null : { linkId: link.id, message: outcome.message });
  }
  return (
    <section>
      <h1>My links</h1>
      <p className="muted">Clicks, conversions and earnings of the last 30 days.</p>
      <QueryState
        {...result}
        retry={() => refetch({ requestPolicy: "network-only" })}
        isEmpty={(d) => d.myLinks.edges.length === 0}
        empty={
          <>
            No links yet. Pick an offer in the <Link to="/marketplace">marketplace</Link> and get one.
          </>
        }
      >
        {(data) => (
          <>
            <DataTable
              label="My links"
              rows={more.rows ?? data.myLinks.edges.map((edge) => edge.node)}
              rowKey={(link) => link.id}
              fetching={more.loading}
              error={more.error ?? undefined}
              hasMore={more.hasMore}
              onLoadMore={more.loadMore}
              initialSort={{ id: "clicks", desc: true }}
              columns={[
                {
                  // Name, offer, creation day and address in one cell: as separate columns they
                  // pushed the earnings off a 1280 px screen.
                  id: "name",
                  header: "Link",
                  sortValue: (link) => link.name,
                  cell: (link) => (
                    <>
                      <strong>{link.name}</strong>
                      <br />
                      <span className="muted">
                        {link.offer.name} · since {formatDate(link.createdAt)}
                      </span>
                      <br />
                      <code className="link-url" title={link.url}>
                        {link.url}
                      </code>
                    </>
                  ),
                },
                {
                  id: "active",
                  header: "Active",
                  sortValue: (link) => !link.disabledAt,
                  cell: (link) => (
                    <span className="link-switch">
                      <button
                        type="button"
                        role="switch"
                        aria-checked={!link.disabledAt}
                        aria-label={`${link.name} active`}
                        className={link.disabledAt ? "switch off" : "switch on"}
                        disabled={switching.fetching}
                        onClick={() => toggle(link)}
                      >
                        {link.disabledAt ? "Off" : "On"}
                      </button>
                      {link.disabledAt ? (
                        <span className="muted"> since {formatDate(link.disabledAt)}</span>
                      ) : null}
                      {refusal?.linkId === link.id ? <span role="alert"> {refusal.message}</span> : null}
                    </span>
                  ),
                },
                {
                  id: "clicks",
                  header: "Clicks",
                  numeric: true,
                  sortValue: (link) => BigInt(link.stats.clicks),
                  cell: (link) => formatNumber(link.stats.clicks),
                },
                {
                  id: "conversions",
                  header: "Conversions",
                  numeric: true,
                  sortValue: (link) => BigInt(link.stats.conversions),
                  cell: (link) => formatNumber(link.stats.conversions),
                },
                {
                  id: "approved",
                  header: "Approved",
                  numeric: true,
                  sortValue: (link) => BigInt(link.stats.approvedConversions),
                  cell: (link) => formatNumber(link.stats.approvedConversions),
                },
                {
                  id: "earnings",
                  header: "Earnings",
                  numeric: true,
                  // Amounts in different currencies do not compare: currency first, then amount.
                  sortValue: (link) =>
                    `${link.stats.earnings.currency}${link.stats.earnings.amount.padStart(20, "0")}`,
                  cell: (link) => formatMoney(link.stats.earnings.amount, link.stats.earnings.currency),
                },
                {
                  id: "actions",
                  header: <span className="visually-hidden">Actions</span>,
                  cell: (link) => (
                    <span className="actions">
                      <CopyButton text={link.url} />
                      <button
                        type="button"
                        className="secondary"
                        onClick={() =>
                          setBuilder({ linkId: link.id, offerId: link.offer.id, code: link.code })
                        }
                      >
                        Sub IDs
                      </button>
                    </span>
                  ),
                },
              ]}
            />
            {builder ? <SubIdBuilder {...builder} key={builder.linkId} /> : null}
          </>
        )}
      </QueryState>
    </section>
  );
}

function SubIdBuilder({ linkId, offerId, code }: { linkId: string; offerId: string; code: string }) {
  const [subs, setSubs] = useState<Subs | null>(null);
  const [result] = useQuery({
    query: BuildQuery,
    // Narrowed by the link's own code, so the link is found however many the offer has.
    variables: { offerId, code, subs: subs ?? {} },
    pause: subs === null,
  });
  const url = result.data?.myLinks.edges.find((edge) => edge.node.id === linkId)?.node.trackingUrl;

  function build(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Subs = {};
    for (const field of SUB_FIELDS) {
      const value = String(form.get(field) ?? "").trim();
      if (value) next[field] = value;
    }
    setSubs(next);
  }

  return (
    <div className="panel">
      <h2>Sub-ID builder</h2>
      <form className="filters" onSubmit={build}>
        {SUB_FIELDS.map((field) => (
          <label key={field}>
            {field} <input name={field} maxLength={500} />
          </label>
        ))}
        <button type="submit">Build URL</button>
      </form>
      {result.error ? <p role="alert">{result.error.message}</p> : null}
      {url ? (
        <p>
          <code data-testid="built-url">{url}</code> <CopyButton text={url} />
        </p>
      ) : subs && !result.fetching ? (
        <Empty>No URL.</Empty>
      ) : null}
    </div>
  );
}
