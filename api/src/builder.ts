// The one Pothos builder. Type definitions live in src/schema/<domain>.ts, not here.

import type { Role } from "@leadrail/db";
import type PrismaTypes from "@leadrail/db/pothos-types";
import { getDatamodel } from "@leadrail/db/pothos-types";
import SchemaBuilder from "@pothos/core";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import ValidationPlugin from "@pothos/plugin-validation";
import type { Context } from "./context.ts";

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: {
    loggedIn: boolean;
    role: Role;
  };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    // Money and counters are bigint; GraphQL has no 64-bit integer, so they travel as strings.
    BigInt: { Input: bigint; Output: bigint };
  };
  DefaultFieldNullability: false;
}>({
  defaultFieldNullability: false,
  // Errors before scope-auth: a field that lists DomainError can then return its auth refusal as the
  // typed union member (see financeOnly in schema/payouts.ts); scope-auth still runs before the
  // resolver and every other plugin. Fields without `errors` behave as before.
  plugins: [ErrorsPlugin, ScopeAuthPlugin, ValidationPlugin, PrismaPlugin, RelayPlugin],
  scopeAuth: {
    authScopes: (ctx) => ({
      loggedIn: ctx.viewer !== null,
      role: (role) => ctx.viewer?.role === role,
    }),
  },
  errors: { defaultTypes: [] },
  prisma: {
    client: (ctx) => ctx.db,
    dmmf: getDatamodel(),
    // Relations without an explicit query would load unbounded lists: make callers choose.
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === "production" ? null : "warn",
  },
  relay: {},
});

builder.queryType({});
builder.mutationType({});

builder.scalarType("DateTime", {
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError("DateTime must be an ISO-8601 string");
    return date;
  },
});

builder.scalarType("BigInt", {
  description: "A 64-bit integer (money in minor units, counters), serialized as a decimal string.",
  serialize: (value) => value.toString(),
  parseValue: (value) => {
    if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
    if (typeof value === "string" && /^-?\d{1,19}$/.test(value)) return BigInt(value);
    throw new TypeError("BigInt must be an integer string");
  },
});
