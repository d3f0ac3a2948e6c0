// What PostgreSQL said, whichever layer carried it: a Prisma known-request error (the driver adapter's
// error in `meta`), a bare DriverAdapterError (a failed COMMIT of an interactive transaction, where
// deferred constraint triggers fire) or a node-postgres DatabaseError. Tests assert the SQLSTATE and the
// constraint or message, so a row refused for some other reason (a foreign key, a typo) does not pass
// for the rule under test.
import { expect } from "vitest";

export interface DbError {
  /** SQLSTATE, e.g. 23505 unique_violation, 23514 check_violation, 42501 insufficient_privilege. */
  code: string;
  message: string;
  /** Constraint or index name when PostgreSQL reports one. */
  constraint?: string;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
}

function fromAdapterCause(cause: Record<string, unknown> | undefined): DbError | undefined {
  const code = cause?.originalCode ?? cause?.code;
  if (typeof code !== "string") return undefined;
  const index = asRecord(cause?.constraint)?.index;
  return {
    code,
    message: String(cause?.originalMessage ?? cause?.message ?? ""),
    ...(typeof index === "string" ? { constraint: index } : {}),
  };
}

export function toDbError(error: unknown): DbError | undefined {
  const record = asRecord(error);
  if (!record) return undefined;
  // Prisma: PrismaClientKnownRequestError { meta: { driverAdapterError: { cause } } }
  const adapterError = asRecord(asRecord(record.meta)?.driverAdapterError);
  if (adapterError) return fromAdapterCause(asRecord(adapterError.cause));
  // DriverAdapterError { name: "DriverAdapterError", cause }
  if (record.name === "DriverAdapterError") return fromAdapterCause(asRecord(record.cause));
  // node-postgres DatabaseError { code, message, constraint }
  if (typeof record.code === "string" && /^[0-9A-Z]{5}$/.test(record.code)) {
    return {
      code: record.code,
      message: String(record.message ?? ""),
      ...(typeof record.constraint === "string" ? { constraint: record.constraint } : {}),
    };
  }
  return undefined;
}

/** Awaits `action`, requires it to fail with a PostgreSQL error, and returns that error. */
export async function dbErrorOf(action: Promise<unknown> | (() => Promise<unknown>)): Promise<DbError> {
  try {
    await (typeof action === "function" ? action() : action);
  } catch (error) {
    const dbError = toDbError(error);
    if (!dbError) throw new Error(`expected a PostgreSQL error, got: ${String(error)}`, { cause: error });
    return dbError;
  }
  throw new Error("expected the database to refuse this, but it succeeded");
}

export const UNIQUE_VIOLATION = "23505";
export const CHECK_VIOLATION = "23514";
export const INSUFFICIENT_PRIVILEGE = "42501";

/** Fails unless `action` hits the unique index or constraint `name`. */
export async function expectUniqueViolation(
  action: Promise<unknown> | (() => Promise<unknown>),
  name: string,
) {
  const error = await dbErrorOf(action);
  expect(error.code).toBe(UNIQUE_VIOLATION);
  expect(error.constraint ?? error.message).toContain(name);
}

/** Fails unless `action` is refused by CHECK constraint `name`, or a trigger whose message matches. */
export async function expectCheckViolation(
  action: Promise<unknown> | (() => Promise<unknown>),
  nameOrMessage: string | RegExp,
) {
  const error = await dbErrorOf(action);
  expect(error.code).toBe(CHECK_VIOLATION);
  if (typeof nameOrMessage === "string") expect(error.message).toContain(`"${nameOrMessage}"`);
  else expect(error.message).toMatch(nameOrMessage);
}
