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
import { GraphQLError, type ValueNode, valueFromASTUntyped } from "graphql";
import type { Context } from "./context.ts";
import { DomainError, invalidFields } from "./errors.ts";
import InputGuardPlugin from "./input-guard.ts";

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: {
    loggedIn: boolean;
    role: Role;
    admin: boolean;
    /** An advertiser user (belongs to an advertiser account). */
    advertiser: boolean;
    /** A publisher user (belongs to a publisher account). */
    publisher: boolean;
    finance: boolean;
  };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    // Money and counters are bigint; GraphQL has no 64-bit integer, so they travel as strings.
    BigInt: { Input: bigint; Output: bigint };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: { list: false; items: false };
}>({
  defaultFieldNullability: false,
  // Order matters: the first plugin wraps the others. Errors comes first so a DomainError thrown by
  // scope-auth (`unauthorizedError`) becomes a typed union member on fields that declare `errors`;
  // it must also precede the prisma plugin (plugin-errors docs).
  // InputGuard after Validation: Pothos adds arg mappers in reverse plugin order, so its checks (no
  // control characters, bigints that fit) run before the validators see the values.
  plugins: [ErrorsPlugin, ScopeAuthPlugin, ValidationPlugin, InputGuardPlugin, PrismaPlugin, RelayPlugin],
  scopeAuth: {
    authScopes: (ctx) => ({
      loggedIn: ctx.viewer !== null,
      role: (role) => ctx.viewer?.role === role,
      admin: ctx.viewer?.role === "ADMIN",
      advertiser: ctx.viewer?.role === "ADVERTISER" && ctx.viewer.advertiserId !== null,
      publisher: ctx.viewer?.role === "PUBLISHER" && ctx.viewer.publisherId !== null,
      finance: ctx.viewer?.role === "FINANCE",
    }),
    // Anonymous callers are told to authenticate; signed-in callers of the wrong role are refused.
    // Neither says anything about data: per-row tenancy is checked in resolvers (not-yours = not_found).
    unauthorizedError: (_parent, ctx) =>
      ctx.viewer
        ? new DomainError("forbidden", "not allowed for this account")
        : new DomainError("unauthenticated", "authentication required"),
  },
  errors: {
    defaultTypes: [],
    // Validation runs before field resolvers (arg mappers). Catching its errors turns bad input into a
    // typed DomainError { code: invalid_input }. The trade-off the plugin calls "unsafe": validation
    // answers before authorization. Our validators are pure (no database), so that reveals nothing.
    unsafelyHandleInputErrors: true,
  },
  validation: {
    validationError: (result) =>
      invalidFields(
        result.issues.map((issue) => ({
          path: (issue.path ?? []).map((part) => String(typeof part === "object" ? part.key : part)),
          message: issue.message,
        })),
      ),
  },
  prisma: {
    client: (ctx) => ctx.db,
    dmmf: getDatamodel(),
    // Relations without an explicit query would load unbounded lists: make callers choose.
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === "production" ? null : "warn",
    // Connections page at most this many rows, whatever `first`/`last` asks for.
    maxConnectionSize: 100,
    defaultConnectionSize: 20,
  },
  relay: {
    // No Node interface / node(id) lookups: they would bypass the tenancy checks of our root fields.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    edgesFieldOptions: { nullable: { list: false, items: false } },
  },
});

builder.queryType({});
builder.mutationType({});

/**
 * A custom scalar's two parsers from one function that throws a plain Error for a bad value. In a
 * literal, graphql-js reports it as a validation error at the value's location. In a variable it
 * must be a GraphQLError: graphql-js would wrap any other error as the cause of its own, and Yoga
 * masks errors with a non-GraphQL cause as "Unexpected error.". graphql-js prefixes the variable
 * and the path inside it ("Variable \"$input\" got invalid value ... at \"input.payout\"; ...").
 */
function scalarParsers<T>(parse: (value: unknown) => T) {
  return {
    parseValue: (value: unknown): T => {
      try {
        return parse(value);
      } catch (error) {
        throw new GraphQLError((error as Error).message, { extensions: { code: "invalid_input" } });
      }
    },
    parseLiteral: (node: ValueNode, variables?: { [key: string]: unknown } | null): T =>
      parse(valueFromASTUntyped(node, variables)),
  };
}

builder.scalarType("DateTime", {
  serialize: (value) => value.toISOString(),
  ...scalarParsers((value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError("DateTime must be an ISO-8601 string");
    return date;
  }),
});

builder.scalarType("BigInt", {
  description:
    "A 64-bit integer (money in minor units, counters), serialized as a decimal string. Inputs out of range are refused with invalid_input naming the field.",
  serialize: (value) => value.toString(),
  // Any integer of up to 40 digits parses, so that the input guard (input-guard.ts) can refuse one
  // beyond 64 bits as invalid_input naming its field, as a literal or a variable alike.
  ...scalarParsers((value) => {
    if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
    if (typeof value === "string" && /^-?\d{1,40}$/.test(value)) return BigInt(value);
    throw new TypeError("BigInt must be an integer string");
  }),
});

builder.scalarType("JSON", {
  description: "Arbitrary JSON (free-form lead fields, sub IDs).",
  serialize: (value) => value,
  parseValue: (value) => value,
});
