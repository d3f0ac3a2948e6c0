// Finance's queue of payout statements or advertiser invoices: status tabs, totals by currency, CSV
// export, and per document approve (disabled for whoever generated it: the API's two-person rule),
// mark paid with a reference, void with a reason. Statements.tsx and Invoices.tsx supply the typed
// operations; this file only knows the shape they share.
import { type FormEvent, useState } from "react";
import type { CombinedError } from "urql";
import { useMe } from "../app/me.ts";
import { StatusBadge } from "../ui/Badge.tsx";
import { formatDate, formatMoney } from "../ui/format.ts";
import type { Outcome } from "../ui/result.ts";
import { ErrorState, Loading } from "../ui/states.tsx";
import { CsvExportButton, TotalsByCurrency } from "./documents.tsx";

export type DocumentStatus = "DRAFT" | "APPROVED" | "PAID" | "VOID";
const STATUSES: DocumentStatus[] = ["DRAFT", "APPROVED", "PAID", "VOID"];

export interface QueueDocument {
  id: string;
  status: DocumentStatus;
  ownerName: string;
  periodEnd: string;
  lineCount: number;
  total: string;
  currency: string;
  paidAt: string | null;
  generatedById: string | null;
  payments: readonly { reference: string }[];
}

export interface QueueActions {
  approve(id: string): Promise<Outcome<unknown>>;
  markPaid(id: string, reference: string): Promise<Outcome<unknown>>;
  void(id: string, reason: string): Promise<Outcome<unknown>>;
}

export interface QueueProps {
  kind: "statements" | "invoices";
  /** "statement" or "invoice", in messages and labels. */
  noun: string;
  title: string;
  ownerLabel: string;
  status: DocumentStatus | "";
  onStatus(status: DocumentStatus | ""): void;
  fetching: boolean;
  error: CombinedError | undefined;
  /** The documents, or the API's refusal. */
  documents: readonly QueueDocument[] | { refused: string } | undefined;
  refetch(): void;
  actions: QueueActions;
}

export function DocumentQueue(props: QueueProps) {
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const done = (text: string) => {
    setMessage(text);
    setVersion((n) => n + 1);
    props.refetch();
  };
  const { documents } = props;

  return (
    <section>
      <div className="heading-row">
        <h1>{props.title}</h1>
        <CsvExportButton kind={props.kind} status={props.status} />
      </div>
      <TotalsByCurrency kind={props.kind} key={version} />
      <div className="tabs" role="tablist" aria-label="Status">
        {[...STATUSES, "" as const].map((value) => (
          <button
            key={value || "all"}
            type="button"
            role="tab"
            aria-selected={props.status === value}
            className={props.status === value ? "" : "secondary"}
            onClick={() => props.onStatus(value)}
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
      {props.error && !documents ? (
        <ErrorState error={props.error} retry={props.refetch} />
      ) : documents === undefined ? (
        <Loading />
      ) : "refused" in documents ? (
        <ErrorState error={documents.refused} />
      ) : documents.length === 0 ? (
        <p className="state empty">No {props.kind} in this queue.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>#</th>
                <th>{props.ownerLabel}</th>
                <th>Period end</th>
                <th>Status</th>
                <th className="num">Lines</th>
                <th className="num">Total</th>
                <th>Payment</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((document) => (
                <DocumentRow
                  key={document.id}
                  document={document}
                  noun={props.noun}
                  actions={props.actions}
                  onDone={done}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function DocumentRow(props: {
  document: QueueDocument;
  noun: string;
  actions: QueueActions;
  onDone: (message: string) => void;
}) {
  const { document, noun, actions } = props;
  const me = useMe();
  const [busy, setBusy] = useState(false);
  const canAct = me.role === "FINANCE" || me.role === "ADMIN";
  const generatedByMe = document.generatedById === me.id;
  const label = `${noun} ${document.id}`;
  const Noun = `${noun[0]?.toUpperCase()}${noun.slice(1)}`;

  async function run(action: () => Promise<Outcome<unknown>>, success: string) {
    setBusy(true);
    const outcome = await action();
    setBusy(false);
    props.onDone(outcome.ok ? success : outcome.message);
  }

  const field = (event: FormEvent<HTMLFormElement>, name: string) => {
    event.preventDefault();
    return String(new FormData(event.currentTarget).get(name) ?? "").trim();
  };

  return (
    <tr data-document-id={document.id}>
      <td>{document.id}</td>
      <td>{document.ownerName}</td>
      <td>{formatDate(document.periodEnd)}</td>
      <td>
        <StatusBadge status={document.status} />
      </td>
      <td className="num">{document.lineCount}</td>
      <td className="num">{formatMoney(document.total, document.currency)}</td>
      <td>
        {document.paidAt ? `${formatDate(document.paidAt)} · ` : ""}
        {document.payments.map((p) => p.reference).join(", ") || "—"}
      </td>
      <td className="actions">
        {canAct && document.status === "DRAFT" ? (
          <button
            type="button"
            disabled={busy || generatedByMe}
            title={generatedByMe ? `You generated this ${noun}: someone else approves it.` : undefined}
            aria-label={`Approve ${label}`}
            onClick={() => run(() => actions.approve(document.id), `${Noun} ${document.id} approved.`)}
          >
            Approve
          </button>
        ) : null}
        {canAct && document.status === "APPROVED" ? (
          <form
            className="inline-form"
            onSubmit={(event) => {
              const reference = field(event, "reference");
              void run(() => actions.markPaid(document.id, reference), `${Noun} ${document.id} marked paid.`);
            }}
          >
            <input
              name="reference"
              required
              placeholder="payment reference"
              aria-label={`Payment reference for ${label}`}
            />
            <button type="submit" disabled={busy} aria-label={`Mark ${label} paid`}>
              Mark paid
            </button>
          </form>
        ) : null}
        {canAct && (document.status === "DRAFT" || document.status === "APPROVED") ? (
          <details className="void">
            <summary>Void</summary>
            <form
              className="inline-form"
              onSubmit={(event) => {
                const reason = field(event, "reason");
                void run(() => actions.void(document.id, reason), `${Noun} ${document.id} voided.`);
              }}
            >
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
