// The leads inbox: filter by status, quality and text, newest or hottest first; confirm or reject one
// lead or many at once (the API applies a bulk action to all of them or none); open a lead for its
// detail (return, history); download every lead of the filter as CSV.
import { conversionReasonWords, qualitySignalWords } from "@leadrail/db/conversion-reasons";
import { leadRejectForm } from "@leadrail/db/decision-reasons";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { useClient, useMutation, useQuery } from "urql";
import type { ResultOf, VariablesOf } from "../graphql.ts";
import { StatusBadge } from "../ui/Badge.tsx";
import { type Column, DataTable } from "../ui/DataTable.tsx";
import { formatDateTime, formatEnum, formatMoney, formatNumber } from "../ui/format.ts";
import { outcomeOf } from "../ui/result.ts";
import { sentence, useZodForm } from "../ui/zod-form.tsx";
import { canDo, REJECT_REASONS } from "./lead-actions.ts";
import { leadsCsv } from "./lead-csv.ts";
import { ConfirmMutation, LeadsQuery, OverturnMutation, RejectMutation } from "./lead-operations.ts";
import { TemperatureBadge } from "./temperature.tsx";

type Filter = NonNullable<VariablesOf<typeof LeadsQuery>["filter"]>;
type Order = { orderBy: "NEWEST" | "HOTTEST"; temperatureAt?: string };
type Lead = ResultOf<typeof LeadsQuery>["leads"]["edges"][number]["node"];

const STATUSES = ["PENDING", "APPROVED", "REJECTED", "REVERSED"] as const;
const QUALITIES = ["CLEAN", "FLAGGED"] as const;
/** Bulk: a reason code, a note, or both. */
const BULK_REJECT = leadRejectForm(false);
const PAGE = 50;
/** The API pages connections at most this many rows. */
const EXPORT_PAGE = 100;

export function Leads() {
  const client = useClient();
  const [filter, setFilter] = useState<Filter>({ status: "PENDING" });
  const [order, setOrder] = useState<Order>({ orderBy: "NEWEST" });
  const [after, setAfter] = useState<string | undefined>(undefined);
  const [result, refetch] = useQuery({
    query: LeadsQuery,
    variables: { filter, first: PAGE, after, ...order },
  });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
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

  /** True when the API did it. */
  async function act(ids: string[], action: "confirm" | "reject", reason?: string): Promise<boolean> {
    if (ids.length === 0) return false;
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
    return outcome.ok;
  }

  // The API's rule for a lead's reason (@leadrail/db/decision-reasons), before the round trip.
  const rejectForm = useZodForm(BULK_REJECT, { defaultValues: { code: "", note: "" } });
  const rejectErrors = rejectForm.formState.errors;
  const rejectError = rejectErrors.code?.message ?? rejectErrors.note?.message;
  const rejectSelected = rejectForm.handleSubmit(async ({ reason }) => {
    if (await act([...selected], "reject", reason)) rejectForm.reset();
  });

  /** Every lead of the current filter (all pages, in the list's order), as a CSV download. */
  async function exportCsv() {
    setExporting(true);
    try {
      const rows: Lead[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await client
          .query(
            LeadsQuery,
            { filter, first: EXPORT_PAGE, after: cursor, ...order },
            { requestPolicy: "network-only" },
          )
          .toPromise();
        if (page.error || !page.data) throw page.error ?? new Error("no answer");
        rows.push(...page.data.leads.edges.map((edge) => edge.node));
        if (!page.data.leads.pageInfo.hasNextPage) break;
        cursor = page.data.leads.pageInfo.endCursor ?? undefined;
      }
      const blob = new Blob([leadsCsv(rows)], { type: "text/csv;charset=utf-8" });
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = `leads-${(filter.status ?? "all").toLowerCase()}.csv`;
      anchor.click();
      URL.revokeObjectURL(url);
      setMessage(`${formatNumber(rows.length)} leads exported.`);
    } catch (error) {
      setMessage(`Export failed: ${(error as Error).message}`);
    } finally {
      setExporting(false);
    }
  }

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const leads = result.data?.leads.edges.map((e) => e.node);
  const pendingIds = (leads ?? []).filter((lead) => canDo("reject", lead)).map((lead) => lead.id);
  const columns: Column<Lead>[] = [
    {
      id: "select",
      header: <span className="visually-hidden">Select</span>,
      cell: (lead) => (
        <input
          type="checkbox"
          aria-label={`Select lead ${lead.id}`}
          checked={selected.has(lead.id)}
          disabled={!canDo("confirm", lead)}
          onChange={() => toggle(lead.id)}
        />
      ),
    },
    {
      id: "lead",
      header: "Lead",
      sortValue: (lead) => lead.leadName,
      cell: (lead) => (
        <>
          <Link to={`/leads/${lead.id}`} aria-label={`Open lead ${lead.leadName ?? lead.transactionId}`}>
            <strong>{lead.leadName ?? lead.transactionId}</strong>
          </Link>
          <br />
          {/* The e-mail on a line of its own: joined to the phone it made the column too wide to leave
              room for the row's buttons. */}
          <span className="muted">
            {lead.leadEmail ? (
              <>
                {lead.leadEmail}
                <br />
              </>
            ) : null}
            {[lead.leadPhone, lead.country].filter(Boolean).join(" · ") ||
              (lead.leadEmail ? null : lead.transactionId)}
          </span>
        </>
      ),
    },
    {
      id: "offer",
      header: "Offer · publisher",
      sortValue: (lead) => lead.offer.name,
      cell: (lead) => (
        <>
          {lead.offer.name}
          <br />
          <span className="muted">{lead.publisher?.name ?? "no publisher"}</span>
        </>
      ),
    },
    {
      id: "temperature",
      header: "Temperature",
      cell: (lead) => <TemperatureBadge temperature={lead.temperature} reasons={lead.temperatureReasons} />,
    },
    {
      id: "quality",
      header: "Quality",
      cell: (lead) =>
        lead.qualitySignals.length === 0 ? (
          <span className="muted">ok</span>
        ) : (
          lead.qualitySignals.map((signal) => (
            <span key={signal.code} className="badge badge-warning" title={signal.detail ?? ""}>
              {qualitySignalWords(signal.code)}
            </span>
          ))
        ),
    },
    {
      id: "status",
      header: "Status",
      sortValue: (lead) => lead.status,
      cell: (lead) => (
        <>
          <StatusBadge status={lead.status} />
          {lead.statusReason ? <div className="muted">{conversionReasonWords(lead.statusReason)}</div> : null}
        </>
      ),
    },
    {
      id: "converted",
      header: "Converted",
      sortValue: (lead) => lead.convertedAt,
      cell: (lead) => formatDateTime(lead.convertedAt),
    },
    {
      id: "cost",
      header: "Cost",
      numeric: true,
      sortValue: (lead) => BigInt(lead.revenue.amount),
      cell: (lead) => formatMoney(lead.revenue.amount, lead.revenue.currency),
    },
    {
      id: "actions",
      header: <span className="visually-hidden">Actions</span>,
      cell: (lead) => (
        <span className="actions">
          {canDo("confirm", lead) ? (
            <button type="button" disabled={busy} onClick={() => act([lead.id], "confirm")}>
              Confirm
            </button>
          ) : null}
          {canDo("overturn", lead) ? (
            <button type="button" disabled={busy} onClick={() => onOverturn(lead.id)}>
              Overturn
            </button>
          ) : null}
        </span>
      ),
    },
  ];

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
                {formatEnum(status).toLowerCase()}
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
      {result.data ? (
        <div className="bulkbar">
          <span>
            {result.data.leads.totalCount} lead{result.data.leads.totalCount === 1 ? "" : "s"} ·{" "}
            {selected.size} selected
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
          <form
            className="inline-form"
            onSubmit={rejectSelected}
            aria-label="Reject selected leads"
            noValidate
          >
            <select
              {...rejectForm.register("code")}
              aria-label="Reason code for the selected leads"
              aria-invalid={rejectErrors.code ? true : undefined}
              aria-describedby={rejectErrors.code ? "bulk-reject-error" : undefined}
            >
              <option value="">reason code…</option>
              {REJECT_REASONS.map(([code, words]) => (
                <option key={code} value={code}>
                  {words}
                </option>
              ))}
            </select>
            <input
              {...rejectForm.register("note")}
              placeholder="rejection reason or note"
              aria-label="Rejection reason"
              aria-invalid={rejectErrors.note ? true : undefined}
              aria-describedby={rejectErrors.note ? "bulk-reject-error" : undefined}
            />
            <button type="submit" className="danger" disabled={busy || selected.size === 0}>
              Reject selected
            </button>
            {rejectError ? (
              <span id="bulk-reject-error" className="field-error">
                {sentence(rejectError)}
              </span>
            ) : null}
          </form>
          <button
            type="button"
            className="secondary"
            onClick={exportCsv}
            disabled={exporting || result.data.leads.totalCount === 0}
          >
            {exporting ? "Exporting…" : "Export CSV"}
          </button>
        </div>
      ) : null}
      <DataTable
        label="Leads"
        columns={columns}
        rows={leads}
        rowKey={(lead) => lead.id}
        rowData={(lead) => ({ "data-lead-id": lead.id })}
        fetching={result.fetching}
        error={result.error}
        retry={() => refetch({ requestPolicy: "network-only" })}
        empty="No leads match these filters."
        pageSize={PAGE}
      />
      {result.data?.leads.pageInfo.hasNextPage ? (
        <button
          type="button"
          className="secondary"
          onClick={() => setAfter(result.data?.leads.pageInfo.endCursor ?? undefined)}
        >
          Next page
        </button>
      ) : null}
    </section>
  );
}
