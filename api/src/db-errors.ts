// The one translator of database refusals into what an API caller is told. Most rules are checked in
// code first, so a refusal here means a concurrent request won a race (two creates of the same thing,
// a document changed under a life-cycle move): a typed conflict instead of a masked 500. Anything
// else is rethrown unchanged, to be logged and masked at the edge.
import { DomainError, type FieldError } from "./errors.ts";

/** SQLSTATEs a caller's race can cause. */
const UNIQUE_VIOLATION = "23505";
const CONFLICT_STATES = new Set([
  UNIQUE_VIOLATION, // a row that must be unique already exists (or a line is already live elsewhere)
  "23514", // check_violation: life cycle, two-person rule, total = sum(lines), line ownership
  "40001", // serialization_failure
  "40P01", // deadlock_detected
]);

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** The SQLSTATE of a PostgreSQL error however Prisma and the driver adapter wrapped it. */
export function sqlStateOf(error: unknown): string | undefined {
  const top = record(error);
  // Prisma's own code for a unique violation, when it recognised one before the driver's state.
  if (top?.code === "P2002") return UNIQUE_VIOLATION;
  const adapterError =
    record(record(top?.meta)?.driverAdapterError) ?? (top?.name === "DriverAdapterError" ? top : undefined);
  const cause = record(adapterError?.cause);
  if (cause?.kind === "UniqueConstraintViolation") return UNIQUE_VIOLATION;
  const candidates = [cause?.originalCode, cause?.code, record(top?.meta)?.code, top?.code];
  return candidates.find((code): code is string => typeof code === "string" && /^[0-9A-Z]{5}$/.test(code));
}

/** A unique index refused the write (two requests raced to create the same thing). */
export function isUniqueViolation(error: unknown): boolean {
  return sqlStateOf(error) === UNIQUE_VIOLATION;
}

/**
 * Runs `action`; a unique violation becomes a conflict with `message` (and `fields`, for a form to
 * show it at the input that must differ), anything else is rethrown.
 */
export async function conflictOnDuplicate<T>(
  action: () => Promise<T>,
  message: string,
  fields: FieldError[] | null = null,
): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("conflict", message, fields);
    throw error;
  }
}

/** Runs `work`; any refusal a race can cause becomes a conflict that says to reload and retry. */
export async function mapDbErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const state = sqlStateOf(error);
    if (state && CONFLICT_STATES.has(state)) {
      throw new DomainError(
        "conflict",
        "the change conflicts with the document's current state (it may have just changed): reload and retry",
      );
    }
    throw error;
  }
}
