// A publisher's conversions, newest first: status, payout, and for each rejection or reversal the
// reason in words (@leadrail/db/conversion-reasons), so "why was this lead not paid?" has an answer
// on screen.
import { conversionReasonWords } from "@leadrail/db/conversion-reasons";
import { useEffect, useState } from "react";
import { useQuery } from "urql";
import { graphql, type ResultOf } from "../graphql.ts";
import { StatusBadge } from "../ui/Badge.tsx";
import { type Column, DataTable } from "../ui/DataTable.tsx";
import { formatDateTime, formatEnum, formatMoney } from "../ui/format.ts";

const ConversionsQuery = graphql(`
  query MyConversions($filter: ConversionFilter, $after: String) {
    conversions(first: 100, after: $after, filter: $filter) {
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id status statusReason convertedAt country deviceType goal
          payout { amount currency }
          offer { id name }
          subs { sub1 }
        }
      }
    }
  }
`);

type Conversion = ResultOf<typeof ConversionsQuery>["conversions"]["edges"][number]["node"];
const STATUSES = ["PENDING", "APPROVED", "REJECTED", "REVERSED"] as const;
type Status = (typeof STATUSES)[number];

export function Conversions() {
  const [status, setStatus] = useState<Status | null>(null);
  return (
    <section>
      <div className="heading-row">
        <h1>Conversions</h1>
        <label className="inline">
          Status{" "}
          <select
            value={status ?? ""}
            onChange={(event) => setStatus((event.target.value || null) as Status | null)}
          >
            <option value="">all</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {formatEnum(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {/* A new filter starts again from the first page. */}
      <ConversionPages key={status ?? "all"} status={status} />
    </section>
  );
}

/** The pages asked for so far, as one table; "Load more" asks the API for the next. */
function ConversionPages({ status }: { status: Status | null }) {
  const [after, setAfter] = useState<string | null>(null);
  const [rows, setRows] = useState<Conversion[] | undefined>(undefined);
  const [result, refetch] = useQuery({
    query: ConversionsQuery,
    variables: { filter: status ? { status } : null, after },
  });
  const page = result.data?.conversions;
  useEffect(() => {
    if (!page) return;
    const fresh = page.edges.map((edge) => edge.node);
    setRows((before) => {
      const seen = new Set((before ?? []).map((row) => row.id));
      return [...(before ?? []), ...fresh.filter((row) => !seen.has(row.id))];
    });
  }, [page]);
  return (
    <DataTable<Conversion>
      label="Conversions"
      rows={rows}
      error={result.error}
      retry={() => refetch({ requestPolicy: "network-only" })}
      fetching={result.fetching}
      rowKey={(c) => c.id}
      empty="No conversions yet."
      pageSize={50}
      hasMore={page?.pageInfo.hasNextPage ?? false}
      onLoadMore={() => {
        if (page?.pageInfo.endCursor) setAfter(page.pageInfo.endCursor);
      }}
      columns={COLUMNS}
    />
  );
}

const COLUMNS: Column<Conversion>[] = [
  {
    id: "converted",
    header: "Converted",
    sortValue: (c) => c.convertedAt,
    cell: (c) => formatDateTime(c.convertedAt),
  },
  { id: "offer", header: "Offer", sortValue: (c) => c.offer.name, cell: (c) => c.offer.name },
  {
    id: "status",
    header: "Status",
    sortValue: (c) => c.status,
    cell: (c) => <StatusBadge status={c.status} />,
  },
  {
    id: "reason",
    header: "Reason",
    sortValue: (c) => c.statusReason,
    cell: (c) => (c.statusReason ? conversionReasonWords(c.statusReason) : "—"),
  },
  {
    id: "payout",
    header: "Payout",
    numeric: true,
    sortValue: (c) => BigInt(c.payout.amount),
    cell: (c) => formatMoney(c.payout.amount, c.payout.currency),
  },
  { id: "country", header: "Country", sortValue: (c) => c.country, cell: (c) => c.country ?? "—" },
  { id: "device", header: "Device", sortValue: (c) => c.deviceType, cell: (c) => formatEnum(c.deviceType) },
  { id: "sub1", header: "sub1", sortValue: (c) => c.subs.sub1, cell: (c) => c.subs.sub1 ?? "—" },
];
