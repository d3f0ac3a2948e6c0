// Imports every domain module for its side effects on the builder, then builds the schema.
import { builder } from "../builder.ts";
import "./errors.ts";
import "./accounts.ts";
import "./payouts.ts";
import "./payouts-invoices.ts";

export const schema = builder.toSchema({ sortSchema: true });
