// Finance's queue of payout statements or advertiser invoices: status tabs, totals by currency, CSV
// export, and per document approve (disabled for whoever generated it: the API's two-person rule),
// mark paid with a reference, void with a reason. Statements.tsx and Invoices.tsx supply the typed
// operations; this file only knows the shape they share.
import { paymentReference, voidForm } from "@leadrail/db/money-document-input";
import { useId, useState } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { Link } from "react-router";
import type { CombinedError } from "urql";
import { z } from "zod";
import { useMe } from "../app/me.ts";
import { DataTable } from "../ui/DataTable.tsx";
import { documentSummaryColumns } from "../ui/document-columns.tsx";
import { formatDate } from "../ui/format.ts";
import type { Outcome } from "../ui/result.ts";
import { ErrorState } from "../ui/states.tsx";
import { applyRefusal, sentence, useZodForm } from "../ui/zod-form.tsx";
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
  error: CombinedError | string | undefined;
  /** More documents past those listed (Load more asks for the next page). */
  hasMore?: boolean;
  onLoadMore?: () => void;
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
      {documents !== undefined && "refused" in documents ? (
        <ErrorState error={documents.refused} />
      ) : (
        <DataTable<QueueDocument>
          label={props.title}
          rows={documents}
          rowKey={(document) => document.id}
          rowData={(document) => ({ "data-document-id": document.id })}
          fetching={props.fetching}
          error={props.error}
          retry={props.refetch}
          hasMore={props.hasMore}
          onLoadMore={props.onLoadMore}
          empty={`No ${props.kind} in this queue.`}
          columns={[
            {
              id: "id",
              header: "#",
              sortValue: (d) => Number(d.id),
              cell: (d) => (
                <Link to={`/finance/${props.kind}/${d.id}`} aria-label={`Open ${props.noun} ${d.id}`}>
                  {d.id}
                </Link>
              ),
            },
            {
              id: "owner",
              header: props.ownerLabel,
              sortValue: (d) => d.ownerName,
              cell: (d) => d.ownerName,
            },
            ...documentSummaryColumns<QueueDocument>(),
            {
              id: "payment",
              header: "Payment",
              cell: (d) =>
                `${d.paidAt ? `${formatDate(d.paidAt)} · ` : ""}${d.payments.map((p) => p.reference).join(", ") || "—"}`,
            },
            {
              id: "actions",
              header: "Actions",
              cell: (d) => (
                <DocumentActions
                  key={d.id}
                  document={d}
                  noun={props.noun}
                  actions={props.actions}
                  onDone={done}
                />
              ),
            },
          ]}
        />
      )}
    </section>
  );
}

function DocumentActions(props: {
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

  // The same field rules as the API's (@leadrail/db/money-document-input), checked before the round
  // trip; a refusal about the field lands under it, anything else in the queue's message.
  const payForm = useZodForm(referenceForm, { defaultValues: { reference: "" } });
  const reasonForm = useZodForm(voidForm, { defaultValues: { reason: "" } });

  async function run<Values extends FieldValues>(
    action: () => Promise<Outcome<unknown>>,
    success: string,
    form?: UseFormReturn<Values, unknown, unknown>,
  ) {
    setBusy(true);
    const outcome = await action();
    setBusy(false);
    if (outcome.ok) return props.onDone(success);
    const leftover = form ? applyRefusal(form, outcome) : outcome.message;
    if (leftover) props.onDone(leftover);
  }

  return (
    <span className="actions">
      {canAct && document.status === "DRAFT" ? (
        <button
          type="button"
          disabled={busy || generatedByMe}
          title={generatedByMe ? `You generated this ${noun}: another finance user approves it.` : undefined}
          aria-label={`Approve ${label}`}
          onClick={() => run(() => actions.approve(document.id), `${Noun} ${document.id} approved.`)}
        >
          Approve
        </button>
      ) : null}
      {canAct && document.status === "DRAFT" && generatedByMe ? (
        <span className="muted small">You generated it: another finance user approves.</span>
      ) : null}
      {canAct && document.status === "APPROVED" ? (
        <form
          className="inline-form"
          noValidate
          onSubmit={payForm.handleSubmit(({ reference }) =>
            run(
              () => actions.markPaid(document.id, reference),
              `${Noun} ${document.id} marked paid.`,
              payForm,
            ),
          )}
        >
          <InlineInput
            form={payForm}
            name="reference"
            placeholder="payment reference"
            label={`Payment reference for ${label}`}
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
            noValidate
            onSubmit={reasonForm.handleSubmit(({ reason }) =>
              run(() => actions.void(document.id, reason), `${Noun} ${document.id} voided.`, reasonForm),
            )}
          >
            <InlineInput
              form={reasonForm}
              name="reason"
              placeholder="reason"
              label={`Void reason for ${label}`}
            />
            <button type="submit" className="danger" disabled={busy}>
              Void
            </button>
          </form>
        </details>
      ) : null}
    </span>
  );
}

/** The queue's forms: one text field each, named by aria-label (the table row says what it is for). */
const referenceForm = z.object({ reference: paymentReference });

function InlineInput<Values extends Record<string, string>>(props: {
  form: UseFormReturn<Values, unknown, unknown>;
  name: Path<Values>;
  label: string;
  placeholder: string;
}) {
  const errorId = useId();
  const error = (props.form.formState.errors[props.name] as { message?: string } | undefined)?.message;
  return (
    <span className="inline-field">
      <input
        {...props.form.register(props.name)}
        placeholder={props.placeholder}
        aria-label={props.label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      {error ? (
        <span id={errorId} className="field-error">
          {sentence(error)}
        </span>
      ) : null}
    </span>
  );
}
