// "Load more" for a list whose first page comes from the screen's own query: the next pages (by the
// connection's cursor) are fetched on demand and appended, de-duplicated by id. When the first page is
// delivered again (a reload after a change) the appended pages are dropped, so nothing stale stays.
import { useEffect, useState } from "react";
import { type AnyVariables, type DocumentInput, useClient } from "urql";

export interface Connection<Row> {
  edges: readonly { node: Row }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

interface More<Row> {
  rows: Row[];
  hasNext: boolean;
  cursor: string | null;
}

export function useMoreRows<Data, Vars extends AnyVariables, Row extends { id: string }>(options: {
  /** The first page, from the screen's query (undefined while it loads). */
  first: Connection<Row> | undefined;
  query: DocumentInput<Data, Vars>;
  variables: (after: string) => Vars;
  pick: (data: Data) => Connection<Row> | undefined;
}): {
  rows: Row[] | undefined;
  hasMore: boolean;
  loadMore: () => void;
  loading: boolean;
  error: string | null;
} {
  const client = useClient();
  const { first } = options;
  const [more, setMore] = useState<More<Row> | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A new first page (reloaded) starts the list again.
  useEffect(() => {
    if (first) setMore(null);
  }, [first]);

  const cursor = more ? more.cursor : (first?.pageInfo.endCursor ?? null);
  const hasMore = more ? more.hasNext : (first?.pageInfo.hasNextPage ?? false);

  async function loadMore() {
    if (!cursor || loading) return;
    setLoading(true);
    const answer = await client
      .query(options.query, options.variables(cursor), { requestPolicy: "network-only" })
      .toPromise();
    setLoading(false);
    const page = answer.data ? options.pick(answer.data) : undefined;
    if (!page) {
      setError(answer.error?.message ?? "The next page could not be loaded.");
      return;
    }
    setError(null);
    setMore((previous) => ({
      rows: [...(previous?.rows ?? []), ...page.edges.map((edge) => edge.node)],
      hasNext: page.pageInfo.hasNextPage,
      cursor: page.pageInfo.endCursor ?? null,
    }));
  }

  let rows: Row[] | undefined;
  if (first) {
    const seen = new Set<string>();
    rows = [];
    for (const row of [...first.edges.map((edge) => edge.node), ...(more?.rows ?? [])]) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      rows.push(row);
    }
  }
  return { rows, hasMore, loadMore: () => void loadMore(), loading, error };
}

/** The connection inside a `DomainError | …Success { data }` answer (undefined for the refusal). */
export function connectionOf<Row>(
  answer: { __typename: "DomainError" } | { __typename: string; data: Connection<Row> } | undefined,
): Connection<Row> | undefined {
  return answer && "data" in answer ? answer.data : undefined;
}
