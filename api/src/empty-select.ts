// plugin-prisma builds a resolver's `query` from the client's selection. When that selection never
// reaches the row — a mutation's result union asked for `__typename` only, or only for its
// DomainError branch — it hands over `{ select: {} }`, which Prisma refuses ("The `select` statement
// ... must not be empty"). Mutations re-read their row with that query AFTER their transaction has
// committed, so the client was told "Unexpected error." about a write that had happened, and a client
// that retries on error acted twice. An empty select asks for no column: the row is read whole
// instead, here for every model and operation, so no resolver has to remember it.
import type { Db } from "@leadrail/db";

type Args = Record<string, unknown>;

function isRecord(value: unknown): value is Args {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isEmptySelect(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).length === 0;
}

/**
 * The arguments with every empty `select` dropped: at the top the row is read whole; a relation
 * whose only argument was the empty select becomes `true` (the related row, whole).
 */
export function withoutEmptySelects(args: Args): Args {
  let changed = false;
  const result: Args = {};
  for (const [key, value] of Object.entries(args)) {
    if (key === "select" && isEmptySelect(value)) {
      changed = true;
      continue;
    }
    if ((key === "select" || key === "include") && isRecord(value)) {
      const relations: Args = {};
      let relationChanged = false;
      for (const [name, relation] of Object.entries(value)) {
        if (isRecord(relation)) {
          const inner = withoutEmptySelects(relation);
          relations[name] = Object.keys(inner).length === 0 ? true : inner;
          relationChanged ||= inner !== relation;
        } else {
          relations[name] = relation;
        }
      }
      result[key] = relationChanged ? relations : value;
      changed ||= relationChanged;
      continue;
    }
    result[key] = value;
  }
  return changed ? result : args;
}

/** `db` with the guard on every model operation (a Prisma query extension; transactions inherit it). */
export function guardEmptySelects(db: Db): Db {
  return db.$extends({
    name: "empty-select-guard",
    query: {
      $allModels: {
        $allOperations({ args, query }) {
          return query(isRecord(args) ? withoutEmptySelects(args) : args);
        },
      },
    },
  }) as unknown as Db;
}
