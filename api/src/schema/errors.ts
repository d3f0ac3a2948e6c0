// Typed errors returned as union members by fields that declare `errors: { types: [...] }`.
import { builder } from "../builder.ts";
import { DomainError, type FieldError } from "../errors.ts";

export const ErrorInterface = builder.interfaceRef<Error>("Error").implement({
  fields: (t) => ({ message: t.exposeString("message") }),
});

const FieldErrorRef = builder.objectRef<FieldError>("FieldError").implement({
  fields: (t) => ({
    path: t.exposeStringList("path"),
    message: t.exposeString("message"),
  }),
});

builder.objectType(DomainError, {
  name: "DomainError",
  interfaces: [ErrorInterface],
  fields: (t) => ({
    code: t.exposeString("code"),
    fields: t.field({
      type: [FieldErrorRef],
      nullable: true,
      description:
        "For invalid_input: each refused field with its path in the arguments (e.g. input, caps, 0, publisherId), so a form can show the message beside its input.",
      resolve: (error) => error.fields,
    }),
  }),
});
