// Shared by finance's statements and invoices screens: totals by currency per status, the CSV export
// (the API's /exports/*.csv, fetched with the session token and saved as a file) and the action row.
import { useState } from "react";
import { useQuery } from "urql";
import { graphql } from "../graphql.ts";
import { sessionToken } from "../session.ts";
import { formatMoney } from "../ui/format.ts";

const PayoutTotalsQuery = graphql(`
  query PayoutTotals {
    draft: payoutTotals(status: DRAFT) { currency amount count }
    approved: payoutTotals(status: APPROVED) { currency amount count }
    paid: payoutTotals(status: PAID) { currency amount count }
  }
`);

const InvoiceTotalsQuery = graphql(`
  query InvoiceTotals {
    draft: invoiceTotals(status: DRAFT) { currency amount count }
    approved: invoiceTotals(status: APPROVED) { currency amount count }
    paid: invoiceTotals(status: PAID) { currency amount count }
  }
`);

/** Remount (change its `key`) after an action to refetch. */
export function TotalsByCurrency({ kind }: { kind: "statements" | "invoices" }) {
  const [result] = useQuery({
    query: kind === "statements" ? PayoutTotalsQuery : InvoiceTotalsQuery,
    requestPolicy: "network-only",
  });
  if (!result.data) return null;
  const groups = [
    ["Draft", result.data.draft],
    ["Approved", result.data.approved],
    ["Paid", result.data.paid],
  ] as const;
  return (
    <dl className="figures totals" aria-label="Totals by currency">
      {groups.flatMap(([label, rows]) =>
        rows.length === 0
          ? [
              <div key={label}>
                <dt>{label}</dt>
                <dd>—</dd>
              </div>,
            ]
          : rows.map((row) => (
              <div key={`${label}-${row.currency}`}>
                <dt>
                  {label} ({row.count})
                </dt>
                <dd>{formatMoney(row.amount, row.currency)}</dd>
              </div>
            )),
      )}
    </dl>
  );
}

export function CsvExportButton({ kind, status }: { kind: "statements" | "invoices"; status: string }) {
  const [error, setError] = useState<string | null>(null);
  async function download() {
    setError(null);
    const query = status ? `?status=${encodeURIComponent(status)}` : "";
    const response = await fetch(`/exports/${kind}.csv${query}`, {
      headers: { authorization: `Bearer ${sessionToken() ?? ""}` },
    });
    if (!response.ok) {
      setError(`Export failed (HTTP ${response.status}).`);
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = `${kind}.csv`;
    anchor.click();
    URL.revokeObjectURL(url);
  }
  return (
    <>
      <button type="button" className="secondary" onClick={download}>
        Export CSV
      </button>
      {error ? <span role="alert">{error}</span> : null}
    </>
  );
}
