// What a request costs the database, which the shape-based cost (hardening.ts) cannot see: a `report`
// over 400 days of raw clicks is one field to graphql-armor and 1–2 s of PostgreSQL, and fifteen of
// them fit under the alias limit. The root fields that scan rows by date range cost per day of their
// range (report, fraudReport, stats), ten times more when they read raw click rows than when a rollup
// answers them. Computed with the request's variables before anything runs; arguments that do not
// parse cost nothing here (the field refuses them itself).
import {
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  type SelectionSetNode,
} from "graphql";
import { reportSource } from "./reports/choose-rollup.ts";
import { parseReportArgs } from "./reports/report-input.ts";

/** Per day of a field's range. */
export const DAY_COST = { raw: 10, rollup: 1 } as const;

const DAY_MS = 86_400_000;

/** The cost of one root field from its arguments; absent when the field costs nothing here. */
const FIELD_COSTS: Record<string, (args: Record<string, unknown>) => number> = {
  report: (args) => {
    const parsed = parseReportArgs(args);
    if (!parsed.ok) return 0;
    const { request } = parsed;
    const days = Math.ceil((request.end.getTime() - request.start.getTime()) / DAY_MS);
    // Whether raw rows are read does not depend on whose report it is.
    const raw = reportSource(request, "all") === "RAW";
    return days * (raw ? DAY_COST.raw : DAY_COST.rollup);
  },
  // daily_stats, a rollup, from and to inclusive (YYYY-MM-DD).
  stats: (args) => {
    const days = (Date.parse(String(args.to)) - Date.parse(String(args.from))) / DAY_MS + 1;
    return Number.isFinite(days) && days > 0 ? Math.ceil(days) * DAY_COST.rollup : 0;
  },
  // Raw clicks and conversions over [from, to).
  fraudReport: (args) => {
    const { from, to } = args;
    if (!(from instanceof Date) || !(to instanceof Date) || to <= from) return 0;
    return Math.ceil((to.getTime() - from.getTime()) / DAY_MS) * DAY_COST.raw;
  },
};

export interface DataCost {
  total: number;
  /** The fields that cost something, by response name: `report` or its alias. */
  fields: { name: string; cost: number }[];
}

/** The data cost of the operation `operationName` of `document` with `variables`. */
export function dataCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): DataCost {
  const operation = getOperationAST(document, operationName);
  const root = operation?.operation === "query" ? schema.getQueryType() : null;
  const result: DataCost = { total: 0, fields: [] };
  if (!operation || !root) return result;
  // Coerced as execution will (DateTime variables become Dates); bad ones are execution's to refuse.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (!coerced.coerced) return result;
  const fragments = new Map(
    document.definitions.flatMap((d) =>
      d.kind === "FragmentDefinition" ? [[d.name.value, d] as const] : [],
    ),
  );
  const rootFields: FieldNode[] = [];
  const seen = new Set<string>();
  const collect = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === "Field") rootFields.push(selection);
      else if (selection.kind === "InlineFragment") collect(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  for (const node of rootFields) {
    const cost = FIELD_COSTS[node.name.value];
    const definition = root.getFields()[node.name.value];
    if (!cost || !definition) continue;
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(definition, node, coerced.coerced);
    } catch {
      continue; // A missing required argument: validation or execution refuses it.
    }
    const fieldCost = cost(args);
    if (fieldCost > 0) {
      result.total += fieldCost;
      result.fields.push({ name: node.alias?.value ?? node.name.value, cost: fieldCost });
    }
  }
  return result;
}
