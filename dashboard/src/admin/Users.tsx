// Admins: every user with their role and account, created here (advertiser and publisher users belong
// to an account; admin and finance users to none), given another role (RoleDialog.tsx), disabled (with a
// reason: their sessions and keys stop at once) and enabled again.
import { type FormEvent, useMemo, useRef, useState } from "react";
import { useMutation, useQuery } from "urql";
import { useMe } from "../app/me.ts";
import { graphql } from "../graphql.ts";
import { Badge } from "../ui/Badge.tsx";
import { type Column, DataTable } from "../ui/DataTable.tsx";
import { ReasonDialog } from "../ui/Dialog.tsx";
import { formatDate, formatEnum } from "../ui/format.ts";
import { useMoreRows } from "../ui/more-rows.ts";
import { outcomeOf } from "../ui/result.ts";
import { ROLES, type Role, RoleDialog } from "./RoleDialog.tsx";

const UsersQuery = graphql(`
  query AdminUsers {
    users(first: 100) {
      pageInfo { hasNextPage endCursor }
      edges { node { id name email role disabledAt createdAt advertiser { id name } publisher { id name } } }
    }
    advertisers(first: 100) { edges { node { id name } } }
    publishers(first: 100) { edges { node { id name } } }
  }
`);

// The pages after the first (Load more).
const MoreUsersQuery = graphql(`
  query AdminUsersMore($after: String!) {
    users(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id name email role disabledAt createdAt advertiser { id name } publisher { id name } } }
    }
  }
`);

const CreateUser = graphql(`
  mutation CreateUser($role: Role!, $accountId: ID, $email: String!, $name: String!, $password: String) {
    result: createUser(role: $role, accountId: $accountId, email: $email, name: $name, password: $password) {
      __typename
      ... on MutationCreateUserSuccess { data { id email } }
      ... on DomainError { message }
    }
  }
`);

const SetUserDisabled = graphql(`
  mutation SetUserDisabled($id: ID!, $disabled: Boolean!, $reason: String) {
    result: setUserDisabled(id: $id, disabled: $disabled, reason: $reason) {
      __typename
      ... on MutationSetUserDisabledSuccess { data { id disabledAt } }
      ... on DomainError { message }
    }
  }
`);

interface UserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  disabledAt: string | null;
  createdAt: string;
  advertiser: { id: string; name: string } | null;
  publisher: { id: string; name: string } | null;
}

export function Users() {
  const me = useMe();
  const [result, refetch] = useQuery({ query: UsersQuery });
  const reload = () => refetch({ requestPolicy: "network-only" });
  const users = useMoreRows({
    first: result.data?.users,
    query: MoreUsersQuery,
    variables: (after) => ({ after }),
    pick: (data) => data.users,
  });
  const [run, setDisabled] = useMutation(SetUserDisabled);
  const [message, setMessage] = useState<string | null>(null);
  const [disabling, setDisabling] = useState<UserRow | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [changingRole, setChangingRole] = useState<UserRow | null>(null);

  async function toggle(user: UserRow, disabled: boolean, reason?: string) {
    const outcome = outcomeOf(await setDisabled({ id: user.id, disabled, reason: reason ?? null }), "result");
    if (!outcome.ok) {
      if (disabled) setDialogError(outcome.message);
      else setMessage(outcome.message);
      return;
    }
    setDisabling(null);
    setMessage(`${user.email} is ${disabled ? "disabled" : "enabled again"}.`);
    reload();
  }

  // Stable columns (see Accounts.tsx): the latest toggle through a ref.
  const toggleRef = useRef(toggle);
  toggleRef.current = toggle;
  const columns = useMemo<Column<UserRow>[]>(
    () => [
      { id: "name", header: "Name", sortValue: (u) => u.name, cell: (u) => u.name },
      { id: "email", header: "E-mail", sortValue: (u) => u.email, cell: (u) => u.email },
      { id: "role", header: "Role", sortValue: (u) => u.role, cell: (u) => formatEnum(u.role) },
      {
        id: "account",
        header: "Account",
        sortValue: (u) => u.advertiser?.name ?? u.publisher?.name ?? "",
        cell: (u) => u.advertiser?.name ?? u.publisher?.name ?? "Network",
      },
      {
        id: "status",
        header: "Status",
        sortValue: (u) => (u.disabledAt ? 1 : 0),
        cell: (u) =>
          u.disabledAt ? (
            <Badge tone="void">disabled {formatDate(u.disabledAt)}</Badge>
          ) : (
            <Badge tone="active">active</Badge>
          ),
      },
      {
        id: "created",
        header: "Created",
        sortValue: (u) => u.createdAt,
        cell: (u) => formatDate(u.createdAt),
      },
      {
        id: "actions",
        header: "Actions",
        cell: (u) =>
          u.id === me.id ? (
            <span className="muted small">You</span>
          ) : (
            <span className="actions">
              <button
                type="button"
                className="secondary"
                aria-label={`Change role of ${u.email}`}
                onClick={() => setChangingRole(u)}
              >
                Change role…
              </button>
              {u.disabledAt ? (
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Enable ${u.email}`}
                  disabled={run.fetching}
                  onClick={() => toggleRef.current(u, false)}
                >
                  Enable
                </button>
              ) : (
                <button
                  type="button"
                  className="danger"
                  aria-label={`Disable ${u.email}`}
                  onClick={() => {
                    setDialogError(null);
                    setDisabling(u);
                  }}
                >
                  Disable…
                </button>
              )}
            </span>
          ),
      },
    ],
    [me.id, run.fetching],
  );

  return (
    <section>
      <h1>Users</h1>
      <p className="muted">
        Everyone who can sign in: their role and the account they belong to. Create users, change a role, or
        disable someone who should no longer have access.
      </p>
      {message ? (
        <p role="status" className="notice">
          {message}
        </p>
      ) : null}
      <NewUser
        advertisers={result.data?.advertisers.edges.map((e) => e.node) ?? []}
        publishers={result.data?.publishers.edges.map((e) => e.node) ?? []}
        onCreated={reload}
      />
      <h2>All users</h2>
      <DataTable<UserRow>
        label="Users"
        rows={users.rows}
        rowKey={(u) => u.id}
        rowData={(u) => ({ "data-user-id": u.id })}
        fetching={result.fetching || users.loading}
        error={result.error ?? users.error ?? undefined}
        hasMore={users.hasMore}
        onLoadMore={users.loadMore}
        retry={reload}
        initialSort={{ id: "role" }}
        columns={columns}
      />
      {changingRole ? (
        <RoleDialog
          user={changingRole}
          advertisers={result.data?.advertisers.edges.map((e) => e.node) ?? []}
          publishers={result.data?.publishers.edges.map((e) => e.node) ?? []}
          onClose={() => setChangingRole(null)}
          onChanged={(words) => {
            setChangingRole(null);
            setMessage(words);
            reload();
          }}
        />
      ) : null}
      {disabling ? (
        <ReasonDialog
          title={`Disable ${disabling.email}`}
          label="Reason"
          submitLabel="Disable user"
          danger
          busy={run.fetching}
          error={dialogError}
          description="They are signed out and their API keys stop working until you enable them again."
          onSubmit={(reason) => toggle(disabling, true, reason)}
          onClose={() => setDisabling(null)}
        />
      ) : null}
    </section>
  );
}

function NewUser(props: {
  advertisers: { id: string; name: string }[];
  publishers: { id: string; name: string }[];
  onCreated: () => void;
}) {
  const [run, create] = useMutation(CreateUser);
  const [role, setRole] = useState<Role>("ADVERTISER");
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const accounts = role === "ADVERTISER" ? props.advertisers : role === "PUBLISHER" ? props.publishers : null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    const outcome = outcomeOf<{ email: string }>(
      await create({
        role,
        accountId: accounts ? text("account") || null : null,
        email: text("email"),
        name: text("name"),
        password: text("password") || null,
      }),
      "result",
    );
    if (!outcome.ok) return setError(outcome.message);
    setError(null);
    setCreated(outcome.data.email);
    form.reset();
    props.onCreated();
  }

  return (
    <form className="panel new-user" onSubmit={submit} aria-labelledby="new-user">
      <h2 id="new-user">New user</h2>
      <div className="admin-forms">
        <label>
          Role
          <select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {formatEnum(r)}
              </option>
            ))}
          </select>
        </label>
        {accounts ? (
          <label>
            Account
            <select name="account" required>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          E-mail
          <input name="email" type="email" required autoComplete="off" />
        </label>
        <label>
          Name
          <input name="name" required maxLength={200} />
        </label>
        <label>
          Password (optional, 12+ characters)
          <input name="password" type="password" minLength={12} autoComplete="new-password" />
        </label>
      </div>
      {error ? <p role="alert">{error}</p> : null}
      <div>
        <button type="submit" disabled={run.fetching}>
          Create user
        </button>
      </div>
      {created ? (
        <p className="notice" role="status">
          {created} is created.
        </p>
      ) : null}
    </form>
  );
}
