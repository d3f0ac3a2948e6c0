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

export class DomainError extends Error {
  constructor(
    public readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** The one answer for "does not exist" and "exists but is not yours": no existence leaks. */
export function notFound(what: string): DomainError {
  return new DomainError("not_found", `${what} not found`);
}
