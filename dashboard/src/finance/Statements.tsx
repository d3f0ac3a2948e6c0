// Finance's statements queue: approve (not the person who generated it), mark paid with the bank
// reference, void; totals by currency; CSV export. Also the admin's statements screen.
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

const StatementsQuery = graphql(`
  query FinanceStatements($filter: PayoutStatementFilter) {
    payoutStatements(first: 100, filter: $filter) {
      __typename
      ... on QueryPayoutStatementsSuccess {
        data {
          edges {
            node {
              id status currency total lineCount periodEnd createdAt approvedAt paidAt generatedById approvedById
              publisher { id name }
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
  mutation ApproveStatement($id: ID!) {
    approveStatement(id: $id) {
      __typename
      ... on MutationApproveStatementSuccess { data { id status } }
      ... on DomainError { message }
    }
  }
`);

const MarkPaidMutation = graphql(`
  mutation MarkStatementPaid($id: ID!, $paidAt: DateTime!, $reference: String!) {
    markStatementPaid(id: $id, paidAt: $paidAt, reference: $reference) {
      __typename
      ... on MutationMarkStatementPaidSuccess { data { id status } }
      ... on DomainError { message }
    }
  }
`);

const VoidMutation = graphql(`
  mutation VoidStatement($id: ID!, $reason: String!) {
    voidStatement(id: $id, reason: $reason) {
      __typename
      ... on MutationVoidStatementSuccess { data { id status } }
      ... on DomainError { message }
    }
  }
`);

type Status = NonNullable<NonNullable<VariablesOf<typeof StatementsQuery>["filter"]>["status"]>;
type Answer = ResultOf<typeof StatementsQuery>["payoutStatements"];
type Statement = Extract<
  Answer,
  { __typename: "QueryPayoutStatementsSuccess" }
>["data"]["edges"][number]["node"];

const STATUSES: Status[] = ["DRAFT", "APPROVED", "PAID", "VOID"];

export function FinanceStatements() {
  const [status, setStatus] = useState<Status | "">("DRAFT");
  const [result, refetch] = useQuery({
    query: StatementsQuery,
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
        <h1>Payout statements</h1>
        <CsvExportButton kind="statements" status={status} />
      </div>
      <TotalsByCurrency kind="statements" key={version} />
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
          const answer = data.payoutStatements;
          if (answer.__typename === "DomainError") return <ErrorState error={answer.message} />;
          if (answer.data.edges.length === 0)
            return <p className="state empty">No statements in this queue.</p>;
          return (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>#</th>
                    <th>Publisher</th>
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
                    <StatementRow key={node.id} statement={node} onDone={done} />
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

function StatementRow({
  statement,
  onDone,
}: {
  statement: Statement;
  onDone: (message: string | null) => void;
}) {
  const me = useMe();
  const [, approve] = useMutation(ApproveMutation);
  const [, markPaid] = useMutation(MarkPaidMutation);
  const [, voidStatement] = useMutation(VoidMutation);
  const [busy, setBusy] = useState(false);
  const canAct = me.role === "FINANCE" || me.role === "ADMIN";
  const generatedByMe = statement.generatedById === me.id;
  const label = `statement ${statement.id}`;

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
      () => markPaid({ id: statement.id, reference, paidAt: new Date().toISOString() }),
      "markStatementPaid",
      `Statement ${statement.id} marked paid.`,
    );
  }

  function onVoid(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    void run(
      () => voidStatement({ id: statement.id, reason }),
      "voidStatement",
      `Statement ${statement.id} voided.`,
    );
  }

  return (
    <tr data-statement-id={statement.id}>
      <td>{statement.id}</td>
      <td>{statement.publisher.name}</td>
      <td>{formatDate(statement.periodEnd)}</td>
      <td>
        <StatusBadge status={statement.status} />
      </td>
      <td className="num">{statement.lineCount}</td>
      <td className="num">{formatMinor(statement.total, statement.currency)}</td>
      <td>
        {statement.paidAt ? `${formatDate(statement.paidAt)} · ` : ""}
        {statement.payments.map((p) => p.reference).join(", ") || "—"}
      </td>
      <td className="actions">
        {canAct && statement.status === "DRAFT" ? (
          <button
            type="button"
            disabled={busy || generatedByMe}
            title={generatedByMe ? "You generated this statement: someone else approves it." : undefined}
            aria-label={`Approve ${label}`}
            onClick={() =>
              run(
                () => approve({ id: statement.id }),
                "approveStatement",
                `Statement ${statement.id} approved.`,
              )
            }
          >
            Approve
          </button>
        ) : null}
        {canAct && statement.status === "APPROVED" ? (
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
        {canAct && (statement.status === "DRAFT" || statement.status === "APPROVED") ? (
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
