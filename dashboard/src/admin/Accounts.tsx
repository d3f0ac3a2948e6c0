// Admins: every advertiser and publisher account, created here (an advertiser's postback secret is
// shown once), suspended (with a reason, in a dialog: the account's users stop acting at once) and
// reactivated.
import { accountName, minimumPayout, newAdvertiserInput, payoutCurrency } from "@leadrail/db/account-input";
import { useMemo, useRef, useState } from "react";
import { useMutation, useQuery } from "urql";
import { z } from "zod";
import { graphql } from "../graphql.ts";
import { parseMajor } from "../money.ts";
import { StatusBadge } from "../ui/Badge.tsx";
import { CopyButton } from "../ui/CopyButton.tsx";
import { type Column, DataTable } from "../ui/DataTable.tsx";
import { formatDate, formatMoney } from "../ui/format.ts";
import { useMoreRows } from "../ui/more-rows.ts";
import { type Outcome, outcomeOf } from "../ui/result.ts";
import { applyRefusal, FormInput, FormSelect, useZodForm } from "../ui/zod-form.tsx";
import { StatusReasonDialog } from "./StatusReasonDialog.tsx";

const AccountsQuery = graphql(`
  query AdminAccounts {
    advertisers(first: 100) { pageInfo { hasNextPage endCursor } edges { node { id name status createdAt } } }
    publishers(first: 100) {
      pageInfo { hasNextPage endCursor }
      edges { node { id name status createdAt payoutCurrency minimumPayout { amount currency } } }
    }
  }
`);

// The pages after the first (Load more), per list.
const MoreAdvertisersQuery = graphql(`
  query AdminAdvertisersMore($after: String!) {
    advertisers(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id name status createdAt } }
    }
  }
`);

const MorePublishersQuery = graphql(`
  query AdminPublishersMore($after: String!) {
    publishers(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id name status createdAt payoutCurrency minimumPayout { amount currency } } }
    }
  }
`);

const CreateAdvertiser = graphql(`
  mutation CreateAdvertiser($name: String!) {
    result: createAdvertiser(name: $name) {
      __typename
      ... on MutationCreateAdvertiserSuccess { data { advertiser { id name } postbackSecret } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

const CreatePublisher = graphql(`
  mutation CreatePublisher($name: String!, $payoutCurrency: String, $minimumPayout: BigInt) {
    result: createPublisher(name: $name, payoutCurrency: $payoutCurrency, minimumPayout: $minimumPayout) {
      __typename
      ... on MutationCreatePublisherSuccess { data { id name } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

const SetAdvertiserStatus = graphql(`
  mutation SetAdvertiserStatus($id: ID!, $status: AccountStatus!, $reason: String) {
    result: setAdvertiserStatus(id: $id, status: $status, reason: $reason) {
      __typename
      ... on MutationSetAdvertiserStatusSuccess { data { id status } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

const SetPublisherStatus = graphql(`
  mutation SetPublisherStatus($id: ID!, $status: AccountStatus!, $reason: String) {
    result: setPublisherStatus(id: $id, status: $status, reason: $reason) {
      __typename
      ... on MutationSetPublisherStatusSuccess { data { id status } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

type Kind = "advertiser" | "publisher";
interface Account {
  id: string;
  name: string;
  status: "ACTIVE" | "SUSPENDED";
  createdAt: string;
  payoutCurrency?: string;
  minimumPayout?: { amount: string; currency: string } | null;
}

export function Accounts() {
  const [result, refetch] = useQuery({ query: AccountsQuery });
  const reload = () => refetch({ requestPolicy: "network-only" });
  const advertisers = useMoreRows({
    first: result.data?.advertisers,
    query: MoreAdvertisersQuery,
    variables: (after) => ({ after }),
    pick: (data) => data.advertisers,
  });
  const publishers = useMoreRows({
    first: result.data?.publishers,
    query: MorePublishersQuery,
    variables: (after) => ({ after }),
    pick: (data) => data.publishers,
  });
  const [advertiserRun, setAdvertiserStatus] = useMutation(SetAdvertiserStatus);
  const [publisherRun, setPublisherStatus] = useMutation(SetPublisherStatus);
  const [message, setMessage] = useState<string | null>(null);
  const [suspending, setSuspending] = useState<{ kind: Kind; account: Account } | null>(null);
  const busy = advertiserRun.fetching || publisherRun.fetching;

  /** Answers the refusal (for the suspend dialog to show at its field), or null once done. */
  async function setStatus(
    kind: Kind,
    account: Account,
    status: "ACTIVE" | "SUSPENDED",
    reason?: string,
  ): Promise<Extract<Outcome<unknown>, { ok: false }> | null> {
    const variables = { id: account.id, status, reason: reason ?? null };
    const outcome = outcomeOf(
      kind === "advertiser" ? await setAdvertiserStatus(variables) : await setPublisherStatus(variables),
      "result",
    );
    if (!outcome.ok) {
      if (status === "ACTIVE") setMessage(outcome.message);
      return outcome;
    }
    setSuspending(null);
    setMessage(`${account.name} is ${status === "ACTIVE" ? "active again" : "suspended"}.`);
    reload();
    return null;
  }

  // The columns stay the same object across renders (a remounted button could not take focus back
  // from the dialog), so they call the latest setStatus through a ref.
  const setStatusRef = useRef(setStatus);
  setStatusRef.current = setStatus;
  const columns = useMemo(() => {
    const of = (kind: Kind): Column<Account>[] => [
      { id: "id", header: "#", sortValue: (a) => Number(a.id), cell: (a) => a.id },
      { id: "name", header: "Name", sortValue: (a) => a.name, cell: (a) => a.name },
      {
        id: "status",
        header: "Status",
        sortValue: (a) => a.status,
        cell: (a) => <StatusBadge status={a.status} />,
      },
      ...(kind === "publisher"
        ? [
            {
              id: "payout",
              header: "Payout currency · minimum",
              cell: (a: Account) =>
                `${a.payoutCurrency ?? "—"} · ${a.minimumPayout ? formatMoney(a.minimumPayout.amount, a.minimumPayout.currency) : "—"}`,
            },
          ]
        : []),
      {
        id: "created",
        header: "Created",
        sortValue: (a) => a.createdAt,
        cell: (a) => formatDate(a.createdAt),
      },
      {
        id: "actions",
        header: "Actions",
        cell: (a) =>
          a.status === "ACTIVE" ? (
            <button
              type="button"
              className="danger"
              aria-label={`Suspend ${a.name}`}
              onClick={() => setSuspending({ kind, account: a })}
            >
              Suspend…
            </button>
          ) : (
            <button
              type="button"
              className="secondary"
              aria-label={`Reactivate ${a.name}`}
              disabled={busy}
              onClick={() => setStatusRef.current(kind, a, "ACTIVE")}
            >
              Reactivate
            </button>
          ),
      },
    ];
    return { advertiser: of("advertiser"), publisher: of("publisher") };
  }, [busy]);

  return (
    <section>
      <h1>Accounts</h1>
      <p className="muted">
        The network's advertisers and publishers: create them, and suspend one to stop its users, its links
        and its conversions at once.
      </p>
      {message ? (
        <p role="status" className="notice">
          {message}
        </p>
      ) : null}
      <div className="admin-forms">
        <NewAdvertiser onCreated={reload} />
        <NewPublisher onCreated={reload} />
      </div>
      <h2>Advertisers</h2>
      <DataTable<Account>
        label="Advertisers"
        rows={advertisers.rows}
        rowKey={(a) => a.id}
        rowData={(a) => ({ "data-account": `advertiser-${a.id}` })}
        fetching={result.fetching || advertisers.loading}
        error={result.error ?? advertisers.error ?? undefined}
        hasMore={advertisers.hasMore}
        onLoadMore={advertisers.loadMore}
        retry={reload}
        empty="No advertisers yet."
        columns={columns.advertiser}
      />
      <h2>Publishers</h2>
      <DataTable<Account>
        label="Publishers"
        rows={publishers.rows}
        rowKey={(a) => a.id}
        rowData={(a) => ({ "data-account": `publisher-${a.id}` })}
        fetching={result.fetching || publishers.loading}
        error={result.error ?? publishers.error ?? undefined}
        hasMore={publishers.hasMore}
        onLoadMore={publishers.loadMore}
        retry={reload}
        empty="No publishers yet."
        columns={columns.publisher}
      />
      {suspending ? (
        <StatusReasonDialog
          title={`Suspend ${suspending.account.name}`}
          label="Reason for the suspension"
          submitLabel="Suspend account"
          busy={busy}
          description="Its users are signed out and their API keys stop working until you reactivate it."
          onSubmit={(reason) => setStatus(suspending.kind, suspending.account, "SUSPENDED", reason)}
          onClose={() => setSuspending(null)}
        />
      ) : null}
    </section>
  );
}

function NewAdvertiser({ onCreated }: { onCreated: () => void }) {
  const [run, create] = useMutation(CreateAdvertiser);
  const form = useZodForm(newAdvertiserInput, { defaultValues: { name: "" } });
  const [alert, setAlert] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const submit = form.handleSubmit(async ({ name }) => {
    setAlert(null);
    const outcome = outcomeOf<{ advertiser: { name: string }; postbackSecret: string }>(
      await create({ name }),
      "result",
    );
    if (!outcome.ok) return setAlert(applyRefusal(form, outcome));
    setCreated({ name: outcome.data.advertiser.name, secret: outcome.data.postbackSecret });
    form.reset();
    onCreated();
  });
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="new-advertiser" noValidate>
      <h2 id="new-advertiser">New advertiser</h2>
      <FormInput form={form} name="name" label="Advertiser name" autoComplete="off" />
      {alert ? <p role="alert">{alert}</p> : null}
      <div>
        <button type="submit" disabled={run.fetching}>
          {run.fetching ? "Creating…" : "Create advertiser"}
        </button>
      </div>
      {created ? (
        <div className="notice" role="status">
          <p>{created.name} is created. Its postback secret, shown this once — hand it to the advertiser:</p>
          <p>
            <code data-testid="postback-secret">{created.secret}</code> <CopyButton text={created.secret} />
          </p>
        </div>
      ) : null}
    </form>
  );
}

const PAYOUT_CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD"] as const;

/**
 * The new-publisher form: the API's name and currency rules, and the minimum typed in major units of
 * the chosen currency (parseMajor), then held to the API's minimum-payout rule in minor units.
 */
const newPublisherForm = z
  .object({ name: accountName, payoutCurrency, minimum: z.string() })
  .transform((values, ctx) => {
    const text = values.minimum.trim();
    const minor = text ? parseMajor(text, values.payoutCurrency) : "0";
    const checked = minor === null ? null : minimumPayout.safeParse(BigInt(minor));
    if (!checked?.success) {
      ctx.addIssue({
        code: "custom",
        path: ["minimum"],
        message: `Enter an amount in ${values.payoutCurrency}, such as 50.00${checked ? ` (${checked.error.issues[0]?.message})` : ""}.`,
      });
      return z.NEVER;
    }
    return { name: values.name, payoutCurrency: values.payoutCurrency, minimumPayout: String(checked.data) };
  });

function NewPublisher({ onCreated }: { onCreated: () => void }) {
  const [run, create] = useMutation(CreatePublisher);
  const form = useZodForm(newPublisherForm, {
    defaultValues: { name: "", payoutCurrency: "USD", minimum: "" },
  });
  const [alert, setAlert] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const submit = form.handleSubmit(async (input) => {
    setAlert(null);
    const outcome = outcomeOf<{ name: string }>(await create(input), "result");
    if (!outcome.ok) {
      return setAlert(
        applyRefusal(form, outcome, (path) =>
          path.at(-1) === "minimumPayout"
            ? "minimum"
            : path.at(-1) === "name" || path.at(-1) === "payoutCurrency"
              ? (path.at(-1) as "name" | "payoutCurrency")
              : null,
        ),
      );
    }
    setCreated(outcome.data.name);
    form.reset();
    onCreated();
  });
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="new-publisher" noValidate>
      <h2 id="new-publisher">New publisher</h2>
      <FormInput form={form} name="name" label="Publisher name" autoComplete="off" />
      <FormSelect form={form} name="payoutCurrency" label="Payout currency">
        {PAYOUT_CURRENCIES.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </FormSelect>
      <FormInput
        form={form}
        name="minimum"
        label="Minimum payout"
        inputMode="decimal"
        placeholder="0.00"
        hint="Statements below it carry forward to the next period."
      />
      {alert ? <p role="alert">{alert}</p> : null}
      <div>
        <button type="submit" disabled={run.fetching}>
          {run.fetching ? "Creating…" : "Create publisher"}
        </button>
      </div>
      {created ? (
        <p className="notice" role="status">
          {created} is created. Add its users on the Users screen.
        </p>
      ) : null}
    </form>
  );
}
