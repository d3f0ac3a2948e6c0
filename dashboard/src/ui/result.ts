// Mutations answer `DomainError | …Success { data }`. This turns an urql result into data or a message
// to show, so every form reports a refused action the same way.
import type { CombinedError } from "urql";

export interface RefusedField {
  path: readonly string[];
  message: string;
}

type Union =
  | { __typename: string; message?: string; fields?: readonly RefusedField[] | null; data?: unknown }
  | null
  | undefined;

/** A refusal carries the DomainError's `fields` when the operation asked for them (for applyRefusal). */
export type Outcome<T> =
  | { ok: true; data: T }
  | { ok: false; message: string; fields?: readonly RefusedField[] | null };

export function outcomeOf<T>(
  result: { error?: CombinedError | undefined; data?: unknown },
  field: string,
): Outcome<T> {
  if (result.error)
    return { ok: false, message: result.error.graphQLErrors[0]?.message ?? result.error.message };
  const value = (result.data as Record<string, Union> | undefined)?.[field];
  if (!value) return { ok: false, message: "No answer from the server." };
  if (value.__typename === "DomainError") {
    return { ok: false, message: value.message ?? "Refused.", fields: value.fields ?? null };
  }
  return { ok: true, data: value.data as T };
}
