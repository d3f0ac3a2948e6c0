// Publishers: the lead API, for leads collected on their own landing pages and posted from their own
// servers. Their API keys (created here, shown once; revoked here) and the documentation with a request
// they can copy, filled with their offers, their form fields and the tracker's address.
import { type FormEvent, useMemo, useState } from "react";
import { useQuery } from "urql";
import {
  type CreatedKey,
  type KeyRow,
  keyColumns,
  NewKeyNotice,
  RevokeKeyDialog,
  revokeColumn,
  useCreateKey,
} from "../api-keys/key-parts.tsx";
import { useMe } from "../app/me.ts";
import { graphql } from "../graphql.ts";
import { CopyButton } from "../ui/CopyButton.tsx";
import { DataTable } from "../ui/DataTable.tsx";
import { formatMoney } from "../ui/format.ts";
import { type PickerOption, SearchPicker, useGraphqlSearch } from "../ui/SearchPicker.tsx";
import { Empty, ErrorState, Loading, QueryState } from "../ui/states.tsx";
import { curlExample } from "./lead-api-example.ts";

// The documentation starts on the publisher's first offer; any other is found with the picker.
const LeadApiQuery = graphql(`
  query PublisherLeadApi {
    apiKeys(first: 100) { edges { node { id name prefix createdAt lastUsedAt revokedAt } } }
    leadApi {
      endpoint
      offers(first: 1) {
        id name currency defaultPayout consentVersion fields { name label type required options }
      }
    }
  }
`);

const LeadApiOfferQuery = graphql(`
  query PublisherLeadApiOffer($id: ID!) {
    leadApi {
      offer(id: $id) {
        id name currency defaultPayout consentVersion fields { name label type required options }
      }
    }
  }
`);

/** How many offers the picker lists; typing more narrows them. */
const MATCHES = 20;

const LeadApiOfferSearch = graphql(`
  query PublisherLeadApiOfferSearch($search: String, $first: Int!) {
    leadApi { offers(search: $search, first: $first) { id name } }
  }
`);

function offerOption(offer: { id: string; name: string }): PickerOption {
  return { id: offer.id, label: offer.name, detail: `#${offer.id}` };
}

const API_KEY_PLACEHOLDER = "$LEADRAIL_API_KEY";

export function LeadApi() {
  const me = useMe();
  const [result, refetch] = useQuery({ query: LeadApiQuery });
  const reload = () => refetch({ requestPolicy: "network-only" });
  const [revoking, setRevoking] = useState<KeyRow | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const columns = useMemo(
    () => [...keyColumns<KeyRow>(), revokeColumn<KeyRow>(setRevoking, (k) => `Revoke key ${k.name}`)],
    [],
  );

  return (
    <section>
      <h1>Lead API</h1>
      <p className="muted">
        Post leads from your own landing pages, server to server: the same checks, consent and payouts as the
        hosted form.
      </p>
      {message ? (
        <p role="status" className="notice">
          {message}
        </p>
      ) : null}

      <h2>Your API keys</h2>
      <NewKey
        userId={me.id}
        onCreated={(key) => {
          setCreated(key);
          reload();
        }}
      />
      {created ? <NewKeyNotice created={created} /> : null}
      <DataTable<KeyRow>
        label="Your API keys"
        rows={result.data?.apiKeys.edges.map((e) => e.node)}
        rowKey={(k) => k.id}
        rowData={(k) => ({ "data-key-id": k.id })}
        fetching={result.fetching}
        error={result.error}
        retry={reload}
        empty="No API keys yet: create one above to post leads."
        initialSort={{ id: "created", desc: true }}
        columns={columns}
      />
      {revoking ? (
        <RevokeKeyDialog
          revoking={revoking}
          whose=""
          onClose={() => setRevoking(null)}
          onRevoked={(key) => {
            setRevoking(null);
            setMessage(`Key ${key.name} (${key.prefix}…) is revoked.`);
            reload();
          }}
        />
      ) : null}

      <h2>How to post a lead</h2>
      <QueryState fetching={result.fetching} error={result.error} data={result.data} retry={reload}>
        {(data) => (
          <Documentation
            endpoint={data.leadApi.endpoint}
            first={data.leadApi.offers[0]}
            apiKey={created?.key ?? null}
          />
        )}
      </QueryState>
    </section>
  );
}

function NewKey({ userId, onCreated }: { userId: string; onCreated: (key: CreatedKey) => void }) {
  const [fetching, createKey] = useCreateKey();
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "").trim();
    const outcome = await createKey(userId, name);
    if (!outcome.ok) return setError(outcome.message);
    setError(null);
    form.reset();
    onCreated(outcome.data);
  }
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="new-lead-key">
      <h3 id="new-lead-key">New API key</h3>
      <label>
        Key name
        <input
          name="name"
          required
          maxLength={100}
          placeholder="Landing page server"
          aria-describedby={error ? "new-lead-key-error" : undefined}
        />
      </label>
      {error ? (
        <p role="alert" id="new-lead-key-error">
          {error}
        </p>
      ) : null}
      <div>
        <button type="submit" disabled={fetching}>
          Create key
        </button>
      </div>
    </form>
  );
}

interface DocOffer {
  id: string;
  name: string;
  currency: string;
  defaultPayout: string;
  consentVersion: number;
  fields: { name: string; label: string; type: string; required: boolean; options: string[] | null }[];
}

function Documentation({
  endpoint,
  first,
  apiKey,
}: {
  endpoint: string;
  first: DocOffer | undefined;
  apiKey: string | null;
}) {
  const [offerId, setOfferId] = useState<string | null>(first?.id ?? null);
  const [requestId] = useState(() => `lead-${Math.random().toString(36).slice(2, 10)}`);
  const search = useGraphqlSearch(
    LeadApiOfferSearch,
    (text) => ({ search: text || null, first: MATCHES }),
    (data) => data.leadApi.offers.map(offerOption),
  );
  const [picked, refetch] = useQuery({
    query: LeadApiOfferQuery,
    variables: { id: offerId ?? "" },
    pause: !offerId || offerId === first?.id,
  });
  if (!first) {
    return (
      <Empty>
        No offer takes leads through the API for you yet: join an offer with a lead form in the Marketplace.
      </Empty>
    );
  }
  // While another offer loads, the last one's data is still in `picked`: used only for its own id.
  const pickedOffer = picked.data?.leadApi.offer;
  const offer = offerId === first.id ? first : pickedOffer?.id === offerId ? pickedOffer : undefined;
  return (
    <div className="lead-api-docs">
      <p>
        Send <code>POST {endpoint}</code> with <code>Authorization: Bearer &lt;API key&gt;</code> and a JSON
        body: the offer's id, the visitor's answers in <code>fields</code>, their consent when the offer's
        form asks for it, your sub IDs, and the click id when the visitor came through one of your tracking
        links. A lead without a click id is credited to you as your own traffic.
      </p>
      <SearchPicker
        label="Offer"
        value={offerId}
        initial={offerOption(first)}
        onChange={(id) => setOfferId(id)}
        search={search}
        placeholder="Type part of an offer's name…"
      />
      {!offerId ? (
        <p className="muted">Pick an offer to see its fields and an example request.</p>
      ) : offer ? (
        <OfferDocumentation endpoint={endpoint} offer={offer} apiKey={apiKey} requestId={requestId} />
      ) : picked.error ? (
        <ErrorState error={picked.error} retry={() => refetch({ requestPolicy: "network-only" })} />
      ) : picked.fetching || !picked.data ? (
        <Loading what="Loading the offer's fields" />
      ) : (
        <p className="muted">You can no longer post leads for that offer: pick another.</p>
      )}
      <h3>Answers</h3>
      <ul>
        <li>
          <strong>201</strong>{" "}
          <code>{'{ "lead_id", "status", "reason"?, "payout": { "amount", "currency" } }'}</code>: the lead is
          recorded (amounts in minor units, as a string).
        </li>
        <li>
          <strong>422</strong>{" "}
          <code>{'{ "error": "invalid_input", "fields": { "fields.email": "…" } }'}</code>: nothing is stored;
          each field says what is wrong.
        </li>
        <li>
          <strong>401</strong> bad key, <strong>403</strong> not approved for the offer, <strong>404</strong>{" "}
          unknown offer, <strong>409</strong> request id reused with another body or click already converted,{" "}
          <strong>413</strong> body over 32 KB, <strong>415</strong> not JSON, <strong>429</strong> too many
          requests: <code>{'{ "error", "message", "field"? }'}</code>.
        </li>
      </ul>
    </div>
  );
}

function OfferDocumentation({
  endpoint,
  offer,
  apiKey,
  requestId,
}: {
  endpoint: string;
  offer: DocOffer;
  apiKey: string | null;
  requestId: string;
}) {
  const example = curlExample({ endpoint, apiKey: apiKey ?? API_KEY_PLACEHOLDER, requestId, offer });
  return (
    <>
      <p>
        Pays {formatMoney(offer.defaultPayout, offer.currency)} per approved lead.{" "}
        {offer.consentVersion > 0
          ? `Its form asks for consent: send consent.given = true and consent.text_version = ${offer.consentVersion}.`
          : "Its form asks for no consent."}
      </p>
      <table aria-label={`Fields of offer ${offer.name}`}>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Label</th>
            <th scope="col">Type</th>
            <th scope="col">Required</th>
          </tr>
        </thead>
        <tbody>
          {offer.fields.map((field) => (
            <tr key={field.name}>
              <td>
                <code>{field.name}</code>
              </td>
              <td>{field.label}</td>
              <td>{field.type}</td>
              <td>{field.required ? "Yes" : "No"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 id="lead-api-example">Example request</h3>
      <p>
        {apiKey
          ? "It carries the key you just created."
          : `Replace ${API_KEY_PLACEHOLDER} with one of your keys.`}{" "}
        Send the same Idempotency-Key again to retry safely: you get the same answer and no second lead.
      </p>
      <pre data-testid="lead-api-example">{example}</pre>
      <CopyButton text={example} label="Copy the example" />
    </>
  );
}
