// Reports: clicks, conversions and money grouped by up to three keys (day, sub ids, country...) over
// local dates in the viewer's time zone, with a CSV download of exactly the rows shown. Media buyers
// live here: payout and EPC per sub1/sub2 (their campaign and ad set), per day in their own zone.
import { type FormEvent, useMemo, useState } from "react";
import { type UseQueryState, useQuery } from "urql";
import { useMe } from "../app/me.ts";
import type { ResultOf } from "../graphql.ts";
import { type Column, DataTable, type SortValue } from "../ui/DataTable.tsx";
import { formatEnum, formatMoney, formatNumber, formatPercent } from "../ui/format.ts";
import { ErrorState, Loading } from "../ui/states.tsx";
import {
  MONEY_METRICS,
  metricPoints,
  ReportChart,
  type ReportMetric,
  type SeriesRow,
} from "./ReportChart.tsx";
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
import { ReportChoicesQuery, ReportQuery, ReportSeriesQuery } from "./report-query.ts";
import { browserTimeZone, knownTimeZones, lastDaysIn } from "./report-range.ts";
import { totalsByCurrency } from "./report-totals.ts";

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

const DEVICE_TYPES = ["DESKTOP", "MOBILE", "TABLET", "OTHER"] as const;
type DeviceType = (typeof DEVICE_TYPES)[number];

interface Request {
  from: string;
  to: string;
  timeZone: string;
  groupBy: ReportGroup[];
  offerIds: string[];
  publisherIds: string[];
  advertiserIds: string[];
  countries: string[];
  deviceTypes: DeviceType[];
}

function initialRequest(): Request {
  const timeZone = browserTimeZone();
  return {
    ...lastDaysIn(timeZone, 7),
    timeZone,
    groupBy: ["DAY"],
    offerIds: [],
    publisherIds: [],
    advertiserIds: [],
    countries: [],
    deviceTypes: [],
  };
}

/** The API's filter from the form's choices; an empty choice is no filter. */
function filterOf(request: Request) {
  const list = <T,>(values: T[]) => (values.length > 0 ? values : null);
  const filter = {
    offerIds: list(request.offerIds),
    publisherIds: list(request.publisherIds),
    advertiserIds: list(request.advertiserIds),
    countries: list(request.countries),
    deviceTypes: list(request.deviceTypes),
  };
  return Object.values(filter).some((value) => value !== null) ? filter : null;
}

function display(cell: Cell): string {
  switch (cell.kind) {
    case "text":
      return cell.value ?? "—";
    case "enum":
      return formatEnum(cell.value);
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

function sortValue(cell: Cell): SortValue {
  switch (cell.kind) {
    case "count":
      return BigInt(cell.value);
    case "money":
      return cell.value ? BigInt(cell.value.amount) : null;
    case "rate":
      return cell.value === null ? null : Number(cell.value);
    default:
      return cell.value;
  }
}

export function ReportsPage() {
  const me = useMe();
  const see = useMemo(() => moneyVisibility(me.role), [me.role]);
  const [request, setRequest] = useState<Request>(initialRequest);
  const zones = useMemo(knownTimeZones, []);
  const filter = useMemo(() => filterOf(request), [request]);
  const variables = useMemo(
    () => ({
      from: request.from,
      to: request.to,
      timeZone: request.timeZone,
      groupBy: request.groupBy,
      filter,
      ...see,
    }),
    [request, filter, see],
  );
  const [result, refetch] = useQuery({ query: ReportQuery, variables });
  const [series] = useQuery({
    query: ReportSeriesQuery,
    variables: { from: request.from, to: request.to, timeZone: request.timeZone, filter, ...see },
  });
  const [choices] = useQuery({
    query: ReportChoicesQuery,
    variables: {
      from: request.from,
      to: request.to,
      timeZone: request.timeZone,
      // A publisher's reports hold only itself.
      publishers: me.role !== "PUBLISHER",
      advertisers: me.role !== "ADVERTISER",
    },
  });

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? "").trim();
    const all = (name: string) => form.getAll(name).map(String).filter(Boolean);
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
      offerIds: all("offer"),
      publisherIds: all("publisher"),
      advertiserIds: all("advertiser"),
      countries: field("countries")
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((code) => code.toUpperCase()),
      deviceTypes: all("device").filter((d): d is DeviceType =>
        (DEVICE_TYPES as readonly string[]).includes(d),
      ),
    });
  }

  const named = (
    rows: readonly { id?: string | null; name?: string | null }[] | undefined,
  ): { id: string; name: string }[] => {
    const seen = new Map<string, string>();
    for (const row of rows ?? []) if (row.id) seen.set(row.id, row.name ?? `#${row.id}`);
    return [...seen.entries()]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  };
  const offers = named(choices.data?.offers.rows.map((r) => ({ id: r.offerId, name: r.offerName })));
  const publishers = named(
    choices.data?.publishers?.rows.map((r) => ({ id: r.publisherId, name: r.publisherName })),
  );
  const advertisers = named(
    choices.data?.advertisers?.rows.map((r) => ({ id: r.advertiserId, name: r.advertiserName })),
  );

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
        <Choice name="offer" label="Offers" items={offers} />
        {me.role !== "PUBLISHER" ? <Choice name="publisher" label="Publishers" items={publishers} /> : null}
        {me.role !== "ADVERTISER" ? (
          <Choice name="advertiser" label="Advertisers" items={advertisers} />
        ) : null}
        <label>
          Countries <input name="countries" placeholder="e.g. DE, FR" defaultValue="" />
        </label>
        <Choice
          name="device"
          label="Devices"
          items={DEVICE_TYPES.map((d) => ({ id: d, name: formatEnum(d) }))}
        />
        <button type="submit">Run report</button>
      </form>
      <ReportResult result={result} see={see} retry={() => refetch({ requestPolicy: "network-only" })} />
      <MetricSection
        rows={series.data?.report.rows}
        fetching={series.fetching}
        from={request.from}
        to={request.to}
        timeZone={request.timeZone}
        see={see}
      />
    </section>
  );
}

/** A multiple choice (hold Ctrl/Cmd for several); nothing chosen is no filter. */
function Choice(props: { name: string; label: string; items: { id: string; name: string }[] }) {
  return (
    <label>
      {props.label}
      <select name={props.name} multiple size={Math.min(4, Math.max(2, props.items.length))}>
        {props.items.map((item) => (
          <option key={item.id} value={item.id}>
            {item.name}
          </option>
        ))}
      </select>
    </label>
  );
}

const METRICS: {
  metric: ReportMetric;
  label: (see: MoneyVisibility) => string;
  shown: (see: MoneyVisibility) => boolean;
}[] = [
  { metric: "clicks", label: () => "Clicks", shown: () => true },
  { metric: "uniqueClicks", label: () => "Unique clicks", shown: () => true },
  { metric: "conversions", label: () => "Conversions", shown: () => true },
  { metric: "approvedConversions", label: () => "Approved conversions", shown: () => true },
  { metric: "payout", label: (see) => (see.revenue ? "Payout" : "Earnings"), shown: (see) => see.payout },
  { metric: "revenue", label: (see) => (see.payout ? "Revenue" : "Cost"), shown: (see) => see.revenue },
  { metric: "profit", label: () => "Profit", shown: (see) => see.margin },
];

/** The chosen metric per day over the same range and filter as the table. */
function MetricSection(props: {
  rows: readonly SeriesRow[] | undefined;
  fetching: boolean;
  from: string;
  to: string;
  timeZone: string;
  see: MoneyVisibility;
}) {
  const [metric, setMetric] = useState<ReportMetric>("clicks");
  const [chosenCurrency, setCurrency] = useState<string | null>(null);
  const metrics = METRICS.filter((m) => m.shown(props.see));
  const current = metrics.find((m) => m.metric === metric) ?? metrics[0];
  // The currency with the most clicks first: the one this account mostly earns or spends in.
  const clicksIn = new Map<string, bigint>();
  for (const row of props.rows ?? [])
    clicksIn.set(row.currency, (clicksIn.get(row.currency) ?? 0n) + BigInt(row.clicks));
  const currencies = [...clicksIn.entries()]
    .sort((a, b) => (a[1] === b[1] ? a[0].localeCompare(b[0]) : a[1] > b[1] ? -1 : 1))
    .map(([code]) => code);
  const currency =
    chosenCurrency && currencies.includes(chosenCurrency) ? chosenCurrency : (currencies[0] ?? "USD");
  const money = current ? MONEY_METRICS.has(current.metric) : false;
  const label = current?.label(props.see) ?? "";
  return (
    <section aria-labelledby="report-chart-heading" className="report-chart">
      <div className="heading-row">
        <h2 id="report-chart-heading">Over time</h2>
        <div className="inline-form">
          <label>
            Metric{" "}
            <select
              value={current?.metric}
              onChange={(event) => setMetric(event.target.value as ReportMetric)}
            >
              {metrics.map((m) => (
                <option key={m.metric} value={m.metric}>
                  {m.label(props.see)}
                </option>
              ))}
            </select>
          </label>
          {money && currencies.length > 1 ? (
            <label>
              Currency{" "}
              <select value={currency} onChange={(event) => setCurrency(event.target.value)}>
                {currencies.map((code) => (
                  <option key={code}>{code}</option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
      </div>
      {props.rows === undefined ? (
        <div className="chart chart-placeholder">
          <Loading what="Drawing the chart" />
        </div>
      ) : current ? (
        <ReportChart
          points={metricPoints(props.rows, props.from, props.to, current.metric, currency)}
          label={label}
          money={money}
          currency={currency}
          title={`${label} per day (${props.timeZone}), ${props.from} to ${props.to}${money ? `, in ${currency}` : ""}`}
        />
      ) : null}
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
  const totals = totalsByCurrency(rows, props.see);
  const firstColumn = columns[0]?.key;
  const tableColumns: Column<ReportRowData>[] = columns.map((column) => ({
    id: column.key,
    header: column.label,
    numeric: column.numeric,
    cell: (row) => display(column.cell(row)),
    sortValue: (row) => sortValue(column.cell(row)),
  }));
  const footerRows = totals.map((total) => ({
    key: total.currency,
    cells: Object.fromEntries(
      columns.map((column) => [
        column.key,
        column.key === firstColumn ? (
          <strong key="total">Total</strong>
        ) : column.numeric || column.key === "currency" ? (
          display(column.cell(total))
        ) : null,
      ]),
    ),
  }));
  return (
    <>
      <div className="heading-row">
        <p className="muted" data-testid="report-summary">
          {formatNumber(rows.length)} row{rows.length === 1 ? "" : "s"} · {report.from} to {report.to} (
          {report.timeZone}) ·{" "}
          <span data-testid="report-source">{SOURCES[report.source] ?? report.source}</span>
        </p>
        <CsvDownload columns={columns} rows={rows} name={`report-${report.from}-${report.to}.csv`} />
      </div>
      <DataTable
        label="Report"
        columns={tableColumns}
        rows={rows}
        rowKey={(row) => JSON.stringify(columns.filter((c) => !c.numeric).map((c) => display(c.cell(row))))}
        fetching={result.fetching}
        empty="No traffic in this period."
        pageSize={100}
        footerRows={footerRows}
      />
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
