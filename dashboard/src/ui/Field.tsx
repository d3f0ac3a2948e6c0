import { cloneElement, type ReactElement, type ReactNode, useId } from "react";

/**
 * A labelled input with its error message right below it. The label points at the control by id
 * (not by wrapping it) so its accessible name is the label alone, not the label plus a select's options.
 */
export function Field({
  label,
  wide,
  error,
  hint,
  children,
}: {
  label: string;
  wide?: boolean;
  error: ReactNode;
  /** A line under the input (its id is not wired: pass aria-describedby on the input when it matters). */
  hint?: ReactNode;
  children: ReactElement<{ id?: string }>;
}) {
  const id = useId();
  return (
    <div className={wide ? "field wide" : "field"}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id })}
      {hint}
      {error}
    </div>
  );
}
