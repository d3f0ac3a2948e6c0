// The dialog asking for the reason a publisher reads with an application's decision or a block
// (advertisers' Applications, admins' All applications). The reason's rule is the API's own
// (@leadrail/db/decision-reasons), checked before the round trip; a refusal lands on the field, or
// in the dialog's alert when it is about something else.
import type { reasonForm } from "@leadrail/db/decision-reasons";
import { type ReactNode, useState } from "react";
import type { CombinedError } from "urql";
import { Dialog } from "../ui/Dialog.tsx";
import { outcomeOf } from "../ui/result.ts";
import { applyRefusal, FormInput, useZodForm } from "../ui/zod-form.tsx";

export interface Refusal {
  message: string;
  fields?: readonly { path: string[]; message: string }[] | null;
}

/** A mutation's refusal (its DomainError's message and fields, or the request's error); null when done. */
export function refusalOf(
  result: { error?: CombinedError | undefined; data?: unknown },
  field: string,
): Refusal | null {
  const outcome = outcomeOf(result, field);
  if (outcome.ok) return null;
  const value = (result.data as Record<string, { __typename?: string } & Partial<Refusal>> | undefined)?.[
    field
  ];
  return { message: outcome.message, fields: value?.__typename === "DomainError" ? value.fields : null };
}

export function DecisionReasonDialog(props: {
  title: string;
  label: string;
  /** reasonForm("block", …) or reasonForm("application", …): required or not, and why. */
  model: ReturnType<typeof reasonForm>;
  submitLabel: string;
  danger?: boolean;
  busy: boolean;
  description?: ReactNode;
  /** Sends the reason (null when left empty); answers the API's refusal, or null once done. */
  send: (reason: string | null) => Promise<Refusal | null>;
  onClose: () => void;
}) {
  const form = useZodForm(props.model, { defaultValues: { reason: "" } });
  const [refused, setRefused] = useState<string | null>(null);
  const submit = form.handleSubmit(async ({ reason }) => {
    setRefused(null);
    const refusal = await props.send(reason || null);
    if (refusal) setRefused(applyRefusal(form, refusal));
  });
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      {props.description ? <p className="muted">{props.description}</p> : null}
      <form onSubmit={submit} noValidate className="reason-form">
        <FormInput form={form} name="reason" label={props.label} autoFocus autoComplete="off" />
        {refused ? <p role="alert">{refused}</p> : null}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className={props.danger ? "danger" : undefined} disabled={props.busy}>
            {props.busy ? "Working…" : props.submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
