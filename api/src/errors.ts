// Expected failures a client can act on. They surface as typed union members (plugin-errors) on
// mutations, and as GraphQL errors carrying `extensions.code` on queries (see maskError in server.ts),
// never as masked internal errors.
export type DomainErrorCode =
  | "invalid_input"
  | "not_found"
  | "forbidden"
  | "conflict"
  | "unauthenticated"
  | "rate_limited"
  // A cap of the offer has no room left for this conversion (see leads/overturn.ts).
  | "cap_reached";

/**
 * The HTTP status of each code, for the API's plain-HTTP routes (CSV exports): the one place a reason
 * becomes a status. GraphQL answers carry the code itself (a union member, or `extensions.code`).
 */
export const HTTP_STATUS = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  cap_reached: 409,
  rate_limited: 429,
} as const satisfies Record<DomainErrorCode, number>;

/** One refused input field: its path inside the arguments (e.g. ["input", "caps", "0", "limit"]). */
export interface FieldError {
  path: string[];
  message: string;
}

export class DomainError extends Error {
  constructor(
    public readonly code: DomainErrorCode,
    message: string,
    /** For invalid_input: each refused field, so a form can show the message beside its input. */
    public readonly fields: FieldError[] | null = null,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** invalid_input for field problems; the message keeps the `path: message; …` form clients already read. */
export function invalidFields(fields: FieldError[]): DomainError {
  return new DomainError(
    "invalid_input",
    fields
      .map((field) => (field.path.length ? `${field.path.join(".")}: ${field.message}` : field.message))
      .join("; "),
    fields,
  );
}

/** The one answer for "does not exist" and "exists but is not yours": no existence leaks. */
export function notFound(what: string): DomainError {
  return new DomainError("not_found", `${what} not found`);
}
