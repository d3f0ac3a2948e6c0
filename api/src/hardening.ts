// Limits on what one GraphQL document may ask for, enforced before any resolver runs: depth, aliases,
// estimated cost, tokens (while parsing and validating) and the data cost of date-range scans (with
// the variables, just before execution). In production also no introspection and no "did you mean"
// suggestions, which would otherwise hand out the schema piece by piece. A refusal names the limit,
// its value and what to change, in production too: the limits are public (docs/api.md), and a client told
// only "Query validation error." cannot fix its request. Internal errors stay masked (server.ts).
import { blockFieldSuggestionsPlugin } from "@escape.tech/graphql-armor-block-field-suggestions";
import { costLimitPlugin } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import { maxTokensPlugin } from "@escape.tech/graphql-armor-max-tokens";
import { GraphQLError, NoSchemaIntrospectionCustomRule } from "graphql";
import type { Plugin } from "graphql-yoga";
import { DAY_COST, dataCost } from "./data-cost.ts";

export const LIMITS = {
  /** Deepest legitimate query: leads → edges → node → offer → advertiser → name (6), with room. */
  depth: 10,
  aliases: 15,
  /**
   * graphql-armor's estimate (objects 2, scalars 1, ×1.5 per level, × a literal `first`) grows
   * exponentially with depth: the dashboard's costliest operations (finance's invoice and statement
   * lists) are ~14,700, a statement detail with its lines ~18,000. Twice the dashboard's worst. The
   * depth, alias and token limits bound a document's shape; this catches wide-and-deep.
   */
  cost: 30_000,
  /** A bulk confirmLeads with 500 literal ids is ~1,100 tokens. */
  tokens: 2000,
  /**
   * Date-range scans (data-cost.ts): one 400-day report on raw clicks (4,000) fits with room for
   * rollup reports; two yearly raw scans in one request do not.
   */
  dataCost: 5000,
} as const;

/** What to change, per limit. */
const ADVICE = {
  depth: "ask for less deeply nested data, or fetch the nested part in a second request",
  aliases: "send fewer aliased fields per request",
  cost: "ask for fewer fields or smaller pages (first/last), or split the query",
  tokens: "send a shorter document (long lists belong in variables)",
} as const;

/** graphql-armor's own message ("Syntax Error: Query depth limit of 10 exceeded, found 12.") without the misleading prefix, plus the advice. */
function refusal(limit: keyof typeof ADVICE) {
  return (_context: unknown, error: GraphQLError): never => {
    const message = error.message.replace(/^Syntax Error: /, "").replace(/\.$/, "");
    throw new GraphQLError(`${message}: ${ADVICE[limit]}.`, {
      extensions: { code: "query_limit", limit, max: LIMITS[limit] },
    });
  };
}

const disableIntrospection: Plugin = {
  onValidate({ addValidationRule }) {
    addValidationRule(NoSchemaIntrospectionCustomRule);
  },
};

const dataCostLimit: Plugin = {
  onExecute({ args, setResultAndStopExecution }) {
    const cost = dataCost(args.schema, args.document, args.operationName, args.variableValues);
    if (cost.total <= LIMITS.dataCost) return;
    const fields = cost.fields.map((field) => `${field.name} ${field.cost}`).join(", ");
    setResultAndStopExecution({
      errors: [
        new GraphQLError(
          `Query data cost limit of ${LIMITS.dataCost} exceeded, found ${cost.total} (${fields}; report, ` +
            `fraudReport and stats cost ${DAY_COST.raw} per day of their range on raw clicks, ${DAY_COST.rollup} ` +
            "on a rollup): ask for shorter ranges or fewer reports per request.",
          { extensions: { code: "query_limit", limit: "dataCost", max: LIMITS.dataCost } },
        ),
      ],
    });
  },
};

// biome-ignore lint/suspicious/noExplicitAny: envelop plugins are typed per context; Yoga takes any of them
export function hardeningPlugins(options: { production: boolean }): Plugin<any>[] {
  const refuse = (limit: keyof typeof ADVICE) => ({
    exposeLimits: true,
    onReject: [refusal(limit)],
  });
  return [
    maxDepthPlugin({
      n: LIMITS.depth,
      ignoreIntrospection: true,
      flattenFragments: true,
      ...refuse("depth"),
    }),
    maxAliasesPlugin({ n: LIMITS.aliases, ...refuse("aliases") }),
    costLimitPlugin({ maxCost: LIMITS.cost, ignoreIntrospection: true, ...refuse("cost") }),
    maxTokensPlugin({ n: LIMITS.tokens, ...refuse("tokens") }),
    dataCostLimit,
    ...(options.production ? [disableIntrospection, blockFieldSuggestionsPlugin()] : []),
  ];
}
