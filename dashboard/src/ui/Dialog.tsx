// A modal dialog on the native <dialog> element: showModal() gives the focus trap, the backdrop and Esc
// for free; this adds a labelled heading and returns focus to whatever opened it (the native element
// does not do that reliably across browsers). Render it only while open; closing calls onClose.
import { type ReactNode, useEffect, useId, useRef } from "react";

export function Dialog(props: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { onClose } = props;
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog?.showModal();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Esc: let React unmount it (which closes it and restores focus) instead of the browser.
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
    </dialog>
  );
}

/**
 * A dialog holding one required text field and a submit button: a reason to void or block, a payment
 * reference. The error of the last attempt shows next to the field.
 */
export function ReasonDialog(props: {
  title: string;
  label: string;
  submitLabel: string;
  danger?: boolean;
  busy: boolean;
  error: string | null;
  description?: ReactNode;
  defaultValue?: string;
  onSubmit: (value: string) => void;
  onClose: () => void;
}) {
  const errorId = useId();
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      {props.description ? <p className="muted">{props.description}</p> : null}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const value = String(new FormData(event.currentTarget).get("value") ?? "").trim();
          if (value) props.onSubmit(value);
        }}
      >
        <label>
          {props.label}
          <input
            name="value"
            required
            autoFocus
            defaultValue={props.defaultValue}
            aria-invalid={props.error ? true : undefined}
            aria-describedby={props.error ? errorId : undefined}
          />
        </label>
        {props.error ? (
          <p id={errorId} role="alert">
            {props.error}
          </p>
        ) : null}
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
