// Admins: every API key (name, prefix, whose, last use), created for any active user — the key itself
// is shown once, then only its prefix — and revoked (after a confirmation) at once. The parts are
// shared with a publisher's lead API screen (api-keys/key-parts.tsx).
import { newApiKeyInput } from "@leadrail/db/account-input";
import { useMemo, useState } from "react";
import { Controller } from "react-hook-form";
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
import { graphql } from "../graphql.ts";
import { type Column, DataTable } from "../ui/DataTable.tsx";
import { useMoreRows } from "../ui/more-rows.ts";
import { SearchPicker } from "../ui/SearchPicker.tsx";
import { applyRefusal, FormInput, useZodForm } from "../ui/zod-form.tsx";
import { useActiveUserSearch } from "./account-search.ts";

const KeysQuery = graphql(`
  query AdminApiKeys {
    apiKeys(first: 100) {
      pageInfo { hasNextPage endCursor }
      edges { node { id name prefix createdAt lastUsedAt revokedAt user { id email } } }
    }
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

interface AdminKeyRow extends KeyRow {
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
  const [revoking, setRevoking] = useState<AdminKeyRow | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const columns = useMemo<Column<AdminKeyRow>[]>(() => {
    const [name, prefix, ...rest] = keyColumns<AdminKeyRow>();
    return [
      ...(name && prefix ? [name, prefix] : []),
      { id: "user", header: "User", sortValue: (k) => k.user.email, cell: (k) => k.user.email },
      ...rest,
      revokeColumn<AdminKeyRow>(setRevoking, (k) => `Revoke key ${k.name} of ${k.user.email}`),
    ];
  }, []);

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
      <NewKey onCreated={reload} />
      <h2>All keys</h2>
      <DataTable<AdminKeyRow>
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
        <RevokeKeyDialog
          revoking={revoking}
          whose={` (${revoking.user.email})`}
          onClose={() => setRevoking(null)}
          onRevoked={(key) => {
            setRevoking(null);
            setMessage(`Key ${key.name} (${key.prefix}…) is revoked.`);
            reload();
          }}
        />
      ) : null}
    </section>
  );
}

function NewKey({ onCreated }: { onCreated: () => void }) {
  const [fetching, createKey] = useCreateKey();
  const form = useZodForm(newApiKeyInput, { defaultValues: { userId: "", name: "" } });
  const searchUsers = useActiveUserSearch();
  const [alert, setAlert] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const submit = form.handleSubmit(async ({ userId, name }) => {
    setAlert(null);
    const outcome = await createKey(userId, name);
    if (!outcome.ok) {
      return setAlert(
        applyRefusal(form, outcome, (path) =>
          path.at(-1) === "userId" ? "userId" : path.at(-1) === "name" ? "name" : null,
        ),
      );
    }
    setCreated(outcome.data);
    form.reset();
    onCreated();
  });
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="new-key" noValidate>
      <h2 id="new-key">New API key</h2>
      <div className="admin-forms">
        <Controller
          control={form.control}
          name="userId"
          render={({ field, fieldState }) => (
            <SearchPicker
              label="User"
              value={field.value || null}
              onChange={(id) => field.onChange(id ?? "")}
              onBlur={field.onBlur}
              inputRef={field.ref}
              search={searchUsers}
              placeholder="Type part of the e-mail or name…"
              error={fieldState.error?.message}
            />
          )}
        />
        <FormInput form={form} name="name" label="Key name" placeholder="CRM sync" autoComplete="off" />
      </div>
      {alert ? <p role="alert">{alert}</p> : null}
      <div>
        <button type="submit" disabled={fetching}>
          {fetching ? "Creating…" : "Create key"}
        </button>
      </div>
      {created ? <NewKeyNotice created={created} /> : null}
    </form>
  );
}
