// The columns every list of statements or invoices shows the same way (finance's queues, a
// publisher's statements, an advertiser's invoices): one definition, so the lists cannot drift.
import { StatusBadge } from "./Badge.tsx";
import type { Column } from "./DataTable.tsx";
import { formatDate, formatMoney, formatNumber } from "./format.ts";

export interface DocumentSummary {
  periodEnd: string;
  status: string;
  lineCount: number;
  total: string;
  currency: string;
}

/** Period end, status, lines and total, in that order. */
export function documentSummaryColumns<T extends DocumentSummary>(): Column<T>[] {
  return [
    {
      id: "period",
      header: "Period end",
      sortValue: (d) => d.periodEnd,
      cell: (d) => formatDate(d.periodEnd),
    },
    {
      id: "status",
      header: "Status",
      sortValue: (d) => d.status,
      cell: (d) => <StatusBadge status={d.status} />,
    },
    {
      id: "lines",
      header: "Lines",
      numeric: true,
      sortValue: (d) => d.lineCount,
      cell: (d) => formatNumber(d.lineCount),
    },
    {
      id: "total",
      header: "Total",
      numeric: true,
      sortValue: (d) => BigInt(d.total),
      cell: (d) => formatMoney(d.total, d.currency),
    },
  ];
}
