// The leads inbox: filter by status, offer and quality, newest or hottest first; confirm or reject one
// lead or many at once (the API applies a bulk action to all of them or none).
import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql, type VariablesOf } from "../graphql.ts";
import { StatusBadge } from "../ui/Badge.tsx";
import { formatDateTime } from "../ui/format.ts";
import { outcomeOf } from "../ui/result.ts";
import { QueryState } from "../ui/states.tsx";
import { TemperatureBadge } from "./temperature.tsx";

const LeadsQuery = graphql(`
  query Leads($filter: LeadFilter, $after: String, $orderBy: LeadOrder, $temperatureAt: DateTime) {
    leads(first: 50, after: $after, filter: $filter, orderBy: $orderBy, temperatureAt: $temperatureAt) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id status statusReason convertedAt leadName leadEmail leadPhone country deviceType transactionId goal
          offer { id name }
          revenue { formatted }
          qualitySignals { code detail }
          temperature temperatureReasons nextContactAt decidedAt
        }
      }
    }
  }
`);

const ConfirmMutation = graphql(`
  mutation ConfirmLeads($ids: [ID!]!) {
    confirmLeads(ids: $ids) {
      __typename
      ... on MutationConfirmLeadsSuccess { data { id status } }
      ... on DomainError { message }
    }
  }
`);

const OverturnMutation = graphql(`
  mutation OverturnLeadRejection($id: ID!) {
    overturnLeadRejection(id: $id) {
      __typename
      ... on MutationOverturnLeadRejectionSuccess { data { id status } }
      ... on DomainError { message }
    }
  }
`);

const RejectMutation = graphql(`
  mutation RejectLeads($ids: [ID!]!, $reason: String!) {
    rejectLeads(ids: $ids, reason: $reason) {
      __typename
      ... on MutationRejectLeadsSuccess { data { id status } }
      ... on DomainError { message }
    }
  }
`);

type Filter = NonNullable<VariablesOf<typeof LeadsQuery>["filter"]>;
type Order = { orderBy: "NEWEST" | "HOTTEST"; temperatureAt?: string };

const STATUSES = ["PENDING", "APPROVED", "REJECTED", "REVERSED"] as const;
const QUALITIES = ["CLEAN", "FLAGGED"] as const;

export function Leads() {
  const [filter, setFilter] = useState<Filter>({ status: "PENDING" });
  const [order, setOrder] = useState<Order>({ orderBy: "NEWEST" });
  const [after, setAfter] = useState<string | undefined>(undefined);
  const [result, refetch] = useQuery({ query: LeadsQuery, variables: { filter, after, ...order } });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, confirm] = useMutation(ConfirmMutation);
  const [rejecting, reject] = useMutation(RejectMutation);
  const [overturning, overturn] = useMutation(OverturnMutation);
  const busy = confirming.fetching || rejecting.fetching || overturning.fetching;

  async function onOverturn(id: string) {
    const outcome = outcomeOf<unknown>(await overturn({ id }), "overturnLeadRejection");
    setMessage(outcome.ok ? "Rejection overturned: the lead is approved." : outcome.message);
    refetch({ requestPolicy: "network-only" });
  }

  function applyFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const status = String(form.get("status") ?? "");
    const search = String(form.get("search") ?? "").trim();
    const quality = String(form.get("quality") ?? "");
    // The API filters by quality across all pages (the inbox used to filter only the loaded page).
    setFilter({
      status: status ? (status as Filter["status"]) : undefined,
      search: search || undefined,
      quality: QUALITIES.find((q) => q === quality),
    });
    // Hottest first is ranked at one moment, kept for the next pages: temperatures cool as time
    // passes, and a lead cooling between two pages would otherwise be shown twice or skipped.
    setOrder(
      form.get("order") === "HOTTEST"
        ? { orderBy: "HOTTEST", temperatureAt: new Date().toISOString() }
        : { orderBy: "NEWEST" },
    );
    setAfter(undefined);
    setSelected(new Set());
  }

  async function act(ids: string[], action: "confirm" | "reject", reason?: string) {
    if (ids.length === 0) return;
    const outcome =
      action === "confirm"
        ? outcomeOf<unknown[]>(await confirm({ ids }), "confirmLeads")
        : outcomeOf<unknown[]>(await reject({ ids, reason: reason ?? "" }), "rejectLeads");
    if (outcome.ok) {
      setMessage(
        `${outcome.data.length} lead${outcome.data.length === 1 ? "" : "s"} ${action === "confirm" ? "confirmed" : "rejected"}.`,
      );
      setSelected(new Set());
    } else setMessage(outcome.message);
    refetch({ requestPolicy: "network-only" });
  }

  function rejectSelected(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    void act([...selected], "reject", reason);
  }

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section>
      <h1>Leads</h1>
      <form className="filters" onSubmit={applyFilter} aria-label="Filter leads">
        <label>
          Status
          <select name="status" defaultValue="PENDING">
            <option value="">any</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {status.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          Quality
          <select name="quality" defaultValue="">
            <option value="">any</option>
            <option value="CLEAN">no warnings</option>
            <option value="FLAGGED">with warnings</option>
          </select>
        </label>
        <label>
          Search <input name="search" placeholder="name, e-mail, phone, transaction" />
        </label>
        <label>
          Sort
          <select name="order" defaultValue="NEWEST">
            <option value="NEWEST">newest first</option>
            <option value="HOTTEST">hottest first</option>
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      {message ? (
        <p role="status" className="notice">
          {message}
        </p>
      ) : null}
      <QueryState
        {...result}
        retry={() => refetch({ requestPolicy: "network-only" })}
        isEmpty={(d) => d.leads.edges.length === 0}
        empty="No leads match these filters."
      >
        {(data) => {
          const leads = data.leads.edges.map((e) => e.node);
          const pendingIds = leads.filter((lead) => lead.status === "PENDING").map((lead) => lead.id);
          return (
            <>
              <div className="bulkbar">
                <span>
                  {data.leads.totalCount} lead{data.leads.totalCount === 1 ? "" : "s"} · {selected.size}{" "}
                  selected
                </span>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setSelected(new Set(pendingIds))}
                  disabled={pendingIds.length === 0}
                >
                  Select all pending
                </button>
                <button
                  type="button"
                  onClick={() => act([...selected], "confirm")}
                  disabled={busy || selected.size === 0}
                >
                  Confirm selected
                </button>
                <form className="inline-form" onSubmit={rejectSelected}>
                  <input
                    name="reason"
                    placeholder="rejection reason"
                    required
                    aria-label="Rejection reason"
                  />
                  <button type="submit" className="danger" disabled={busy || selected.size === 0}>
                    Reject selected
                  </button>
                </form>
              </div>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>
                        <span className="sr-only">Select</span>
                      </th>
                      <th>Lead</th>
                      <th>Offer</th>
                      <th>Temperature</th>
                      <th>Quality</th>
                      <th>Status</th>
                      <th>Converted</th>
                      <th className="num">Cost</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {leads.map((lead) => (
                      <tr key={lead.id} data-lead-id={lead.id}>
                        <td>
                          <input
                            type="checkbox"
                            aria-label={`Select lead ${lead.id}`}
                            checked={selected.has(lead.id)}
                            disabled={lead.status !== "PENDING"}
                            onChange={() => toggle(lead.id)}
                          />
                        </td>
                        <td>
                          <strong>{lead.leadName ?? "—"}</strong>
                          <br />
                          <span className="muted">
                            {[lead.leadEmail, lead.leadPhone, lead.country].filter(Boolean).join(" · ") ||
                              lead.transactionId}
                          </span>
                        </td>
                        <td>{lead.offer.name}</td>
                        <td>
                          <TemperatureBadge
                            temperature={lead.temperature}
                            reasons={lead.temperatureReasons}
                          />
                        </td>
                        <td>
                          {lead.qualitySignals.length === 0 ? (
                            <span className="muted">ok</span>
                          ) : (
                            lead.qualitySignals.map((signal) => (
                              <span
                                key={signal.code}
                                className="badge badge-warning"
                                title={signal.detail ?? ""}
                              >
                                {signal.code.replace(/_/g, " ")}
                              </span>
                            ))
                          )}
                        </td>
                        <td>
                          <StatusBadge status={lead.status} />
                          {lead.statusReason ? <div className="muted">{lead.statusReason}</div> : null}
                        </td>
                        <td>{formatDateTime(lead.convertedAt)}</td>
                        <td className="num">{lead.revenue.formatted}</td>
                        <td className="actions">
                          {lead.status === "PENDING" ? (
                            <button type="button" disabled={busy} onClick={() => act([lead.id], "confirm")}>
                              Confirm
                            </button>
                          ) : null}
                          {lead.status === "REJECTED" &&
                          lead.decidedAt === null &&
                          lead.qualitySignals.some((signal) => signal.code === lead.statusReason) ? (
                            <button type="button" disabled={busy} onClick={() => onOverturn(lead.id)}>
                              Overturn
                            </button>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {data.leads.pageInfo.hasNextPage ? (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setAfter(data.leads.pageInfo.endCursor ?? undefined)}
                >
                  Next page
                </button>
              ) : null}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
