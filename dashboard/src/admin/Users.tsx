// Admins: every user with their role and account, created here (advertiser and publisher users belong
// to an account; admin and finance users to none), given another role (RoleDialog.tsx), disabled (with a
// reason: their sessions and keys stop at once) and enabled again.
import { newUserInput, ROLES, type Role, roleNeedsAccount } from "@leadrail/db/account-input";
import { useEffect, useMemo, useRef, useState } from "react";
import { Controller } from "react-hook-form";
import { useMutation, useQuery } from "urql";
import { useMe } from "../app/me.ts";
import { graphql } from "../graphql.ts";
import { Badge } from "../ui/Badge.tsx";
import { type Column, DataTable } from "../ui/DataTable.tsx";
import { formatDate, formatEnum } from "../ui/format.ts";
import { useMoreRows } from "../ui/more-rows.ts";
import { type Outcome, outcomeOf } from "../ui/result.ts";
import { SearchPicker } from "../ui/SearchPicker.tsx";
import { applyRefusal, FormInput, FormSelect, useZodForm } from "../ui/zod-form.tsx";
import { accountLabel, useAccountSearch } from "./account-search.ts";
import { RoleDialog } from "./RoleDialog.tsx";
import { StatusReasonDialog } from "./StatusReasonDialog.tsx";

const UsersQuery = graphql(`
  query AdminUsers {
    users(first: 100) {
      pageInfo { hasNextPage endCursor }
      edges { node { id name email role disabledAt createdAt advertiser { id name } publisher { id name } } }
    }
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
      ... on DomainError { message fields { path message } }
    }
  }
`);

const SetUserDisabled = graphql(`
  mutation SetUserDisabled($id: ID!, $disabled: Boolean!, $reason: String) {
    result: setUserDisabled(id: $id, disabled: $disabled, reason: $reason) {
      __typename
      ... on MutationSetUserDisabledSuccess { data { id disabledAt } }
      ... on DomainError { message fields { path message } }
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
  const [changingRole, setChangingRole] = useState<UserRow | null>(null);

  /** Answers the refusal (for the disable dialog to show at its field), or null once done. */
  async function toggle(
    user: UserRow,
    disabled: boolean,
    reason?: string,
  ): Promise<Extract<Outcome<unknown>, { ok: false }> | null> {
    const outcome = outcomeOf(await setDisabled({ id: user.id, disabled, reason: reason ?? null }), "result");
    if (!outcome.ok) {
      if (!disabled) setMessage(outcome.message);
      return outcome;
    }
    setDisabling(null);
    setMessage(`${user.email} is ${disabled ? "disabled" : "enabled again"}.`);
    reload();
    return null;
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
                  onClick={() => setDisabling(u)}
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
      <NewUser onCreated={reload} />
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
          onClose={() => setChangingRole(null)}
          onChanged={(words) => {
            setChangingRole(null);
            setMessage(words);
            reload();
          }}
        />
      ) : null}
      {disabling ? (
        <StatusReasonDialog
          title={`Disable ${disabling.email}`}
          label="Reason"
          submitLabel="Disable user"
          busy={run.fetching}
          description="They are signed out and their API keys stop working until you enable them again."
          onSubmit={(reason) => toggle(disabling, true, reason)}
          onClose={() => setDisabling(null)}
        />
      ) : null}
    </section>
  );
}

function NewUser(props: { onCreated: () => void }) {
  const [run, create] = useMutation(CreateUser);
  const form = useZodForm(newUserInput, {
    defaultValues: { role: "ADVERTISER", accountId: null, email: "", name: "", password: "" },
  });
  const [alert, setAlert] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const role = form.watch("role") as Role;
  const searchAccounts = useAccountSearch(role);
  // The account belongs to the role: another role starts without one.
  useEffect(() => {
    const watching = form.watch((_values, { name }) => {
      if (name === "role") form.setValue("accountId", null);
    });
    return () => watching.unsubscribe();
  }, [form]);

  const submit = form.handleSubmit(async (input) => {
    setAlert(null);
    const outcome = outcomeOf<{ email: string }>(await create(input), "result");
    if (!outcome.ok) return setAlert(applyRefusal(form, outcome, fieldOf));
    setCreated(outcome.data.email);
    form.reset();
    props.onCreated();
  });

  return (
    <form className="panel new-user" onSubmit={submit} aria-labelledby="new-user" noValidate>
      <h2 id="new-user">New user</h2>
      <div className="admin-forms">
        <FormSelect form={form} name="role" label="Role">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {formatEnum(r)}
            </option>
          ))}
        </FormSelect>
        {roleNeedsAccount(role) ? (
          <Controller
            control={form.control}
            name="accountId"
            render={({ field, fieldState }) => (
              <SearchPicker
                key={role}
                label={accountLabel(role)}
                value={field.value ?? null}
                onChange={(id) => field.onChange(id)}
                onBlur={field.onBlur}
                inputRef={field.ref}
                search={searchAccounts}
                placeholder="Type part of the name…"
                error={fieldState.error?.message}
              />
            )}
          />
        ) : null}
        <FormInput form={form} name="email" label="E-mail" type="email" autoComplete="off" />
        <FormInput form={form} name="name" label="Name" autoComplete="off" />
        <FormInput
          form={form}
          name="password"
          label="Password (optional, 12+ characters)"
          type="password"
          autoComplete="new-password"
          hint="Without one, the user can only call the API with a key."
        />
      </div>
      {alert ? <p role="alert">{alert}</p> : null}
      <div>
        <button type="submit" disabled={run.fetching}>
          {run.fetching ? "Creating…" : "Create user"}
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

/** The API's argument names are the form's, except where it says which account is meant. */
function fieldOf(path: readonly string[]) {
  const name = path.at(-1);
  return name === "role" || name === "accountId" || name === "email" || name === "name" || name === "password"
    ? name
    : null;
}
