// The advertiser's integration: each offer's postback URL and pixel ready to copy, the postback secret
// revealed on demand or rotated (behind a confirmation dialog: the old secret stops working at once),
// and the postback log — what arrived, how it was read, what we answered — searchable by click id or
// transaction id.
import { conversionReasonWords } from "@leadrail/db/conversion-reasons";
import { type FormEvent, useEffect, useState } from "react";
import { Link } from "react-router";
import { useMutation, useQuery } from "urql";
import { graphql, type ResultOf } from "../graphql.ts";
import { Badge } from "../ui/Badge.tsx";
import { ConfirmDialog } from "../ui/ConfirmDialog.tsx";
import { CopyButton } from "../ui/CopyButton.tsx";
import { type Column, DataTable } from "../ui/DataTable.tsx";
import { formatDateTime, formatEnum } from "../ui/format.ts";
import { outcomeOf } from "../ui/result.ts";
import { type PickerOption, SearchPicker } from "../ui/SearchPicker.tsx";
import { ErrorState, Loading, QueryState } from "../ui/states.tsx";
import { offerOption, useOfferSearch } from "./offer-search.ts";

// The newest offer is shown first; any other is found with the picker (offer-search.ts).
const NewestOfferQuery = graphql(`
  query IntegrationNewestOffer {
    offers(first: 1) { edges { node { id name status } } }
  }
`);

const OfferInstructionsQuery = graphql(`
  query IntegrationOffer($id: ID!) {
    offer(id: $id) { id postbackInstructions { postbackUrl signedPostbackUrl pixelUrl pixelHtml } }
  }
`);

const PostbackLogQuery = graphql(`
  query PostbackLog($filter: PostbackLogFilter, $after: String) {
    postbackLog(first: 50, after: $after, filter: $filter) {
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id receivedAt channel method clickId transactionId outcome reason conversionId params
          offer { id name }
          reading { status amount goal currency }
        }
      }
    }
  }
`);

const RevealMutation = graphql(`
  mutation RevealPostbackSecret {
    revealPostbackSecret {
      __typename
      ... on MutationRevealPostbackSecretSuccess { data { secret } }
      ... on DomainError { message }
    }
  }
`);

const RotateMutation = graphql(`
  mutation RotatePostbackSecret {
    rotatePostbackSecret {
      __typename
      ... on MutationRotatePostbackSecretSuccess { data { secret } }
      ... on DomainError { message }
    }
  }
`);

type LogRow = ResultOf<typeof PostbackLogQuery>["postbackLog"]["edges"][number]["node"];
type LogFilter = { search?: string; outcome?: "recorded" | "duplicate" | "rejected" };

const OUTCOME_WORDS: Record<string, string> = {
  recorded: "Recorded",
  duplicate: "Duplicate (already recorded)",
  rejected: "Rejected",
};

const logColumns: Column<LogRow>[] = [
  {
    id: "received",
    header: "Received",
    sortValue: (r) => r.receivedAt,
    cell: (r) => formatDateTime(r.receivedAt),
  },
  { id: "offer", header: "Offer", sortValue: (r) => r.offer?.name, cell: (r) => r.offer?.name ?? "—" },
  { id: "via", header: "Via", cell: (r) => `${formatEnum(r.channel)} ${r.method}` },
  { id: "click", header: "Click ID", cell: (r) => (r.clickId ? <code>{r.clickId}</code> : "—") },
  {
    id: "txn",
    header: "Transaction ID",
    cell: (r) => (r.transactionId ? <code>{r.transactionId}</code> : "—"),
  },
  { id: "status", header: "Status sent", cell: (r) => r.reading.status ?? "—" },
  { id: "amount", header: "Amount sent", numeric: true, cell: (r) => r.reading.amount ?? "—" },
  {
    id: "answer",
    header: "We answered",
    sortValue: (r) => r.outcome,
    cell: (r) => (
      <>
        <Badge
          tone={r.outcome === "rejected" ? "rejected" : r.outcome === "duplicate" ? "pending" : "approved"}
        >
          {OUTCOME_WORDS[r.outcome] ?? r.outcome}
        </Badge>
        {r.reason ? <div className="muted">{conversionReasonWords(r.reason)}</div> : null}
      </>
    ),
  },
  {
    id: "lead",
    header: "Lead",
    cell: (r) => (r.conversionId ? <Link to={`/leads/${r.conversionId}`}>Open lead</Link> : "—"),
  },
  {
    id: "params",
    header: "Parameters",
    cell: (r) => (
      <details>
        <summary>Show</summary>
        <code>{JSON.stringify(r.params)}</code>
      </details>
    ),
  },
];

export function Integration() {
  return (
    <section>
      <h1>Integration</h1>
      <SecretPanel />
      <OfferSnippets />
      <PostbackLog />
    </section>
  );
}

function SecretPanel() {
  const [secret, setSecret] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [revealing, reveal] = useMutation(RevealMutation);
  const [rotating, rotate] = useMutation(RotateMutation);

  async function onReveal() {
    const outcome = outcomeOf<{ secret: string }>(await reveal({}), "revealPostbackSecret");
    if (outcome.ok) setSecret(outcome.data.secret);
    setNote(outcome.ok ? null : outcome.message);
  }

  async function onRotate() {
    const outcome = outcomeOf<{ secret: string }>(await rotate({}), "rotatePostbackSecret");
    if (outcome.ok) setSecret(outcome.data.secret);
    setNote(
      outcome.ok
        ? "New secret in force: the old one no longer works. Update your system now."
        : outcome.message,
    );
  }

  return (
    <div className="panel">
      <h2>Postback secret</h2>
      <p>
        Your system proves its postbacks with this secret: as <code>token=</code> in the URL, or as the HMAC
        key of a signed POST. Keep it out of web pages (the pixel has its own per-offer token).
      </p>
      {secret ? (
        <div className="integration-snippet">
          <code data-testid="postback-secret">{secret}</code>
          <CopyButton text={secret} label="Copy secret" />
          <button type="button" className="secondary" onClick={() => setSecret(null)}>
            Hide
          </button>
        </div>
      ) : (
        <button type="button" className="secondary" onClick={onReveal} disabled={revealing.fetching}>
          Reveal secret
        </button>
      )}{" "}
      <button
        type="button"
        className="danger"
        onClick={() => setConfirming(true)}
        disabled={rotating.fetching}
      >
        Rotate secret…
      </button>
      {note ? (
        <p role="status" className="notice">
          {note}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title="Rotate the postback secret?"
        confirmLabel="Rotate now"
        danger
        onConfirm={() => void onRotate()}
        onClose={() => setConfirming(false)}
      >
        <p>
          A new secret replaces the current one at once, for every offer. Postbacks your system sends with the
          old secret are refused from that moment until you update it.
        </p>
      </ConfirmDialog>
    </div>
  );
}

function OfferSnippets() {
  const [result, refetch] = useQuery({ query: NewestOfferQuery });
  return (
    <div className="panel">
      <h2>Postback URL and pixel</h2>
      <QueryState
        {...result}
        retry={() => refetch({ requestPolicy: "network-only" })}
        isEmpty={(d) => d.offers.edges.length === 0}
        empty="No offers yet: create one to get its postback URL."
      >
        {(data) => {
          const newest = data.offers.edges[0]?.node;
          return newest ? <OfferSnippet newest={offerOption(newest)} /> : null;
        }}
      </QueryState>
    </div>
  );
}

/** The picked offer's postback URL, signed POST URL and pixel (the newest offer until one is picked). */
function OfferSnippet({ newest }: { newest: PickerOption }) {
  const search = useOfferSearch();
  const [offerId, setOfferId] = useState<string | null>(newest.id);
  const [result, refetch] = useQuery({
    query: OfferInstructionsQuery,
    variables: { id: offerId ?? "" },
    pause: !offerId,
  });
  // While another offer loads, the last one's data is still in `result`: shown only for its own id.
  const offer = result.data?.offer?.id === offerId ? result.data?.offer : undefined;
  const urls = offer?.postbackInstructions;
  return (
    <>
      <SearchPicker
        label="Offer"
        value={offerId}
        initial={newest}
        onChange={(id) => setOfferId(id)}
        search={search}
        placeholder="Type part of an offer's name…"
      />
      {!offerId ? (
        <p className="muted">Pick an offer to see its postback URL and pixel.</p>
      ) : result.error ? (
        <ErrorState error={result.error} retry={() => refetch({ requestPolicy: "network-only" })} />
      ) : !offer ? (
        result.fetching || !result.data ? (
          <Loading what="Loading the offer's postback URL" />
        ) : (
          <p className="muted">That offer is not among yours any more.</p>
        )
      ) : !urls ? null : (
        <>
          <h3>Server-to-server postback</h3>
          <p className="muted">
            Replace each <code>{"{placeholder}"}</code> with your system's macro and{" "}
            <code>{"{postback_secret}"}</code> with the secret above.
          </p>
          <div className="integration-snippet">
            <code data-testid="integration-postback-url">{urls.postbackUrl}</code>
            <CopyButton text={urls.postbackUrl} label="Copy postback URL" />
          </div>
          <h3>Signed POST</h3>
          <div className="integration-snippet">
            <code>{urls.signedPostbackUrl}</code>
            <CopyButton text={urls.signedPostbackUrl} label="Copy signed POST URL" />
          </div>
          <h3>Pixel for your thank-you page</h3>
          <div className="integration-snippet">
            <code data-testid="integration-pixel">{urls.pixelHtml}</code>
            <CopyButton text={urls.pixelHtml} label="Copy pixel" />
          </div>
        </>
      )}
    </>
  );
}

function PostbackLog() {
  const [filter, setFilter] = useState<LogFilter>({});
  const [after, setAfter] = useState<string | undefined>(undefined);
  const [rows, setRows] = useState<LogRow[] | undefined>(undefined);
  const [result, refetch] = useQuery({ query: PostbackLogQuery, variables: { filter, after } });

  // Pages accumulate ("Load more"); a new filter starts over.
  useEffect(() => {
    const page = result.data?.postbackLog.edges.map((e) => e.node);
    if (!page) return;
    setRows((current) => {
      if (!after || !current) return page;
      const seen = new Set(current.map((r) => r.id));
      return [...current, ...page.filter((r) => !seen.has(r.id))];
    });
  }, [result.data, after]);

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = String(form.get("search") ?? "").trim();
    const outcome = String(form.get("outcome") ?? "");
    setRows(undefined);
    setAfter(undefined);
    setFilter({
      ...(text ? { search: text } : {}),
      ...(outcome ? { outcome: outcome as LogFilter["outcome"] } : {}),
    });
  }

  return (
    <div className="panel">
      <h2>Postback log</h2>
      <p className="muted">
        Every postback and pixel your offers received, newest first, and what we did with it.
      </p>
      <form className="filters" onSubmit={search} aria-label="Search the postback log">
        <label>
          Click ID or transaction ID <input name="search" />
        </label>
        <label>
          Answer
          <select name="outcome" defaultValue="">
            <option value="">any</option>
            {Object.entries(OUTCOME_WORDS).map(([value, words]) => (
              <option key={value} value={value}>
                {words}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Search</button>
      </form>
      <DataTable
        label="Postback log"
        columns={logColumns}
        rows={rows}
        rowKey={(r) => r.id}
        rowData={(r) => ({ "data-postback-id": r.id })}
        fetching={result.fetching}
        error={result.error}
        retry={() => refetch({ requestPolicy: "network-only" })}
        empty={
          filter.search
            ? `No postback with click ID or transaction ID “${filter.search}”.`
            : "No postbacks yet."
        }
        hasMore={result.data?.postbackLog.pageInfo.hasNextPage ?? false}
        onLoadMore={() => setAfter(result.data?.postbackLog.pageInfo.endCursor ?? undefined)}
      />
    </div>
  );
}
