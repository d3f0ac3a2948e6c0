// Finance's generation run: pick statements or invoices and the last day of the period, preview what
// would be created (per account and currency: lines, payouts, clawbacks carried in, total; and the
// accounts whose balance is carried forward), then generate exactly that. The preview is computed by
// the API with the same planning code as the generator, writing nothing.
import { type DOCUMENT_KINDS, generateForm, periodEndOfDay } from "@leadrail/db/money-document-input";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { useClient, useMutation } from "urql";
import { graphql, type ResultOf } from "../graphql.ts";
import { DataTable } from "../ui/DataTable.tsx";
import { formatDate, formatEnum, formatMoney, formatNumber } from "../ui/format.ts";
import { outcomeOf } from "../ui/result.ts";
import { ErrorState, Loading } from "../ui/states.tsx";
import { applyRefusal, FormInput, useZodForm } from "../ui/zod-form.tsx";

const StatementPreviewQuery = graphql(`
  query StatementPreview($periodEnd: DateTime!) {
    preview: payoutStatementPreview(periodEnd: $periodEnd) {
      __typename
      ... on QueryPayoutStatementPreviewSuccess {
        data {
          documents {
            accountId accountName currency total lineCount payoutTotal clawbackTotal clawbackCount
            lines { conversionId kind amount offerName convertedAt }
          }
          carriedForward { accountId accountName currency amount minimum lineCount reason }
        }
      }
      ... on DomainError { message fields { path message } }
    }
  }
`);

const InvoicePreviewQuery = graphql(`
  query InvoicePreview($periodEnd: DateTime!) {
    preview: advertiserInvoicePreview(periodEnd: $periodEnd) {
      __typename
      ... on QueryAdvertiserInvoicePreviewSuccess {
        data {
          documents {
            accountId accountName currency total lineCount payoutTotal clawbackTotal clawbackCount
            lines { conversionId kind amount offerName convertedAt }
          }
          carriedForward { accountId accountName currency amount minimum lineCount reason }
        }
      }
      ... on DomainError { message fields { path message } }
    }
  }
`);

const GenerateStatements = graphql(`
  mutation GenerateStatements($periodEnd: DateTime!) {
    result: generatePayoutStatements(periodEnd: $periodEnd) {
      __typename
      ... on MutationGeneratePayoutStatementsSuccess { data { documents: statements { id currency total } } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

const GenerateInvoices = graphql(`
  mutation GenerateInvoices($periodEnd: DateTime!) {
    result: generateAdvertiserInvoices(periodEnd: $periodEnd) {
      __typename
      ... on MutationGenerateAdvertiserInvoicesSuccess { data { documents: invoices { id currency total } } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

type Kind = (typeof DOCUMENT_KINDS)[number];
type PreviewAnswer = ResultOf<typeof StatementPreviewQuery>["preview"];
type PreviewData = Extract<PreviewAnswer, { data: unknown }>["data"];
type PreviewDocument = PreviewData["documents"][number];
type Carried = PreviewData["carriedForward"][number];

const DAY = 86_400_000;

function yesterday(): string {
  return new Date(Date.now() - DAY).toISOString().slice(0, 10);
}

const WORDS: Record<Kind, { account: string; noun: string; plural: string }> = {
  statements: { account: "Publisher", noun: "statement", plural: "statements" },
  invoices: { account: "Advertiser", noun: "invoice", plural: "invoices" },
};

/** The API's periodEnd is this form's day (the day before it, as a date). */
const fieldOf = (path: readonly string[]) => (path.at(-1) === "periodEnd" ? ("day" as const) : null);

export function GenerateDocuments() {
  const client = useClient();
  // The period rule is the API's own (@leadrail/db/money-document-input): a day whose period has not
  // ended shows at the field and nothing is sent.
  const form = useZodForm(generateForm, { defaultValues: { kind: "statements", day: yesterday() } });
  const [preview, setPreview] = useState<
    | { state: "loading" }
    | { state: "error"; message: string }
    | { state: "ready"; kind: Kind; periodEnd: Date; data: PreviewData }
    | null
  >(null);
  const [generated, setGenerated] = useState<
    { kind: Kind; documents: { id: string; currency: string; total: string }[] } | { error: string } | null
  >(null);
  const [statementRun, generateStatements] = useMutation(GenerateStatements);
  const [invoiceRun, generateInvoices] = useMutation(GenerateInvoices);
  const generating = statementRun.fetching || invoiceRun.fetching;
  const kind = form.watch("kind");
  const words = WORDS[kind];

  // A preview belongs to the kind and day it was made for: changing either drops it.
  useEffect(() => {
    const subscription = form.watch(() => setPreview(null));
    return () => subscription.unsubscribe();
  }, [form]);

  const onPreview = form.handleSubmit(async (values) => {
    setGenerated(null);
    const periodEnd = periodEndOfDay(values.day);
    if (!periodEnd) return;
    setPreview({ state: "loading" });
    const variables = { periodEnd: periodEnd.toISOString() };
    const result =
      values.kind === "statements"
        ? await client.query(StatementPreviewQuery, variables, { requestPolicy: "network-only" }).toPromise()
        : await client.query(InvoicePreviewQuery, variables, { requestPolicy: "network-only" }).toPromise();
    const answer = result.data?.preview;
    if (!answer || answer.__typename === "DomainError") {
      if (answer && "message" in answer) {
        const leftover = applyRefusal(form, answer, fieldOf);
        setPreview(leftover ? { state: "error", message: leftover } : null);
        return;
      }
      setPreview({ state: "error", message: result.error?.message ?? "No answer from the server." });
      return;
    }
    setPreview({ state: "ready", kind: values.kind, periodEnd, data: answer.data });
  });

  async function onGenerate() {
    if (preview?.state !== "ready") return;
    const variables = { periodEnd: preview.periodEnd.toISOString() };
    const outcome =
      preview.kind === "statements"
        ? outcomeOf<{ documents: { id: string; currency: string; total: string }[] }>(
            await generateStatements(variables),
            "result",
          )
        : outcomeOf<{ documents: { id: string; currency: string; total: string }[] }>(
            await generateInvoices(variables),
            "result",
          );
    if (outcome.ok) {
      setGenerated({ kind: preview.kind, documents: outcome.data.documents });
      setPreview(null);
      return;
    }
    const leftover = applyRefusal(form, outcome, fieldOf);
    if (leftover) setGenerated({ error: leftover });
    else setPreview(null);
  }

  return (
    <section className="generate">
      <h1>Generate documents</h1>
      <form className="panel generate-form" onSubmit={onPreview} noValidate>
        <fieldset className="kind">
          <legend>Documents</legend>
          <label className="inline">
            <input type="radio" value="statements" {...form.register("kind")} />
            Payout statements (to publishers)
          </label>
          <label className="inline">
            <input type="radio" value="invoices" {...form.register("kind")} />
            Advertiser invoices
          </label>
        </fieldset>
        <FormInput
          form={form}
          name="day"
          label="Last day of the period (UTC)"
          type="date"
          hint={`Everything due by the end of this day that is on no ${words.noun} yet.`}
        />
        <div>
          <button type="submit" disabled={preview?.state === "loading" || form.formState.isSubmitting}>
            Preview
          </button>
        </div>
      </form>

      {generated ? (
        "error" in generated ? (
          <p role="alert">{generated.error}</p>
        ) : (
          <div role="status" className="notice">
            {generated.documents.length === 0 ? (
              `Nothing new to generate: no ${WORDS[generated.kind].plural} were created.`
            ) : (
              <>
                Generated {formatNumber(generated.documents.length)} draft {WORDS[generated.kind].plural}:{" "}
                {generated.documents.map((document, i) => (
                  <span key={document.id}>
                    {i > 0 ? ", " : ""}
                    <Link to={`/finance/${generated.kind}/${document.id}`}>
                      #{document.id} ({formatMoney(document.total, document.currency)})
                    </Link>
                  </span>
                ))}
                . Someone else approves them.
              </>
            )}
          </div>
        )
      ) : null}

      {preview === null ? null : preview.state === "loading" ? (
        <Loading what="Computing the preview" />
      ) : preview.state === "error" ? (
        <ErrorState error={preview.message} />
      ) : (
        <PreviewResult
          kind={preview.kind}
          periodEnd={preview.periodEnd}
          data={preview.data}
          generating={generating}
          onGenerate={onGenerate}
        />
      )}
    </section>
  );
}

/** Sums per currency: totals are never added across currencies. */
function totalsByCurrency(documents: readonly PreviewDocument[]): [string, bigint][] {
  const sums = new Map<string, bigint>();
  for (const d of documents) sums.set(d.currency, (sums.get(d.currency) ?? 0n) + BigInt(d.total));
  return [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
}

function PreviewResult(props: {
  kind: Kind;
  periodEnd: Date;
  data: PreviewData;
  generating: boolean;
  onGenerate: () => void;
}) {
  const { data } = props;
  const words = WORDS[props.kind];
  const totals = totalsByCurrency(data.documents);
  const lastDay = new Date(props.periodEnd.getTime() - DAY);
  const [shown, setShown] = useState<PreviewDocument | null>(null);
  return (
    <section className="panel preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">
        Preview: {formatNumber(data.documents.length)} {words.plural} for the period ending{" "}
        {formatDate(lastDay)}
      </h2>
      {totals.length > 0 ? (
        <dl className="figures totals" aria-label="Preview totals">
          {totals.map(([currency, total]) => (
            <div key={currency}>
              <dt>Total {currency}</dt>
              <dd>{formatMoney(total, currency)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <DataTable<PreviewDocument>
        label={`${words.plural} to generate`}
        rows={data.documents}
        rowKey={(d) => `${d.accountId}-${d.currency}`}
        empty={`Nothing is due: no ${words.plural} would be created.`}
        columns={[
          {
            id: "account",
            header: words.account,
            sortValue: (d) => d.accountName,
            cell: (d) => (
              <button
                type="button"
                className="link"
                aria-pressed={shown === d}
                onClick={() => setShown(shown === d ? null : d)}
              >
                {d.accountName}
              </button>
            ),
          },
          { id: "currency", header: "Currency", sortValue: (d) => d.currency, cell: (d) => d.currency },
          {
            id: "lines",
            header: "Lines",
            numeric: true,
            sortValue: (d) => d.lineCount,
            cell: (d) => formatNumber(d.lineCount),
          },
          {
            id: "payouts",
            header: props.kind === "statements" ? "Payouts" : "Billed",
            numeric: true,
            sortValue: (d) => BigInt(d.payoutTotal),
            cell: (d) => formatMoney(d.payoutTotal, d.currency),
          },
          {
            id: "clawbacks",
            header: props.kind === "statements" ? "Clawbacks" : "Credits",
            numeric: true,
            sortValue: (d) => BigInt(d.clawbackTotal),
            cell: (d) =>
              d.clawbackCount > 0
                ? `${formatMoney(d.clawbackTotal, d.currency)} (${formatNumber(d.clawbackCount)})`
                : "—",
          },
          {
            id: "total",
            header: "Total",
            numeric: true,
            sortValue: (d) => BigInt(d.total),
            cell: (d) => formatMoney(d.total, d.currency),
          },
        ]}
      />
      {shown ? (
        <PlannedLines document={shown} noun={words.noun} />
      ) : (
        <p className="muted">
          Pick a {words.account.toLowerCase()} to see the lines of its {words.noun}.
        </p>
      )}
      <h3>Carried forward</h3>
      <DataTable<Carried>
        label="Carried forward"
        rows={data.carriedForward}
        rowKey={(c) => `${c.accountId}-${c.currency}`}
        empty="Nothing is carried forward."
        columns={[
          {
            id: "account",
            header: words.account,
            sortValue: (c) => c.accountName,
            cell: (c) => c.accountName,
          },
          { id: "currency", header: "Currency", sortValue: (c) => c.currency, cell: (c) => c.currency },
          {
            id: "open",
            header: "Open balance",
            numeric: true,
            sortValue: (c) => BigInt(c.amount),
            cell: (c) => formatMoney(c.amount, c.currency),
          },
          {
            id: "minimum",
            header: "Minimum",
            numeric: true,
            sortValue: (c) => BigInt(c.minimum),
            cell: (c) => formatMoney(c.minimum, c.currency),
          },
          {
            id: "lines",
            header: "Lines",
            numeric: true,
            sortValue: (c) => c.lineCount,
            cell: (c) => c.lineCount,
          },
          {
            id: "reason",
            header: "Why",
            sortValue: (c) => c.reason,
            cell: (c) => (c.reason === "below_minimum" ? "Below the minimum payout" : formatEnum(c.reason)),
          },
        ]}
      />
      <div className="generate-actions">
        <button
          type="button"
          onClick={props.onGenerate}
          disabled={props.generating || data.documents.length === 0}
        >
          {props.generating
            ? "Generating…"
            : `Generate ${formatNumber(data.documents.length)} ${words.plural}`}
        </button>
      </div>
    </section>
  );
}

/** One planned document's lines, as they will be written. */
function PlannedLines({ document, noun }: { document: PreviewDocument; noun: string }) {
  return (
    <div className="preview-lines">
      <h3>
        Lines of the {noun} for {document.accountName} ({document.currency})
      </h3>
      <DataTable<PreviewDocument["lines"][number]>
        label={`Lines for ${document.accountName} in ${document.currency}`}
        rows={document.lines}
        rowKey={(line) => `${line.conversionId}-${line.kind}`}
        columns={[
          {
            id: "conversion",
            header: "Conversion",
            sortValue: (line) => line.conversionId,
            cell: (line) => <code>{line.conversionId}</code>,
          },
          {
            id: "offer",
            header: "Offer",
            sortValue: (line) => line.offerName,
            cell: (line) => line.offerName,
          },
          {
            id: "converted",
            header: "Converted",
            sortValue: (line) => line.convertedAt,
            cell: (line) => formatDate(line.convertedAt),
          },
          {
            id: "kind",
            header: "Kind",
            sortValue: (line) => line.kind,
            cell: (line) => formatEnum(line.kind),
          },
          {
            id: "amount",
            header: "Amount",
            numeric: true,
            sortValue: (line) => BigInt(line.amount),
            cell: (line) => formatMoney(line.amount, document.currency),
            footer: formatMoney(document.total, document.currency),
          },
        ]}
      />
    </div>
  );
}
