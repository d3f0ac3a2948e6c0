// Forms driven by react-hook-form with the API's own zod model (imported from @leadrail/db), so a
// mistake is shown at its field before any round trip, and the API's refusal (DomainError.fields)
// lands on the same fields. Every form that is more than one button uses this; see docs/dashboard.md.
import { zodResolver } from "@hookform/resolvers/zod";
import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, useId } from "react";
import {
  type FieldValues,
  get,
  type Path,
  type UseFormProps,
  type UseFormReturn,
  useForm,
} from "react-hook-form";
import type { z } from "zod";

/** The form's values are the model's input; handleSubmit hands over the model's parsed output. */
export function useZodForm<Schema extends z.ZodType<FieldValues, FieldValues>>(
  schema: Schema,
  options: Omit<UseFormProps<z.input<Schema>, unknown, z.output<Schema>>, "resolver"> = {},
): UseFormReturn<z.input<Schema>, unknown, z.output<Schema>> {
  return useForm<z.input<Schema>, unknown, z.output<Schema>>({
    // After the first submit, a field is checked again as it is typed in, so an error goes away as
    // soon as it is mended.
    mode: "onSubmit",
    reValidateMode: "onChange",
    ...options,
    resolver: zodResolver(schema as never) as never,
  });
}

interface FieldIssue {
  path: readonly string[];
  message: string;
}

/**
 * Puts a refused mutation's field errors on the form's fields. A path is the argument path the API
 * reports (`["input", "email"]` or `["email"]`); `fieldOf` may rename (the API's `accountId` is the
 * form's `account`). Whatever matches no field comes back as one sentence for the form's alert.
 */
export function applyRefusal<Values extends FieldValues>(
  form: UseFormReturn<Values, unknown, unknown>,
  refusal: { message: string; fields?: readonly FieldIssue[] | null },
  fieldOf: (path: readonly string[]) => Path<Values> | null = (path) => defaultFieldOf(form, path),
): string | null {
  let placed = 0;
  for (const issue of refusal.fields ?? []) {
    const name = fieldOf(issue.path);
    if (!name) continue;
    form.setError(name, { type: "server", message: sentence(issue.message) }, { shouldFocus: placed === 0 });
    placed += 1;
  }
  return placed > 0 && placed === (refusal.fields ?? []).length ? null : sentence(refusal.message);
}

function defaultFieldOf<Values extends FieldValues>(
  form: UseFormReturn<Values, unknown, unknown>,
  path: readonly string[],
): Path<Values> | null {
  const values = form.getValues() as Record<string, unknown>;
  for (const candidate of [path.slice(1).join("."), path.join("."), path.at(-1) ?? ""]) {
    if (candidate && get(values, candidate) !== undefined) return candidate as Path<Values>;
  }
  return null;
}

/** The API's and zod's messages are clauses ("must be at most 140 characters"); on screen, sentences. */
export function sentence(message: string): string {
  return message ? message[0]?.toUpperCase() + message.slice(1) : message;
}

type FieldProps<Values extends FieldValues> = {
  form: UseFormReturn<Values, unknown, unknown>;
  name: Path<Values>;
  label: string;
  hint?: ReactNode;
  wide?: boolean;
};

/** The error under a field and the attributes that tie it to its control. */
function useFieldError<Values extends FieldValues>(props: FieldProps<Values>) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const message = (get(props.form.formState.errors, props.name) as { message?: string } | undefined)?.message;
  const describedBy = [props.hint ? hintId : null, message ? errorId : null].filter(Boolean).join(" ");
  return {
    id,
    control: { id, "aria-invalid": message ? true : undefined, "aria-describedby": describedBy || undefined },
    below: (
      <>
        {props.hint ? (
          <span id={hintId} className="muted field-hint">
            {props.hint}
          </span>
        ) : null}
        {message ? (
          <span id={errorId} className="field-error">
            {sentence(message)}
          </span>
        ) : null}
      </>
    ),
  };
}

/** A labelled input registered with the form, its hint and its error right below it. */
export function FormInput<Values extends FieldValues>(
  props: FieldProps<Values> & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "form">,
) {
  const { form, name, label, hint, wide, ...input } = props;
  const field = useFieldError(props);
  return (
    <div className={wide ? "field wide" : "field"}>
      <label htmlFor={field.id}>{label}</label>
      <input {...input} {...form.register(name)} {...field.control} />
      {field.below}
    </div>
  );
}

/** A labelled select registered with the form; `children` are its options. */
export function FormSelect<Values extends FieldValues>(
  props: FieldProps<Values> & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "form">,
) {
  const { form, name, label, hint, wide, children, ...select } = props;
  const field = useFieldError(props);
  return (
    <div className={wide ? "field wide" : "field"}>
      <label htmlFor={field.id}>{label}</label>
      <select {...select} {...form.register(name)} {...field.control}>
        {children}
      </select>
      {field.below}
    </div>
  );
}
