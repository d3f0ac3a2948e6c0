// Recognising the database refusals an API caller can cause (and gets a conflict for).
import { DomainError } from "./errors.ts";

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** A unique index refused the write (two requests raced to create the same thing). */
export function isUniqueViolation(error: unknown): boolean {
  const record = asRecord(error);
  if (record?.code === "P2002") return true;
  const cause = asRecord(asRecord(asRecord(record?.meta)?.driverAdapterError)?.cause);
  return cause?.originalCode === "23505" || cause?.kind === "UniqueConstraintViolation";
}

/** Runs `action`; a unique violation becomes a conflict with `message`, anything else is rethrown. */
export async function conflictOnDuplicate<T>(action: () => Promise<T>, message: string): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("conflict", message);
    throw error;
  }
}
