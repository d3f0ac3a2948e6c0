// Typed operations: gql.tada infers each document's result and variables from api/schema.graphql through
// graphql-env.d.ts, which `pnpm build` and `pnpm typecheck` regenerate (so it cannot go stale).
import { initGraphQLTada } from "gql.tada";
import type { introspection } from "./graphql-env.d.ts";

export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: {
    /** Decimal string of a 64-bit integer: money in minor units, counters. Convert with BigInt(). */
    BigInt: string;
    DateTime: string;
    JSON: unknown;
  };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from "gql.tada";
export { readFragment } from "gql.tada";
