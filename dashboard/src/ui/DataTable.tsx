// The one table of the dashboard: sortable headers, pages of rows, a totals footer, and the loading,
// error and empty states, so no screen repeats its own table and query-state code. TanStack Table
// (headless) keeps the sort and page state; this file only draws it.
//
// Rows the API pages (connections) come in with `hasMore` / `onLoadMore`: "Load more" asks the server
// for the next page, and client-side paging shows them 25 at a time either way.
import {
  type ColumnDef,
  createPaginatedRowModel,
  createSortedRowModel,
  FlexRender,
  type RowData,
  rowPaginationFeature,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import { type ReactNode, useMemo } from "react";
import type { CombinedError } from "urql";
import { ErrorState, Loading } from "./states.tsx";

export type SortValue = string | number | bigint | boolean | null | undefined;

export interface Column<T> {
  id: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** The value the column sorts by; a column without one cannot be sorted. */
  sortValue?: (row: T) => SortValue;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** What the totals row shows under this column. */
  footer?: ReactNode;
}

export interface DataTableProps<T extends RowData> {
  /** Names the table for screen readers (a visually hidden caption). */
  label: string;
  columns: readonly Column<T>[];
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string;
  fetching?: boolean;
  error?: CombinedError | Error | string | undefined;
  retry?: () => void;
  empty?: ReactNode;
  /** Rows per page; the pager shows when there are more. */
  pageSize?: number;
  initialSort?: { id: string; desc?: boolean };
  /** The server has more rows than `rows`. */
  hasMore?: boolean;
  onLoadMore?: () => void;
  /** A totals row: shown when some column has a `footer`. */
  showFooter?: boolean;
  /**
   * Several totals rows (one per currency, say), each a cell per column id; replaces the single
   * `footer` row when given.
   */
  footerRows?: readonly { key: string; cells: Readonly<Record<string, ReactNode>> }[];
  rowClassName?: (row: T) => string | undefined;
  /** data-* attributes of a row (tests and scripts find rows by them, e.g. data-lead-id). */
  rowData?: (row: T) => Record<`data-${string}`, string>;
}

function compare(a: SortValue, b: SortValue): number {
  // Empty values sort last in both directions would need the direction; keeping them "smallest" is
  // predictable and matches how the API orders nulls.
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === "string" && typeof b === "string") return a.localeCompare(b, undefined, { numeric: true });
  return a < b ? -1 : a > b ? 1 : 0;
}

const features = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  sortedRowModel: createSortedRowModel(),
  paginatedRowModel: createPaginatedRowModel(),
});

const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;

export function DataTable<T extends RowData>(props: DataTableProps<T>) {
  const { columns, rows, pageSize = 25 } = props;
  const defs = useMemo<ColumnDef<typeof features, T>[]>(
    () =>
      columns.map((column) => ({
        id: column.id,
        header: () => column.header,
        cell: (info) => column.cell(info.row.original),
        accessorFn: (row: T) => column.sortValue?.(row) ?? null,
        enableSorting: column.sortValue !== undefined,
        sortFn: (a, b) => compare(a.getValue(column.id) as SortValue, b.getValue(column.id) as SortValue),
        // Numbers read best largest first on the first click; words A to Z.
        sortDescFirst: column.numeric === true,
      })),
    [columns],
  );
  const data = useMemo(() => (rows ? [...rows] : []), [rows]);
  const initialSorting: SortingState = props.initialSort
    ? [{ id: props.initialSort.id, desc: props.initialSort.desc ?? false }]
    : [];
  const table = useTable({
    features,
    columns: defs,
    data,
    getRowId: (row) => props.rowKey(row),
    initialState: { sorting: initialSorting, pagination: { pageIndex: 0, pageSize } },
    autoResetPageIndex: false,
  });

  if (props.error && !rows) return <ErrorState error={props.error} retry={props.retry} />;
  if (rows === undefined) return <Loading />;
  if (rows.length === 0) return <p className="state empty">{props.empty ?? "Nothing here yet."}</p>;

  const byId = new Map(columns.map((column) => [column.id, column]));
  const pageCount = table.getPageCount();
  const { pageIndex } = table.state.pagination;
  const footerRows = props.footerRows ?? [
    { key: "total", cells: Object.fromEntries(columns.map((column) => [column.id, column.footer ?? null])) },
  ];
  const showFooter =
    props.footerRows !== undefined
      ? props.footerRows.length > 0
      : (props.showFooter ?? columns.some((column) => column.footer !== undefined));

  return (
    <div className="data-table">
      <div className="table-wrap">
        <table aria-busy={props.fetching ? true : undefined}>
          <caption className="visually-hidden">{props.label}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const column = byId.get(header.column.id);
                  const sorted = header.column.getIsSorted();
                  const content = <FlexRender header={header} />;
                  return (
                    <th
                      key={header.id}
                      data-column={header.column.id}
                      className={column?.numeric ? "num" : undefined}
                      aria-sort={sorted ? ARIA_SORT[sorted] : header.column.getCanSort() ? "none" : undefined}
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          className="sort"
                          onClick={header.column.getToggleSortingHandler()}
                        >
                          {content}
                          <span aria-hidden="true">
                            {sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}
                          </span>
                        </button>
                      ) : (
                        content
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                className={props.rowClassName?.(row.original)}
                {...props.rowData?.(row.original)}
              >
                {row.getAllCells().map((cell) => (
                  <td
                    key={cell.id}
                    data-column={cell.column.id}
                    className={byId.get(cell.column.id)?.numeric ? "num" : undefined}
                  >
                    <FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {showFooter ? (
            <tfoot>
              {footerRows.map((footer) => (
                <tr key={footer.key}>
                  {columns.map((column) => (
                    <td
                      key={column.id}
                      data-column={column.id}
                      className={column.numeric ? "num" : undefined}
                    >
                      {footer.cells[column.id] ?? null}
                    </td>
                  ))}
                </tr>
              ))}
            </tfoot>
          ) : null}
        </table>
      </div>
      {pageCount > 1 || props.hasMore ? (
        <nav className="pager" aria-label={`${props.label} pages`}>
          <button
            type="button"
            className="secondary"
            onClick={() => table.previousPage()}
            disabled={!table.getCanPreviousPage()}
          >
            Previous
          </button>
          <span>
            Page {pageIndex + 1} of {pageCount}
            {props.hasMore ? "+" : ""} · {rows.length} rows
          </span>
          <button
            type="button"
            className="secondary"
            onClick={() => table.nextPage()}
            disabled={!table.getCanNextPage()}
          >
            Next
          </button>
          {props.hasMore && props.onLoadMore ? (
            <button type="button" onClick={props.onLoadMore} disabled={props.fetching}>
              {props.fetching ? "Loading…" : "Load more"}
            </button>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
