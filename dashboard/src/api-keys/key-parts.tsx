// The parts of API key management that the admin's key list and a publisher's lead API screen share:
// the create and revoke mutations, the one-time display of a new key, the revoke confirmation and the
// key columns.
import { useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../graphql.ts";
import { Badge } from "../ui/Badge.tsx";
import { CopyButton } from "../ui/CopyButton.tsx";
import type { Column } from "../ui/DataTable.tsx";
import { Dialog } from "../ui/Dialog.tsx";
import { formatDate, formatDateTime } from "../ui/format.ts";
import { type Outcome, outcomeOf } from "../ui/result.ts";

const CreateKey = graphql(`
  mutation CreateApiKey($userId: ID!, $name: String!) {
    result: createApiKey(userId: $userId, name: $name) {
      __typename
      ... on MutationCreateApiKeySuccess { data { key apiKey { id name prefix } } }
      ... on DomainError { message fields { path message } }
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

export interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedKey {
  key: string;
  name: string;
}

/** createApiKey as a function answering the new key (shown once) or a message. */
export function useCreateKey(): [boolean, (userId: string, name: string) => Promise<Outcome<CreatedKey>>] {
  const [run, create] = useMutation(CreateKey);
  const createKey = async (userId: string, name: string): Promise<Outcome<CreatedKey>> => {
    const outcome = outcomeOf<{ key: string; apiKey: { name: string } }>(
      await create({ userId, name }),
      "result",
    );
    return outcome.ok
      ? { ok: true, data: { key: outcome.data.key, name: outcome.data.apiKey.name } }
      : outcome;
  };
  return [run.fetching, createKey];
}

/** The new key, with the warning that it is shown this once. */
export function NewKeyNotice({ created }: { created: CreatedKey }) {
  return (
    <div className="notice" role="status">
      <p>Key {created.name} is created. Copy it now: it is shown this once, never again.</p>
      <p>
        <code data-testid="new-api-key">{created.key}</code> <CopyButton text={created.key} />
      </p>
    </div>
  );
}

/** Name, key prefix, created and last-used columns; the caller adds its own (owner, actions). */
export function keyColumns<K extends KeyRow>(): Column<K>[] {
  return [
    { id: "name", header: "Name", sortValue: (k) => k.name, cell: (k) => k.name },
    { id: "prefix", header: "Key", cell: (k) => <code>{k.prefix}…</code> },
    { id: "created", header: "Created", sortValue: (k) => k.createdAt, cell: (k) => formatDate(k.createdAt) },
    {
      id: "used",
      header: "Last used",
      sortValue: (k) => k.lastUsedAt,
      cell: (k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "Never"),
    },
  ];
}

/** The status column: "revoked <date>", or a button that opens the confirmation. */
export function revokeColumn<K extends KeyRow>(
  onRevoke: (key: K) => void,
  labelOf: (key: K) => string,
): Column<K> {
  return {
    id: "actions",
    header: "Status",
    sortValue: (k) => (k.revokedAt ? 1 : 0),
    cell: (k) =>
      k.revokedAt ? (
        <Badge tone="void">revoked {formatDate(k.revokedAt)}</Badge>
      ) : (
        <button type="button" className="danger" aria-label={labelOf(k)} onClick={() => onRevoke(k)}>
          Revoke…
        </button>
      ),
  };
}

/** The confirmation; `onRevoked` runs after the key is revoked. */
export function RevokeKeyDialog<K extends KeyRow>({
  revoking,
  whose,
  onClose,
  onRevoked,
}: {
  revoking: K;
  /** e.g. " (ada@example.com)" for the admin's list; empty for your own keys. */
  whose: string;
  onClose: () => void;
  onRevoked: (key: K) => void;
}) {
  const [run, revoke] = useMutation(RevokeKey);
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    const outcome = outcomeOf(await revoke({ id: revoking.id }), "result");
    if (!outcome.ok) return setError(outcome.message);
    onRevoked(revoking);
  }
  return (
    <Dialog title={`Revoke key ${revoking.name}?`} onClose={onClose}>
      <p>
        Scripts using <code>{revoking.prefix}…</code>
        {whose} stop working at once. This cannot be undone.
      </p>
      {error ? <p role="alert">{error}</p> : null}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="danger" disabled={run.fetching} onClick={confirm}>
          Revoke key
        </button>
      </div>
    </Dialog>
  );
}
