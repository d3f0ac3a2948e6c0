// Expected failures a client can act on. They surface as typed union members (plugin-errors), never
// as masked internal errors.
export class DomainError extends Error {
  constructor(
    public readonly code: "invalid_input" | "not_found" | "forbidden" | "conflict" | "unauthenticated",
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}
