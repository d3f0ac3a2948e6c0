// Reports: clicks, conversions and money grouped by up to three keys (day, sub ids, country...) over
// local dates in the viewer's time zone, with a CSV download of exactly the rows shown. Media buyers
// live here: payout and EPC per sub1/sub2 (their campaign and ad set), per day in their own zone.
import { type FormEvent, useMemo, useState } from "react";
import { type UseQueryState, useQuery } from "urql";
import { useMe } from "../app/me.ts";
import type { ResultOf } from "../graphql.ts";
import { formatMoney, formatNumber, formatPercent } from "../ui/format.ts";
import { Empty, ErrorState, Loading } from "../ui/states.tsx";
import {
  type Cell,
  type MoneyVisibility,
  moneyVisibility,
  REPORT_GROUPS,
  type ReportColumn,
  type ReportGroup,
  type ReportRowData,
  reportColumns,
} from "./report-columns.ts";
import { reportCsv } from "./report-csv.ts";
import { ReportQuery } from "./report-query.ts";
import { browserTimeZone, knownTimeZones, lastDaysIn } from "./report-range.ts";

const MAX_GROUPS = 3;

const SOURCES: Record<string, string> = {
  DAILY_SEGMENTS: "from daily rollups",
  HOURLY: "from hourly rollups",
  HOURLY_OFFERS: "from hourly rollups per offer",
  SEGMENTS: "from hourly segment rollups",
  RAW: "from raw click rows",
};

const GROUP_LABELS: Record<ReportGroup, string> = {
  DAY: "Day",
  HOUR: "Hour",
  OFFER: "Offer",
  PUBLISHER: "Publisher",
  ADVERTISER: "Advertiser",
  COUNTRY: "Country",
  DEVICE: "Device",
  SUB1: "sub1",
  SUB2: "sub2",
  SUB3: "sub3",
  SUB4: "sub4",
  SUB5: "sub5",
  SUB6: "sub6",
  SUB7: "sub7",
  SUB8: "sub8",
  SUB9: "sub9",
  SUB10: "sub10",
};

interface Request {
  from: string;
  to: string;
  timeZone: string;
  groupBy: ReportGroup[];
  countries: string[];
}

function initialRequest(): Request {
  const timeZone = browserTimeZone();
  return { ...lastDaysIn(timeZone, 7), timeZone, groupBy: ["DAY"], countries: [] };
}

function display(cell: Cell): string {
  switch (cell.kind) {
    case "text":
      return cell.value ?? "—";
    case "count":
      return formatNumber(cell.value);
    case "money":
      return cell.value ? formatMoney(cell.value.amount, cell.value.currency) : "—";
    case "rate":
      return formatPercent(cell.value === null ? null : Number(cell.value));
    case "bps":
      return formatPercent(cell.value === null ? null : cell.value / 10_000);
  }
}

export function ReportsPage() {
  const me = useMe();
  const see = useMemo(() => moneyVisibility(me.role), [me.role]);
  const [request, setRequest] = useState<Request>(initialRequest);
  const zones = useMemo(knownTimeZones, []);
  const variables = useMemo(
    () => ({
      from: request.from,
      to: request.to,
      timeZone: request.timeZone,
      groupBy: request.groupBy,
      filter: request.countries.length > 0 ? { countries: request.countries } : null,
      ...see,
    }),
    [request, see],
  );
  const [result, refetch] = useQuery({ query: ReportQuery, variables });

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? "").trim();
    const groupBy: ReportGroup[] = [];
    for (let i = 0; i < MAX_GROUPS; i++) {
      const group = REPORT_GROUPS.find((g) => g === field(`group${i}`));
      if (group && !groupBy.includes(group)) groupBy.push(group);
    }
    setRequest({
      from: field("from"),
      to: field("to"),
      timeZone: field("timeZone") || "UTC",
      groupBy: groupBy.length > 0 ? groupBy : ["DAY"],
      countries: field("countries")
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((code) => code.toUpperCase()),
    });
  }

  return (
    <section>
      <h1>Reports</h1>
      <form className="filters" onSubmit={apply} aria-label="Report settings">
        <label>
          From <input type="date" name="from" defaultValue={request.from} required />
        </label>
        <label>
          To <input type="date" name="to" defaultValue={request.to} required />
        </label>
        <label>
          Time zone
          <input name="timeZone" defaultValue={request.timeZone} list="report-zones" spellCheck={false} />
          <datalist id="report-zones">
            {zones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </label>
        {Array.from({ length: MAX_GROUPS }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the three pickers are fixed positions.
          <label key={i}>
            {i === 0 ? "Group by" : `then by`}
            <select
              name={`group${i}`}
              defaultValue={request.groupBy[i] ?? ""}
              aria-label={`Group by ${i + 1}`}
            >
              {i > 0 ? <option value="">—</option> : null}
              {REPORT_GROUPS.map((group) => (
                <option key={group} value={group}>
                  {GROUP_LABELS[group]}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label>
          Countries <input name="countries" placeholder="e.g. DE, FR" defaultValue="" />
        </label>
        <button type="submit">Run report</button>
      </form>
      <ReportResult result={result} see={see} retry={() => refetch({ requestPolicy: "network-only" })} />
    </section>
  );
}

function ReportResult(props: {
  result: UseQueryState<ResultOf<typeof ReportQuery>>;
  see: MoneyVisibility;
  retry: () => void;
}) {
  const { result } = props;
  // A refused request (bad zone, range over 400 days, too many rows) is a typed API error: shown as
  // its message, the form stays usable.
  if (result.error) return <ErrorState error={result.error} retry={props.retry} />;
  if (!result.data) return result.fetching ? <Loading what="Running the report" /> : null;
  const report = result.data.report;
  const rows = report.rows as ReportRowData[];
  // Columns follow the request that answered (not the form's latest), so keys never meet rows of
  // another grouping while a new request is under way.
  const groupBy = (result.operation?.variables as { groupBy?: ReportGroup[] } | undefined)?.groupBy ?? [
    "DAY",
  ];
  const columns = reportColumns(groupBy, props.see);
  return (
    <>
      <div className="heading-row">
        <p className="muted" data-testid="report-summary">
          {rows.length} row{rows.length === 1 ? "" : "s"} · {report.from} to {report.to} ({report.timeZone}) ·{" "}
          <span data-testid="report-source">{SOURCES[report.source] ?? report.source}</span>
        </p>
        <CsvDownload columns={columns} rows={rows} name={`report-${report.from}-${report.to}.csv`} />
      </div>
      {rows.length === 0 ? (
        <Empty>No traffic in this period.</Empty>
      ) : (
        <div className="table-wrap">
          <table aria-label="Report" className="report">
            <thead>
              <tr>
                {columns.map((column) => (
                  <th
                    key={column.key}
                    className={column.numeric ? "num" : undefined}
                    data-column={column.key}
                  >
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                // Rows have no id: their keys and currency are unique in one answer, but the index is enough.
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are replaced whole on every run.
                <tr key={index} data-report-row="">
                  {columns.map((column) => (
                    <td
                      key={column.key}
                      className={column.numeric ? "num" : undefined}
                      data-column={column.key}
                    >
                      {display(column.cell(row))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** Saves the rows on screen as a file; built here, so the download is exactly what the table shows. */
function CsvDownload({
  columns,
  rows,
  name,
}: {
  columns: ReportColumn[];
  rows: ReportRowData[];
  name: string;
}) {
  function download() {
    const blob = new Blob([reportCsv(columns, rows)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = name;
    anchor.click();
    URL.revokeObjectURL(url);
  }
  return (
    <button type="button" className="secondary" onClick={download}>
      Download CSV
    </button>
  );
}
