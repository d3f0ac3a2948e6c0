// One account's own money documents (a publisher's statements, an advertiser's invoices): the same
// table for both, each row opening the document (read-only) with its lines; each page keeps its own
// typed query.
import { Link } from "react-router";
import { DataTable } from "./DataTable.tsx";
import { documentSummaryColumns } from "./document-columns.tsx";
import { formatDate } from "./format.ts";
import { ErrorState } from "./states.tsx";

export interface MyDocument {
  id: string;
  status: string;
  currency: string;
  total: string;
  lineCount: number;
  periodEnd: string;
  paidAt: string | null;
  payments: { reference: string }[];
}

type Answer =
  | { __typename: "DomainError"; message: string }
  | { __typename: string; data: { edges: readonly { node: MyDocument }[] } };

/** The documents past the first page (`useMoreRows` of the page's own query). */
export interface MoreDocuments {
  rows: MyDocument[] | undefined;
  hasMore: boolean;
  loadMore: () => void;
  loading: boolean;
  error: string | null;
}

/**
 * `path`: where one document opens ("/statements", "/invoices"); `noun`: plural, for words; `more`:
 * the rows with those loaded past the first page, and Load more.
 */
export function MyDocuments({
  answer,
  noun,
  path,
  more,
}: {
  answer: Answer;
  noun: string;
  path: string;
  more?: MoreDocuments;
}) {
  if (!("data" in answer)) return <ErrorState error={answer.message} />;
  const single = noun.replace(/s$/, "");
  return (
    <DataTable<MyDocument>
      label={`My ${noun}`}
      rows={more?.rows ?? answer.data.edges.map((edge) => edge.node)}
      rowKey={(d) => d.id}
      fetching={more?.loading}
      error={more?.error ?? undefined}
      hasMore={more?.hasMore}
      onLoadMore={more?.loadMore}
      empty={`No ${noun} yet.`}
      initialSort={{ id: "id", desc: true }}
      columns={[
        {
          id: "id",
          header: "#",
          sortValue: (d) => Number(d.id),
          cell: (d) => (
            <Link to={`${path}/${d.id}`} aria-label={`Open ${single} ${d.id}`}>
              {d.id}
            </Link>
          ),
        },
        ...documentSummaryColumns<MyDocument>(),
        { id: "paid", header: "Paid", sortValue: (d) => d.paidAt, cell: (d) => formatDate(d.paidAt) },
        {
          id: "reference",
          header: "Reference",
          cell: (d) => d.payments.map((p) => p.reference).join(", ") || "—",
        },
      ]}
    />
  );
}
