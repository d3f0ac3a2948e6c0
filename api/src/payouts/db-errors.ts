// Database refusals at the edge: the life-cycle functions check every rule first, so a refusal here
// means a concurrent change won a race (or a rule the code does not know yet). It becomes a typed
// conflict instead of a masked 500; anything else is rethrown unchanged.
import { DomainError } from "../errors.ts";

const CONFLICT_STATES = new Set([
  "23505", // unique_violation: a line already live elsewhere
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
  const adapterError =
    record(record(top?.meta)?.driverAdapterError) ?? (top?.name === "DriverAdapterError" ? top : undefined);
  const cause = record(adapterError?.cause);
  const candidates = [cause?.originalCode, cause?.code, record(top?.meta)?.code, top?.code];
  return candidates.find((code): code is string => typeof code === "string" && /^[0-9A-Z]{5}$/.test(code));
}

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
