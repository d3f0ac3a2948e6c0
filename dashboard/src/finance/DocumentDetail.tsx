// One statement or invoice with its lines: finance approves it (not whoever generated it: the API's
// two-person rule, said in words next to the disabled button), marks it paid with a reference or voids
// it with a reason, each in a dialog. The owner account (a publisher's statement, an advertiser's
// invoice) opens the same page read-only. CSV of the lines, and a print stylesheet (styles.css) so the
// page prints as the document itself: an invoice can be printed or saved as PDF and sent.
import { markPaidForm, paidAtOfDay, voidForm } from "@leadrail/db/money-document-input";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useClient, useMutation, useQuery } from "urql";
import type { z } from "zod";
import { useMe } from "../app/me.ts";
import { graphql, type ResultOf } from "../graphql.ts";
import { currencyDigits } from "../money.ts";
import { csvText } from "../reports/report-csv.ts";
import { StatusBadge } from "../ui/Badge.tsx";
import { DataTable } from "../ui/DataTable.tsx";
import { Dialog } from "../ui/Dialog.tsx";
import {
  formatDate,
  formatDateTime,
  formatEnum,
  formatMoney,
  formatNumber,
  minorToDecimal,
} from "../ui/format.ts";
import { type Outcome, outcomeOf } from "../ui/result.ts";
import { ErrorState, Loading } from "../ui/states.tsx";
import { applyRefusal, FormInput, useZodForm } from "../ui/zod-form.tsx";
import { invoiceOperations } from "./Invoices.tsx";
import { PaidTo, type PaidToView, type PayoutDetailsView, PayTo } from "./PayTo.tsx";
import { statementOperations } from "./Statements.tsx";

const StatementQuery = graphql(`
  query StatementDetail($id: ID!) {
    document: payoutStatement(id: $id) {
      __typename
      ... on QueryPayoutStatementSuccess {
        data {
          id status currency total periodEnd createdAt generatedById approvedById approvedAt paidAt voidedAt
          owner: publisher { id name payoutCurrency minimumPayout { amount currency } }
          payoutDetails { method accountHolder ibanFormatted bic paypalEmail updatedAt }
          paidTo { method accountHolder ibanFormatted bic paypalEmail detailsUpdatedAt }
          payments { id amount currency reference paidAt }
          lines(first: 100) {
            totalCount
            pageInfo { hasNextPage endCursor }
            edges { node { id kind amount conversionId offerId offerName convertedAt } }
          }
        }
      }
      ... on DomainError { message }
    }
  }
`);

const InvoiceQuery = graphql(`
  query InvoiceDetail($id: ID!) {
    document: advertiserInvoice(id: $id) {
      __typename
      ... on QueryAdvertiserInvoiceSuccess {
        data {
          id status currency total periodEnd createdAt generatedById approvedById approvedAt paidAt voidedAt
          owner: advertiser { id name }
          payments { id amount currency reference paidAt }
          lines(first: 100) {
            totalCount
            pageInfo { hasNextPage endCursor }
            edges { node { id kind amount conversionId offerId offerName convertedAt } }
          }
        }
      }
      ... on DomainError { message }
    }
  }
`);

// The next page of lines (connections give at most 100 at a time).
const StatementLinesQuery = graphql(`
  query StatementLines($id: ID!, $after: String) {
    document: payoutStatement(id: $id) {
      __typename
      ... on QueryPayoutStatementSuccess {
        data {
          lines(first: 100, after: $after) {
            pageInfo { hasNextPage endCursor }
            edges { node { id kind amount conversionId offerId offerName convertedAt } }
          }
        }
      }
    }
  }
`);

const InvoiceLinesQuery = graphql(`
  query InvoiceLines($id: ID!, $after: String) {
    document: advertiserInvoice(id: $id) {
      __typename
      ... on QueryAdvertiserInvoiceSuccess {
        data {
          lines(first: 100, after: $after) {
            pageInfo { hasNextPage endCursor }
            edges { node { id kind amount conversionId offerId offerName convertedAt } }
          }
        }
      }
    }
  }
`);

type Kind = "statements" | "invoices";
type StatementAnswer = NonNullable<ResultOf<typeof StatementQuery>["document"]>;
type Line = Extract<StatementAnswer, { data: unknown }>["data"]["lines"]["edges"][number]["node"];

interface DocumentView {
  id: string;
  status: "DRAFT" | "APPROVED" | "PAID" | "VOID";
  currency: string;
  total: string;
  periodEnd: string;
  createdAt: string;
  generatedById: string | null;
  approvedById: string | null;
  approvedAt: string | null;
  paidAt: string | null;
  voidedAt: string | null;
  owner: {
    id: string;
    name: string;
    payoutCurrency?: string;
    minimumPayout?: { amount: string; currency: string } | null;
  };
  /** Statements only: where the publisher is paid (null: not entered yet). */
  payoutDetails?: PayoutDetailsView | null;
  /** Paid statements: where the money went, as the details were when it was paid. */
  paidTo?: PaidToView | null;
  payments: readonly { id: string; amount: string; currency: string; reference: string; paidAt: string }[];
  lines: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor?: string | null };
    edges: readonly { node: Line }[];
  };
}

const WORDS: Record<Kind, { noun: string; Noun: string; owner: string; list: string; financeList: string }> =
  {
    statements: {
      noun: "statement",
      Noun: "Statement",
      owner: "Publisher",
      list: "/statements",
      financeList: "/finance/statements",
    },
    invoices: {
      noun: "invoice",
      Noun: "Invoice",
      owner: "Advertiser",
      list: "/invoices",
      financeList: "/finance/invoices",
    },
  };

export function StatementDetail() {
  return <DocumentDetail kind="statements" />;
}

export function InvoiceDetail() {
  return <DocumentDetail kind="invoices" />;
}

function DocumentDetail({ kind }: { kind: Kind }) {
  const { id = "" } = useParams();
  const client = useClient();
  const [statement, refetchStatement] = useQuery({
    query: StatementQuery,
    variables: { id },
    pause: kind !== "statements",
  });
  const [invoice, refetchInvoice] = useQuery({
    query: InvoiceQuery,
    variables: { id },
    pause: kind !== "invoices",
  });
  // Lines past the first page, fetched on demand and appended.
  const [more, setMore] = useState<{ lines: Line[]; hasNext: boolean; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const result = kind === "statements" ? statement : invoice;
  const refetch = () => {
    setMore(null);
    (kind === "statements" ? refetchStatement : refetchInvoice)({ requestPolicy: "network-only" });
  };
  const words = WORDS[kind];
  const answer = result.data?.document;

  if (result.error && !answer) return <ErrorState error={result.error} retry={refetch} />;
  if (!answer) return <Loading />;
  if (answer.__typename === "DomainError") {
    return (
      <section>
        <h1>
          {words.Noun} {id}
        </h1>
        <ErrorState error={`This ${words.noun} does not exist or is not yours.`} />
      </section>
    );
  }
  const first = answer.data as DocumentView;
  const document: DocumentView = more
    ? {
        ...first,
        lines: {
          totalCount: first.lines.totalCount,
          pageInfo: { hasNextPage: more.hasNext, endCursor: more.cursor },
          edges: [...first.lines.edges, ...more.lines.map((node) => ({ node }))],
        },
      }
    : first;

  async function loadMore() {
    const after = document.lines.pageInfo.endCursor ?? null;
    setLoadingMore(true);
    const variables = { id, after };
    const page =
      kind === "statements"
        ? (await client.query(StatementLinesQuery, variables).toPromise()).data?.document
        : (await client.query(InvoiceLinesQuery, variables).toPromise()).data?.document;
    setLoadingMore(false);
    if (!page || !("data" in page)) return;
    const lines = page.data.lines;
    setMore((previous) => ({
      lines: [...(previous?.lines ?? []), ...lines.edges.map((edge) => edge.node)],
      hasNext: lines.pageInfo.hasNextPage,
      cursor: lines.pageInfo.endCursor ?? null,
    }));
  }

  return (
    <DocumentView
      kind={kind}
      document={document}
      fetching={result.fetching || loadingMore}
      onLoadMore={loadMore}
      refetch={refetch}
    />
  );
}

function DocumentView(props: {
  kind: Kind;
  document: DocumentView;
  fetching: boolean;
  onLoadMore: () => void;
  refetch: () => void;
}) {
  const { kind, document } = props;
  const me = useMe();
  const words = WORDS[kind];
  const finance = me.role === "FINANCE" || me.role === "ADMIN";
  const lines = document.lines.edges.map((edge) => edge.node);
  const clawbacks = lines.filter((l) => l.kind === "CLAWBACK");
  const sum = (rows: Line[]) => rows.reduce((total, l) => total + BigInt(l.amount), 0n);
  const money = (amount: bigint | string) => formatMoney(amount, document.currency);

  function downloadCsv() {
    const digits = currencyDigits(document.currency);
    const csv = csvText(
      ["line_id", "conversion_id", "offer_id", "offer", "converted_at", "kind", "amount", "currency"],
      lines.map((l) => [
        l.id,
        l.conversionId,
        l.offerId,
        l.offerName,
        l.convertedAt,
        l.kind,
        minorToDecimal(l.amount, digits),
        document.currency,
      ]),
    );
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    const anchor = window.document.createElement("a");
    anchor.href = url;
    anchor.download = `${words.noun}-${document.id}.csv`;
    anchor.click();
    URL.revokeObjectURL(url);
  }

  return (
    <section className="money-document">
      <p className="no-print">
        <Link to={finance ? words.financeList : words.list}>← All {words.noun}s</Link>
      </p>
      <div className="heading-row">
        <h1>
          {words.Noun} {document.id}
        </h1>
        <StatusBadge status={document.status} />
        <span className="spacer" />
        <span className="no-print actions">
          <button type="button" className="secondary" onClick={downloadCsv}>
            Download CSV
          </button>
          <button type="button" className="secondary" onClick={() => window.print()}>
            Print
          </button>
        </span>
      </div>
      <dl className="figures document-facts">
        <div>
          <dt>{words.owner}</dt>
          <dd>{document.owner.name}</dd>
        </div>
        <div>
          <dt>Period end</dt>
          <dd>{formatDate(new Date(Date.parse(document.periodEnd) - 1))}</dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd data-testid="document-total">{money(document.total)}</dd>
        </div>
        <div>
          <dt>Lines</dt>
          <dd>{formatNumber(document.lines.totalCount)}</dd>
        </div>
        {clawbacks.length > 0 ? (
          <div>
            <dt>Clawbacks ({formatNumber(clawbacks.length)})</dt>
            <dd>{money(sum(clawbacks))}</dd>
          </div>
        ) : null}
        {kind === "statements" && document.status === "PAID" ? (
          // The record of the payment: the details as they were then, not the publisher's current ones.
          <div>
            <dt>Paid to</dt>
            <dd className="small" data-testid="paid-to">
              <PaidTo paidTo={document.paidTo} />
            </dd>
          </div>
        ) : kind === "statements" && document.status !== "VOID" && document.payoutDetails !== undefined ? (
          <div>
            <dt>Pay to</dt>
            <dd className="small" data-testid="pay-to">
              <PayTo details={document.payoutDetails} />
            </dd>
          </div>
        ) : null}
        {kind === "statements" && document.owner.payoutCurrency ? (
          <div>
            <dt>Payout terms</dt>
            <dd className="small">
              Paid in {document.owner.payoutCurrency}
              {document.owner.minimumPayout
                ? `, minimum ${formatMoney(document.owner.minimumPayout.amount, document.owner.minimumPayout.currency)}`
                : ""}
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="muted">
        Created {formatDateTime(document.createdAt)}
        {document.approvedAt ? ` · approved ${formatDateTime(document.approvedAt)}` : ""}
        {document.paidAt ? ` · paid ${formatDateTime(document.paidAt)}` : ""}
        {document.voidedAt ? ` · voided ${formatDateTime(document.voidedAt)}` : ""}
      </p>

      {finance ? <Actions kind={kind} document={document} onDone={props.refetch} /> : null}

      {document.payments.length > 0 ? (
        <>
          <h2>Payments</h2>
          <DataTable
            label="Payments"
            rows={document.payments}
            rowKey={(p) => p.id}
            columns={[
              { id: "reference", header: "Reference", cell: (p) => p.reference },
              { id: "paid", header: "Paid", cell: (p) => formatDate(p.paidAt) },
              {
                id: "amount",
                header: "Amount",
                numeric: true,
                cell: (p) => formatMoney(p.amount, p.currency),
              },
            ]}
          />
        </>
      ) : null}

      <h2>Lines</h2>
      <DataTable<Line>
        label={`Lines of ${words.noun} ${document.id}`}
        rows={lines}
        rowKey={(l) => l.id}
        // Every loaded line on one page, so the printed document is complete.
        pageSize={Math.max(lines.length, 1)}
        fetching={props.fetching}
        hasMore={document.lines.pageInfo.hasNextPage}
        onLoadMore={props.onLoadMore}
        columns={[
          {
            id: "conversion",
            header: "Conversion",
            sortValue: (l) => l.conversionId,
            cell: (l) => <code>{l.conversionId}</code>,
          },
          { id: "offer", header: "Offer", sortValue: (l) => l.offerName, cell: (l) => l.offerName },
          { id: "account", header: words.owner, cell: () => document.owner.name },
          {
            id: "converted",
            header: "Converted",
            sortValue: (l) => l.convertedAt,
            cell: (l) => formatDate(l.convertedAt),
          },
          {
            id: "kind",
            header: "Kind",
            sortValue: (l) => l.kind,
            cell: (l) => (l.kind === "CLAWBACK" ? "Clawback (reversed after payment)" : formatEnum(l.kind)),
          },
          {
            id: "amount",
            header: "Amount",
            numeric: true,
            sortValue: (l) => BigInt(l.amount),
            cell: (l) => money(l.amount),
            footer: <strong>{money(document.total)}</strong>,
          },
        ]}
      />
      {lines.length < document.lines.totalCount ? (
        <p className="muted no-print-hint">
          Showing {formatNumber(lines.length)} of {formatNumber(document.lines.totalCount)} lines: load the
          rest before printing or exporting.
        </p>
      ) : null}
    </section>
  );
}

type Pending = null | "paid" | "void";

/** What a dialog's submit hands back: nothing when it went through, else the refusal to show. */
type Refused = Extract<Outcome<unknown>, { ok: false }> | null;

/** Approve, mark paid and void, for finance; each refusal shows at its field, the button or the dialog. */
function Actions({ kind, document, onDone }: { kind: Kind; document: DocumentView; onDone: () => void }) {
  const me = useMe();
  const words = WORDS[kind];
  const operations = kind === "statements" ? statementOperations : invoiceOperations;
  const [approveState, approve] = useMutation(operations.approve);
  const [payState, markPaid] = useMutation(operations.markPaid);
  const [voidState, voidDocument] = useMutation(operations.void);
  const [open, setOpen] = useState<Pending>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const generatedByMe = document.generatedById === me.id;
  const label = `${words.noun} ${document.id}`;

  async function onApprove() {
    const outcome = outcomeOf(await approve({ id: document.id }), "result");
    setMessage(
      outcome.ok
        ? { ok: true, text: `${words.Noun} ${document.id} approved.` }
        : { ok: false, text: outcome.message },
    );
    if (outcome.ok) onDone();
  }

  async function onMarkPaid(values: MarkPaidValues): Promise<Refused> {
    const paidAt = paidAtOfDay(values.paidOn) ?? new Date();
    const outcome = outcomeOf(
      await markPaid({ id: document.id, reference: values.reference, paidAt: paidAt.toISOString() }),
      "result",
    );
    if (!outcome.ok) return outcome;
    setOpen(null);
    setMessage({ ok: true, text: `${words.Noun} ${document.id} marked paid.` });
    onDone();
    return null;
  }

  async function onVoid(values: VoidValues): Promise<Refused> {
    const outcome = outcomeOf(await voidDocument({ id: document.id, reason: values.reason }), "result");
    if (!outcome.ok) return outcome;
    setOpen(null);
    setMessage({ ok: true, text: `${words.Noun} ${document.id} voided.` });
    onDone();
    return null;
  }

  if (document.status === "PAID" || document.status === "VOID") {
    return message ? (
      <p role="status" className="notice no-print">
        {message.text}
      </p>
    ) : null;
  }
  return (
    <div className="document-actions no-print">
      {document.status === "DRAFT" ? (
        <span className="approve">
          <button
            type="button"
            disabled={approveState.fetching || generatedByMe}
            aria-describedby={generatedByMe ? "approve-why" : undefined}
            onClick={onApprove}
          >
            Approve
          </button>
          {generatedByMe ? (
            <span id="approve-why" className="muted">
              You generated this {words.noun}: another finance user approves it (two-person rule).
            </span>
          ) : null}
        </span>
      ) : null}
      {document.status === "APPROVED" ? (
        <button type="button" onClick={() => setOpen("paid")}>
          Mark paid…
        </button>
      ) : null}
      <button type="button" className="danger" onClick={() => setOpen("void")}>
        Void…
      </button>
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "notice" : undefined}>
          {message.text}
        </p>
      ) : null}
      {open === "void" ? (
        <VoidDialog
          title={`Void ${label}`}
          submitLabel={`Void ${words.noun}`}
          busy={voidState.fetching}
          onSubmit={onVoid}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {open === "paid" ? (
        <MarkPaidDialog
          title={`Mark ${label} paid`}
          total={formatMoney(document.total, document.currency)}
          busy={payState.fetching}
          onSubmit={onMarkPaid}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </div>
  );
}

type MarkPaidValues = z.output<typeof markPaidForm>;
type VoidValues = z.output<typeof voidForm>;

/**
 * The reference and the day of the payment, checked by the API's own rules (@leadrail/db) before the
 * round trip; the API's refusal lands on the same fields (its paidAt is this form's paidOn), anything
 * else (no payout details, someone else paid it first) in the alert at the button.
 */
function MarkPaidDialog(props: {
  title: string;
  total: string;
  busy: boolean;
  onSubmit: (values: MarkPaidValues) => Promise<Refused>;
  onClose: () => void;
}) {
  const today = new Date().toISOString().slice(0, 10);
  const form = useZodForm(markPaidForm, { defaultValues: { reference: "", paidOn: today } });
  const [alert, setAlert] = useState<string | null>(null);
  const submit = form.handleSubmit(async (values) => {
    setAlert(null);
    const refused = await props.onSubmit(values);
    if (refused) {
      setAlert(
        applyRefusal(form, refused, (path) =>
          path.at(-1) === "reference" ? "reference" : path.at(-1) === "paidAt" ? "paidOn" : null,
        ),
      );
    }
  });
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <p className="muted">Records one payment of {props.total}.</p>
      <form onSubmit={submit} noValidate>
        <FormInput form={form} name="reference" label="Payment reference" autoFocus autoComplete="off" />
        <FormInput form={form} name="paidOn" label="Paid on" type="date" max={today} />
        {alert ? <p role="alert">{alert}</p> : null}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" disabled={props.busy || form.formState.isSubmitting}>
            {props.busy ? "Working…" : "Mark paid"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The reason to void, checked by the API's own rule before the round trip. */
function VoidDialog(props: {
  title: string;
  submitLabel: string;
  busy: boolean;
  onSubmit: (values: VoidValues) => Promise<Refused>;
  onClose: () => void;
}) {
  const form = useZodForm(voidForm, { defaultValues: { reason: "" } });
  const [alert, setAlert] = useState<string | null>(null);
  const submit = form.handleSubmit(async (values) => {
    setAlert(null);
    const refused = await props.onSubmit(values);
    if (refused) setAlert(applyRefusal(form, refused));
  });
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <p className="muted">Its conversions become due again on the next run. This cannot be undone.</p>
      <form onSubmit={submit} noValidate>
        <FormInput form={form} name="reason" label="Reason" autoFocus autoComplete="off" />
        {alert ? <p role="alert">{alert}</p> : null}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="danger" disabled={props.busy || form.formState.isSubmitting}>
            {props.busy ? "Working…" : props.submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
