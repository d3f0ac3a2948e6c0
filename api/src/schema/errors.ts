// Typed errors returned as union members by fields that declare `errors: { types: [...] }`.
import { builder } from "../builder.ts";
import { DomainError } from "../errors.ts";

export const ErrorInterface = builder.interfaceRef<Error>("Error").implement({
  fields: (t) => ({ message: t.exposeString("message") }),
});

builder.objectType(DomainError, {
  name: "DomainError",
  interfaces: [ErrorInterface],
  fields: (t) => ({ code: t.exposeString("code") }),
});
