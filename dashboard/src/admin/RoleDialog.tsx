// Admins give a user another role: a dialog with the role and, for advertiser and publisher users, the
// account they belong to, picked by searching (any account, not only a first page). The rule is the
// API's own (@leadrail/db/account-input `roleChangeInput`): a missing account shows at its field before
// any round trip, and the API's refusals about the account land there too; any other at the button.
import { ROLES, type Role, roleChangeInput, roleNeedsAccount } from "@leadrail/db/account-input";
import { useEffect, useRef, useState } from "react";
import { Controller } from "react-hook-form";
import { useMutation } from "urql";
import { graphql } from "../graphql.ts";
import { Dialog } from "../ui/Dialog.tsx";
import { formatEnum } from "../ui/format.ts";
import { outcomeOf } from "../ui/result.ts";
import { type PickerOption, SearchPicker } from "../ui/SearchPicker.tsx";
import { applyRefusal, FormSelect, useZodForm } from "../ui/zod-form.tsx";
import { accountLabel, useAccountSearch } from "./account-search.ts";

const SetUserRole = graphql(`
  mutation SetUserRole($id: ID!, $role: Role!, $accountId: ID) {
    result: setUserRole(id: $id, role: $role, accountId: $accountId) {
      __typename
      ... on MutationSetUserRoleSuccess { data { id role } }
      ... on DomainError { message fields { path message } }
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
  onClose: () => void;
  onChanged: (message: string) => void;
}) {
  const { user } = props;
  const [run, change] = useMutation(SetUserRole);
  const currentOf = (role: Role): PickerOption | null => {
    const account = role === "ADVERTISER" ? user.advertiser : role === "PUBLISHER" ? user.publisher : null;
    return account ? { id: account.id, label: account.name } : null;
  };
  const form = useZodForm(roleChangeInput, {
    defaultValues: { role: user.role, accountId: currentOf(user.role)?.id ?? null },
  });
  const [alert, setAlert] = useState<string | null>(null);
  const picked = useRef<PickerOption | null>(currentOf(user.role));
  const role = form.watch("role") as Role;
  const searchAccounts = useAccountSearch(role);

  // Another role starts from the user's account of that kind, if any.
  const shownRole = useRef(role);
  useEffect(() => {
    if (shownRole.current === role) return;
    shownRole.current = role;
    picked.current = currentOf(role);
    form.setValue("accountId", picked.current?.id ?? null);
    form.clearErrors("accountId");
    setAlert(null);
  });

  const submit = form.handleSubmit(async (input) => {
    setAlert(null);
    const outcome = outcomeOf(await change({ id: user.id, ...input }), "result");
    if (!outcome.ok) {
      return setAlert(
        applyRefusal(form, outcome, (path) =>
          path.at(-1) === "accountId" ? "accountId" : path.at(-1) === "role" ? "role" : null,
        ),
      );
    }
    const account = input.accountId ? picked.current : null;
    props.onChanged(
      `${user.email} is now ${formatEnum(input.role).toLowerCase()}${account ? ` of ${account.label}` : ""}; their sessions ended and API keys were revoked.`,
    );
  });

  return (
    <Dialog title={`Change the role of ${user.email}`} onClose={props.onClose}>
      <p className="muted">
        They are signed out and their API keys are revoked, so the new role applies from their next sign-in.
      </p>
      <form onSubmit={submit} noValidate>
        <FormSelect form={form} name="role" label="New role">
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
                initial={currentOf(role)}
                onChange={(id, option) => {
                  picked.current = option;
                  field.onChange(id);
                }}
                onBlur={field.onBlur}
                inputRef={field.ref}
                search={searchAccounts}
                placeholder="Type part of the name…"
                error={fieldState.error?.message}
              />
            )}
          />
        ) : (
          <p className="muted small">Finance and admin users belong to the network, not to an account.</p>
        )}
        {alert ? <p role="alert">{alert}</p> : null}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" disabled={run.fetching}>
            {run.fetching ? "Working…" : "Change role"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
