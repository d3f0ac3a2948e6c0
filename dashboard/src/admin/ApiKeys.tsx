// Admins: every API key (name, prefix, whose, last use), created for any active user — the key itself
// is shown once, then only its prefix — and revoked (after a confirmation) at once.
import { type FormEvent, useMemo, useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../graphql.ts";
import { Badge } from "../ui/Badge.tsx";
import { CopyButton } from "../ui/CopyButton.tsx";
import { type Column, DataTable } from "../ui/DataTable.tsx";
import { Dialog } from "../ui/Dialog.tsx";
import { formatDate, formatDateTime } from "../ui/format.ts";
import { useMoreRows } from "../ui/more-rows.ts";
import { outcomeOf } from "../ui/result.ts";

const KeysQuery = graphql(`
  query AdminApiKeys {
    apiKeys(first: 100) {
      pageInfo { hasNextPage endCursor }
      edges { node { id name prefix createdAt lastUsedAt revokedAt user { id email } } }
    }
    users(first: 100) { edges { node { id email disabledAt } } }
  }
`);

// The pages after the first (Load more).
const MoreKeysQuery = graphql(`
  query AdminApiKeysMore($after: String!) {
    apiKeys(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id name prefix createdAt lastUsedAt revokedAt user { id email } } }
    }
  }
`);

const CreateKey = graphql(`
  mutation CreateApiKey($userId: ID!, $name: String!) {
    result: createApiKey(userId: $userId, name: $name) {
      __typename
      ... on MutationCreateApiKeySuccess { data { key apiKey { id name prefix } } }
      ... on DomainError { message }
    }
  }
`);

const RevokeKey = graphql(`
  mutation RevokeApiKey($id: ID!) {
    result: revokeApiKey(id: $id) {
      __typename
      ... on MutationRevokeApiKeySuccess { data { id revokedAt } }
      ... on DomainError { message }
    }
  }
`);

interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  user: { id: string; email: string };
}

export function ApiKeys() {
  const [result, refetch] = useQuery({ query: KeysQuery });
  const reload = () => refetch({ requestPolicy: "network-only" });
  const keys = useMoreRows({
    first: result.data?.apiKeys,
    query: MoreKeysQuery,
    variables: (after) => ({ after }),
    pick: (data) => data.apiKeys,
  });
  const [revoking, setRevoking] = useState<KeyRow | null>(null);
  const [revokeRun, revoke] = useMutation(RevokeKey);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function onRevoke(key: KeyRow) {
    const outcome = outcomeOf(await revoke({ id: key.id }), "result");
    if (!outcome.ok) return setRevokeError(outcome.message);
    setRevoking(null);
    setMessage(`Key ${key.name} (${key.prefix}…) is revoked.`);
    reload();
  }

  const columns = useMemo<Column<KeyRow>[]>(
    () => [
      { id: "name", header: "Name", sortValue: (k) => k.name, cell: (k) => k.name },
      { id: "prefix", header: "Key", cell: (k) => <code>{k.prefix}…</code> },
      { id: "user", header: "User", sortValue: (k) => k.user.email, cell: (k) => k.user.email },
      {
        id: "created",
        header: "Created",
        sortValue: (k) => k.createdAt,
        cell: (k) => formatDate(k.createdAt),
      },
      {
        id: "used",
        header: "Last used",
        sortValue: (k) => k.lastUsedAt,
        cell: (k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "Never"),
      },
      {
        id: "actions",
        header: "Status",
        sortValue: (k) => (k.revokedAt ? 1 : 0),
        cell: (k) =>
          k.revokedAt ? (
            <Badge tone="void">revoked {formatDate(k.revokedAt)}</Badge>
          ) : (
            <button
              type="button"
              className="danger"
              aria-label={`Revoke key ${k.name} of ${k.user.email}`}
              onClick={() => {
                setRevokeError(null);
                setRevoking(k);
              }}
            >
              Revoke…
            </button>
          ),
      },
    ],
    [],
  );

  return (
    <section>
      <h1>API keys</h1>
      <p className="muted">
        Keys scripts and integrations use to call the API as a user. A new key is shown once; revoke one that
        leaked or is no longer used.
      </p>
      {message ? (
        <p role="status" className="notice">
          {message}
        </p>
      ) : null}
      <NewKey
        users={(result.data?.users.edges.map((e) => e.node) ?? []).filter((u) => !u.disabledAt)}
        onCreated={reload}
      />
      <h2>All keys</h2>
      <DataTable<KeyRow>
        label="API keys"
        rows={keys.rows}
        rowKey={(k) => k.id}
        rowData={(k) => ({ "data-key-id": k.id })}
        fetching={result.fetching || keys.loading}
        error={result.error ?? keys.error ?? undefined}
        hasMore={keys.hasMore}
        onLoadMore={keys.loadMore}
        retry={reload}
        empty="No API keys yet."
        initialSort={{ id: "created", desc: true }}
        columns={columns}
      />
      {revoking ? (
        <Dialog title={`Revoke key ${revoking.name}?`} onClose={() => setRevoking(null)}>
          <p>
            Scripts using <code>{revoking.prefix}…</code> ({revoking.user.email}) stop working at once. This
            cannot be undone.
          </p>
          {revokeError ? <p role="alert">{revokeError}</p> : null}
          <div className="dialog-actions">
            <button type="button" className="secondary" onClick={() => setRevoking(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="danger"
              disabled={revokeRun.fetching}
              onClick={() => onRevoke(revoking)}
            >
              Revoke key
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}

function NewKey({ users, onCreated }: { users: { id: string; email: string }[]; onCreated: () => void }) {
  const [run, create] = useMutation(CreateKey);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const outcome = outcomeOf<{ key: string; apiKey: { name: string } }>(
      await create({ userId: String(data.get("user") ?? ""), name: String(data.get("name") ?? "").trim() }),
      "result",
    );
    if (!outcome.ok) return setError(outcome.message);
    setError(null);
    setCreated({ key: outcome.data.key, name: outcome.data.apiKey.name });
    form.reset();
    onCreated();
  }
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="new-key">
      <h2 id="new-key">New API key</h2>
      <div className="admin-forms">
        <label>
          User
          <select name="user" required>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.email}
              </option>
            ))}
          </select>
        </label>
        <label>
          Key name
          <input name="name" required maxLength={100} placeholder="CRM sync" />
        </label>
      </div>
      {error ? <p role="alert">{error}</p> : null}
      <div>
        <button type="submit" disabled={run.fetching}>
          Create key
        </button>
      </div>
      {created ? (
        <div className="notice" role="status">
          <p>Key {created.name} is created. Copy it now: it is shown this once, never again.</p>
          <p>
            <code data-testid="new-api-key">{created.key}</code> <CopyButton text={created.key} />
          </p>
        </div>
      ) : null}
    </form>
  );
}
