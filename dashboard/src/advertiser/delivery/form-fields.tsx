// The destination form's field plumbing, shared by its sections: an error under its input, and the
// ids that tie each input to its error (aria-invalid, aria-describedby).
import { type ReactNode, useId } from "react";
import type { DestinationErrors, DestinationForm } from "../delivery-form.ts";

/** Sets one setting of the form (and re-checks it once a save was refused). */
export type SetField = <K extends keyof DestinationForm>(key: K, value: DestinationForm[K]) => void;

export interface FieldErrors {
  errors: DestinationErrors;
  /** The id of the error message of `key` (a path like `refusalRule.reason`). */
  errorId(key: string): string;
  /** The attributes that point an input at its error, when it has one. */
  described(key: string): { "aria-invalid"?: true; "aria-describedby"?: string };
}

export function useFieldErrors(errors: DestinationErrors): FieldErrors {
  const ids = useId();
  const errorId = (key: string) => `${ids}-error-${key.replace(/\./g, "-")}`;
  return {
    errors,
    errorId,
    described: (key) =>
      errors[key] ? { "aria-invalid": true as const, "aria-describedby": errorId(key) } : {},
  };
}

export function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p id={id} className="field-error">
      {text}
    </p>
  ) : null;
}

/** One labelled input with its hint and its error below it. */
export function FieldRow(props: {
  children: ReactNode;
  hint?: ReactNode;
  errorId: string;
  error: string | undefined;
}) {
  return (
    <div className="field">
      {props.children}
      {props.hint}
      <FieldError id={props.errorId} text={props.error} />
    </div>
  );
}
