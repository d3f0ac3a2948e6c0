// Totals, a per-day chart and a per-day table for a date range: the stats screen of every role.
import { useMemo, useState } from "react";
import { useQuery } from "urql";
import { type Column, DataTable } from "../ui/DataTable.tsx";
import { formatMoney, formatNumber } from "../ui/format.ts";
import { QueryState } from "../ui/states.tsx";
import { type Series, StatsChart } from "./StatsChart.tsx";
import { currenciesByWeight, lastDays, type StatsRow, toDayPoints, totals } from "./series.ts";
import { OverviewReportQuery, StatsQuery } from "./stats-query.ts";

const RANGES = [7, 30, 90] as const;

export interface MoneyColumn {
  key: "payout" | "revenue" | "margin";
  label: string;
}

function moneyOf(row: StatsRow) {
  const payout = row.payout ? BigInt(row.payout.amount) : 0n;
  const revenue = row.revenue ? BigInt(row.revenue.amount) : 0n;
  return { payout, revenue, margin: revenue - payout };
}

function dayColumns(money: MoneyColumn[]): Column<StatsRow>[] {
  return [
    { id: "day", header: "Day", cell: (r) => r.day, sortValue: (r) => r.day },
    { id: "currency", header: "Currency", cell: (r) => r.currency, sortValue: (r) => r.currency },
    {
      id: "clicks",
      header: "Clicks",
      numeric: true,
      cell: (r) => formatNumber(r.clicks),
      sortValue: (r) => BigInt(r.clicks),
    },
    {
      id: "conversions",
      header: "Conversions",
      numeric: true,
      cell: (r) => formatNumber(r.conversions),
      sortValue: (r) => BigInt(r.conversions),
    },
    {
      id: "approved",
      header: "Approved",
      numeric: true,
      cell: (r) => formatNumber(r.approvedConversions),
      sortValue: (r) => BigInt(r.approvedConversions),
    },
    ...money.map(
      (column): Column<StatsRow> => ({
        id: column.key,
        header: column.label,
        numeric: true,
        cell: (r) => formatMoney(moneyOf(r)[column.key], r.currency),
        sortValue: (r) => moneyOf(r)[column.key],
      }),
    ),
  ];
}

/** `source`: the `stats` rollup (default) or `report` grouped by UTC day (the admin overview). */
export function StatsView(props: {
  title: string;
  series: Series[];
  money: MoneyColumn[];
  source?: "stats" | "report";
}) {
  const [range, setRange] = useState<(typeof RANGES)[number]>(30);
  const { from, to } = useMemo(() => lastDays(range), [range]);
  const fromReport = props.source === "report";
  const [statsResult, refetchStats] = useQuery({
    query: StatsQuery,
    variables: { from, to },
    pause: fromReport,
  });
  const [reportResult, refetchReport] = useQuery({
    query: OverviewReportQuery,
    variables: { from, to },
    pause: !fromReport,
  });
  const result = fromReport
    ? {
        ...reportResult,
        data: reportResult.data
          ? { stats: reportResult.data.report.rows.map((row) => ({ ...row, day: row.day ?? "" })) }
          : undefined,
      }
    : statsResult;
  const refetch = fromReport ? refetchReport : refetchStats;
  const [chosen, setChosen] = useState<string | null>(null);

  return (
    <section>
      <div className="heading-row">
        <h1>{props.title}</h1>
        <fieldset className="segmented" aria-label="Range">
          {RANGES.map((days) => (
            <button
              key={days}
              type="button"
              className={days === range ? "" : "secondary"}
              aria-pressed={days === range}
              onClick={() => setRange(days)}
            >
              {days} days
            </button>
          ))}
        </fieldset>
      </div>
      <QueryState
        {...result}
        retry={() => refetch({ requestPolicy: "network-only" })}
        isEmpty={(d) => d.stats.length === 0}
        empty="No traffic in this period."
      >
        {(data) => {
          const currencies = currenciesByWeight(data.stats);
          const currency = chosen && currencies.includes(chosen) ? chosen : (currencies[0] ?? "USD");
          const points = toDayPoints(data.stats, from, to, currency);
          const sum = totals(data.stats);
          return (
            <>
              <dl className="figures totals">
                <div>
                  <dt>Clicks</dt>
                  <dd data-testid="total-clicks">{formatNumber(sum.clicks)}</dd>
                </div>
                <div>
                  <dt>Conversions</dt>
                  <dd>{formatNumber(sum.conversions)}</dd>
                </div>
                <div>
                  <dt>Approved</dt>
                  <dd>{formatNumber(sum.approved)}</dd>
                </div>
                {[...sum.money.entries()].flatMap(([code, money]) =>
                  props.money.map((column) => (
                    <div key={`${code}-${column.key}`}>
                      <dt>
                        {column.label} ({code})
                      </dt>
                      <dd>{formatMoney(money[column.key], code)}</dd>
                    </div>
                  )),
                )}
              </dl>
              {currencies.length > 1 ? (
                <label className="inline">
                  Money in{" "}
                  <select value={currency} onChange={(event) => setChosen(event.target.value)}>
                    {currencies.map((code) => (
                      <option key={code}>{code}</option>
                    ))}
                  </select>
                </label>
              ) : null}
              <StatsChart
                points={points}
                series={props.series}
                currency={currency}
                title={`Per day (UTC), ${from} to ${to}; money in ${currency}`}
              />
              <details>
                <summary>Per day and currency</summary>
                <DataTable
                  label="Per day and currency"
                  columns={dayColumns(props.money)}
                  rows={[...data.stats].reverse()}
                  rowKey={(row) => `${row.day}-${row.currency}`}
                />
              </details>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
