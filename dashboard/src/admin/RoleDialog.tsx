// Admins give a user another role: a dialog with the role and, for advertiser and publisher users, the
// account they belong to. The API's rules (accounts/user-role.ts) decide; a refusal about the account
// shows at the account field, any other at the button.
import { type FormEvent, useId, useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../graphql.ts";
import { Dialog } from "../ui/Dialog.tsx";
import { formatEnum } from "../ui/format.ts";
import { outcomeOf } from "../ui/result.ts";

export type Role = "ADMIN" | "ADVERTISER" | "PUBLISHER" | "FINANCE";
export const ROLES: Role[] = ["ADVERTISER", "PUBLISHER", "FINANCE", "ADMIN"];

const SetUserRole = graphql(`
  mutation SetUserRole($id: ID!, $role: Role!, $accountId: ID) {
    result: setUserRole(id: $id, role: $role, accountId: $accountId) {
      __typename
      ... on MutationSetUserRoleSuccess { data { id role } }
      ... on DomainError { message }
    }
  }
`);

interface Account {
  id: string;
  name: string;
}

export function RoleDialog(props: {
  user: {
    id: string;
    email: string;
    role: Role;
    advertiser: Account | null;
    publisher: Account | null;
  };
  advertisers: Account[];
  publishers: Account[];
  onClose: () => void;
  onChanged: (message: string) => void;
}) {
  const { user } = props;
  const [run, change] = useMutation(SetUserRole);
  const [role, setRole] = useState<Role>(user.role);
  const [error, setError] = useState<{ field: "account" | null; message: string } | null>(null);
  const accountErrorId = useId();
  const errorId = useId();
  const accounts = role === "ADVERTISER" ? props.advertisers : role === "PUBLISHER" ? props.publishers : null;
  const current =
    role === "ADVERTISER" ? user.advertiser?.id : role === "PUBLISHER" ? user.publisher?.id : null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const accountId = accounts
      ? String(new FormData(event.currentTarget).get("account") ?? "") || null
      : null;
    const outcome = outcomeOf(await change({ id: user.id, role, accountId }), "result");
    if (!outcome.ok) {
      const onAccount =
        outcome.message.startsWith("accountId:") || / not found|no such/i.test(outcome.message);
      setError({
        field: onAccount && accounts ? "account" : null,
        message: outcome.message.replace(/^accountId:\s*/, ""),
      });
      return;
    }
    const account = accounts?.find((a) => a.id === accountId);
    props.onChanged(
      `${user.email} is now ${formatEnum(role).toLowerCase()}${account ? ` of ${account.name}` : ""}; their sessions ended and API keys were revoked.`,
    );
  }

  return (
    <Dialog title={`Change the role of ${user.email}`} onClose={props.onClose}>
      <p className="muted">
        They are signed out and their API keys are revoked, so the new role applies from their next sign-in.
      </p>
      <form onSubmit={submit}>
        <label>
          New role
          <select
            name="role"
            value={role}
            onChange={(e) => {
              setRole(e.target.value as Role);
              setError(null);
            }}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {formatEnum(r)}
              </option>
            ))}
          </select>
        </label>
        {accounts ? (
          <label>
            {role === "ADVERTISER" ? "Advertiser account" : "Publisher account"}
            <select
              key={role}
              name="account"
              required
              defaultValue={current ?? ""}
              aria-invalid={error?.field === "account" ? true : undefined}
              aria-describedby={error?.field === "account" ? accountErrorId : undefined}
            >
              <option value="" disabled>
                Choose…
              </option>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p className="muted small">Finance and admin users belong to the network, not to an account.</p>
        )}
        {error?.field === "account" ? (
          <p id={accountErrorId} role="alert" className="field-error">
            {error.message}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="submit"
            disabled={run.fetching}
            aria-describedby={error?.field === null ? errorId : undefined}
          >
            {run.fetching ? "Working…" : "Change role"}
          </button>
        </div>
        {error && error.field === null ? (
          <p id={errorId} role="alert">
            {error.message}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
