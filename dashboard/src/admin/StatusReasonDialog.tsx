// The dialog that asks why an account is suspended or a user disabled. The reason obeys the API's own
// rule (@leadrail/db/account-input `suspensionInput`): a blank or over-long reason is shown at the
// field before any round trip, and a refusal about the reason lands there too.
import { suspensionInput } from "@leadrail/db/account-input";
import { type ReactNode, useState } from "react";
import { Dialog } from "../ui/Dialog.tsx";
import { applyRefusal, FormInput, useZodForm } from "../ui/zod-form.tsx";

type Refusal = { message: string; fields?: readonly { path: readonly string[]; message: string }[] | null };

export function StatusReasonDialog(props: {
  title: string;
  label: string;
  submitLabel: string;
  busy: boolean;
  description?: ReactNode;
  /** Answers the API's refusal, or null when done (the parent then closes the dialog). */
  onSubmit: (reason: string) => Promise<Refusal | null>;
  onClose: () => void;
}) {
  const form = useZodForm(suspensionInput, { defaultValues: { reason: "" } });
  const [alert, setAlert] = useState<string | null>(null);
  const submit = form.handleSubmit(async ({ reason }) => {
    setAlert(null);
    const refusal = await props.onSubmit(reason);
    if (refusal) setAlert(applyRefusal(form, refusal));
  });
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      {props.description ? <p className="muted">{props.description}</p> : null}
      <form onSubmit={submit} noValidate>
        <FormInput form={form} name="reason" label={props.label} autoFocus autoComplete="off" />
        {alert ? <p role="alert">{alert}</p> : null}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="danger" disabled={props.busy}>
            {props.busy ? "Working…" : props.submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
