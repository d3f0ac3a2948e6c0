// Limits on what one GraphQL document may ask for, enforced while validating it (before any resolver
// runs): depth, aliases, estimated cost, tokens. In production also no introspection and no "did you
// mean" suggestions, which would otherwise hand out the schema piece by piece.
import { blockFieldSuggestionsPlugin } from "@escape.tech/graphql-armor-block-field-suggestions";
import { costLimitPlugin } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import { maxTokensPlugin } from "@escape.tech/graphql-armor-max-tokens";
import { NoSchemaIntrospectionCustomRule } from "graphql";
import type { Plugin } from "graphql-yoga";

export const LIMITS = {
  /** Deepest legitimate query: leads → edges → node → offer → advertiser → name (6), with room. */
  depth: 10,
  aliases: 15,
  /**
   * graphql-armor's estimate (objects 2, scalars 1, ×1.5 per level) grows exponentially with depth: a
   * full offer page is ~600, finance's statement detail (union result → statement → lines connection)
   * ~18,000. The depth, alias and token limits bound a document's shape; this catches wide-and-deep.
   */
  cost: 30_000,
  /** A bulk confirmLeads with 500 literal ids is ~1,100 tokens. */
  tokens: 2000,
} as const;

const disableIntrospection: Plugin = {
  onValidate({ addValidationRule }) {
    addValidationRule(NoSchemaIntrospectionCustomRule);
  },
};

// biome-ignore lint/suspicious/noExplicitAny: envelop plugins are typed per context; Yoga takes any of them
export function hardeningPlugins(options: { production: boolean }): Plugin<any>[] {
  const exposeLimits = !options.production;
  return [
    maxDepthPlugin({ n: LIMITS.depth, ignoreIntrospection: true, flattenFragments: true, exposeLimits }),
    maxAliasesPlugin({ n: LIMITS.aliases, exposeLimits }),
    costLimitPlugin({ maxCost: LIMITS.cost, ignoreIntrospection: true, exposeLimits }),
    maxTokensPlugin({ n: LIMITS.tokens, exposeLimits }),
    ...(options.production ? [disableIntrospection, blockFieldSuggestionsPlugin()] : []),
  ];
}
