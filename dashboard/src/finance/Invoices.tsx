// Finance's invoices queue: approve (not the person who generated it), record the advertiser's payment,
// void; totals by currency; CSV export. Also the admin's invoices screen.
import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { useMe } from "../app/me.ts";
import { graphql, type ResultOf, type VariablesOf } from "../graphql.ts";
import { formatMinor } from "../money.ts";
import { StatusBadge } from "../ui/Badge.tsx";
import { formatDate } from "../ui/dates.ts";
import { outcomeOf } from "../ui/result.ts";
import { ErrorState, QueryState } from "../ui/states.tsx";
import { CsvExportButton, TotalsByCurrency } from "./documents.tsx";

const InvoicesQuery = graphql(`
  query FinanceInvoices($filter: AdvertiserInvoiceFilter) {
    advertiserInvoices(first: 100, filter: $filter) {
      __typename
      ... on QueryAdvertiserInvoicesSuccess {
        data {
          edges {
            node {
              id status currency total lineCount periodEnd createdAt approvedAt paidAt generatedById approvedById
              advertiser { id name }
              payments { reference }
            }
          }
        }
      }
      ... on DomainError { message }
    }
  }
`);

const ApproveMutation = graphql(`
  mutation ApproveInvoice($id: ID!) {
    approveInvoice(id: $id) {
      __typename
      ... on MutationApproveInvoiceSuccess { data { id status } }
      ... on DomainError { message }
    }
  }
`);

const MarkPaidMutation = graphql(`
  mutation MarkInvoicePaid($id: ID!, $paidAt: DateTime!, $reference: String!) {
    markInvoicePaid(id: $id, paidAt: $paidAt, reference: $reference) {
      __typename
      ... on MutationMarkInvoicePaidSuccess { data { id status } }
      ... on DomainError { message }
    }
  }
`);

const VoidMutation = graphql(`
  mutation VoidInvoice($id: ID!, $reason: String!) {
    voidInvoice(id: $id, reason: $reason) {
      __typename
      ... on MutationVoidInvoiceSuccess { data { id status } }
      ... on DomainError { message }
    }
  }
`);

type Status = NonNullable<NonNullable<VariablesOf<typeof InvoicesQuery>["filter"]>["status"]>;
type Answer = ResultOf<typeof InvoicesQuery>["advertiserInvoices"];
type Invoice = Extract<
  Answer,
  { __typename: "QueryAdvertiserInvoicesSuccess" }
>["data"]["edges"][number]["node"];

const STATUSES: Status[] = ["DRAFT", "APPROVED", "PAID", "VOID"];

export function FinanceInvoices() {
  const [status, setStatus] = useState<Status | "">("DRAFT");
  const [result, refetch] = useQuery({
    query: InvoicesQuery,
    variables: { filter: status ? { status } : {} },
  });
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const done = (text: string | null) => {
    setMessage(text);
    setVersion((n) => n + 1);
    refetch({ requestPolicy: "network-only" });
  };

  return (
    <section>
      <div className="heading-row">
        <h1>Advertiser invoices</h1>
        <CsvExportButton kind="invoices" status={status} />
      </div>
      <TotalsByCurrency kind="invoices" key={version} />
      <div className="tabs" role="tablist" aria-label="Status">
        {[...STATUSES, ""].map((value) => (
          <button
            key={value || "all"}
            type="button"
            role="tab"
            aria-selected={status === value}
            className={status === value ? "" : "secondary"}
            onClick={() => setStatus(value as Status | "")}
          >
            {value ? value.toLowerCase() : "all"}
          </button>
        ))}
      </div>
      {message ? (
        <p role="status" className="notice">
          {message}
        </p>
      ) : null}
      <QueryState {...result} retry={() => refetch({ requestPolicy: "network-only" })}>
        {(data) => {
          const answer = data.advertiserInvoices;
          if (answer.__typename === "DomainError") return <ErrorState error={answer.message} />;
          if (answer.data.edges.length === 0)
            return <p className="state empty">No invoices in this queue.</p>;
          return (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>#</th>
                    <th>Advertiser</th>
                    <th>Period end</th>
                    <th>Status</th>
                    <th className="num">Lines</th>
                    <th className="num">Total</th>
                    <th>Payment</th>
                    <th>Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {answer.data.edges.map(({ node }) => (
                    <InvoiceRow key={node.id} invoice={node} onDone={done} />
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}

function InvoiceRow({ invoice, onDone }: { invoice: Invoice; onDone: (message: string | null) => void }) {
  const me = useMe();
  const [, approve] = useMutation(ApproveMutation);
  const [, markPaid] = useMutation(MarkPaidMutation);
  const [, voidInvoice] = useMutation(VoidMutation);
  const [busy, setBusy] = useState(false);
  const canAct = me.role === "FINANCE" || me.role === "ADMIN";
  const generatedByMe = invoice.generatedById === me.id;
  const label = `invoice ${invoice.id}`;

  async function run(action: () => Promise<{ error?: never } | object>, field: string, success: string) {
    setBusy(true);
    const outcome = outcomeOf(await action(), field);
    setBusy(false);
    onDone(outcome.ok ? success : outcome.message);
  }

  function onPay(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reference = String(new FormData(event.currentTarget).get("reference") ?? "").trim();
    void run(
      () => markPaid({ id: invoice.id, reference, paidAt: new Date().toISOString() }),
      "markInvoicePaid",
      `Invoice ${invoice.id} marked paid.`,
    );
  }

  function onVoid(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    void run(() => voidInvoice({ id: invoice.id, reason }), "voidInvoice", `Invoice ${invoice.id} voided.`);
  }

  return (
    <tr data-invoice-id={invoice.id}>
      <td>{invoice.id}</td>
      <td>{invoice.advertiser.name}</td>
      <td>{formatDate(invoice.periodEnd)}</td>
      <td>
        <StatusBadge status={invoice.status} />
      </td>
      <td className="num">{invoice.lineCount}</td>
      <td className="num">{formatMinor(invoice.total, invoice.currency)}</td>
      <td>
        {invoice.paidAt ? `${formatDate(invoice.paidAt)} · ` : ""}
        {invoice.payments.map((p) => p.reference).join(", ") || "—"}
      </td>
      <td className="actions">
        {canAct && invoice.status === "DRAFT" ? (
          <button
            type="button"
            disabled={busy || generatedByMe}
            title={generatedByMe ? "You generated this invoice: someone else approves it." : undefined}
            aria-label={`Approve ${label}`}
            onClick={() =>
              run(() => approve({ id: invoice.id }), "approveInvoice", `Invoice ${invoice.id} approved.`)
            }
          >
            Approve
          </button>
        ) : null}
        {canAct && invoice.status === "APPROVED" ? (
          <form className="inline-form" onSubmit={onPay}>
            <input
              name="reference"
              required
              placeholder="bank reference"
              aria-label={`Payment reference for ${label}`}
            />
            <button type="submit" disabled={busy} aria-label={`Mark ${label} paid`}>
              Mark paid
            </button>
          </form>
        ) : null}
        {canAct && (invoice.status === "DRAFT" || invoice.status === "APPROVED") ? (
          <details className="void">
            <summary>Void</summary>
            <form className="inline-form" onSubmit={onVoid}>
              <input name="reason" required placeholder="reason" aria-label={`Void reason for ${label}`} />
              <button type="submit" className="danger" disabled={busy}>
                Void
              </button>
            </form>
          </details>
        ) : null}
      </td>
    </tr>
  );
}
