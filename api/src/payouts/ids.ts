import { DomainError } from "../errors.ts";

/** A document id from a GraphQL ID argument: a positive 32-bit integer, else invalid input. */
export function parseDocumentId(value: string | number, noun: string): number {
  const text = String(value).trim();
  const id = /^[1-9]\d{0,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(id) || id > 2_147_483_647) {
    throw new DomainError("invalid_input", `${noun} id must be a positive integer`);
  }
  return id;
}
