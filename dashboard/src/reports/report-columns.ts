// The columns of the report table, shared by the screen and its CSV export so both show exactly the
// same cells: first the group keys in the order chosen, then the currency (rows are always per
// currency), then the metrics the viewer's role receives from the API.
import { type MoneyVisibility, moneyVisibility } from "@leadrail/db/visibility";
import type { SchemaReportGroup } from "./report-query.ts";

export const REPORT_GROUPS = [
  "DAY",
  "HOUR",
  "OFFER",
  "PUBLISHER",
  "ADVERTISER",
  "COUNTRY",
  "DEVICE",
  "SUB1",
  "SUB2",
  "SUB3",
  "SUB4",
  "SUB5",
  "SUB6",
  "SUB7",
  "SUB8",
  "SUB9",
  "SUB10",
] as const satisfies readonly SchemaReportGroup[];
export type ReportGroup = (typeof REPORT_GROUPS)[number];
// And the other way: a grouping the schema gains and this list lacks is a compile error here.
const everySchemaGroupListed: [Exclude<SchemaReportGroup, ReportGroup>] extends [never] ? true : never = true;
void everySchemaGroupListed;

interface MoneyValue {
  amount: string;
  currency: string;
}

/** The fields of a ReportRow the screen asks for; money fields are absent when the role may not see them. */
export interface ReportRowData {
  day?: string | null;
  hour?: string | null;
  offerId?: string | null;
  offerName?: string | null;
  publisherId?: string | null;
  publisherName?: string | null;
  advertiserId?: string | null;
  advertiserName?: string | null;
  country?: string | null;
  deviceType?: string | null;
  subs: (string | null)[];
  currency: string;
  clicks: string;
  uniqueClicks: string;
  conversions: string;
  approvedConversions: string;
  conversionRate?: string | null;
  payout?: MoneyValue | null;
  epc?: MoneyValue | null;
  revenue?: MoneyValue | null;
  profit?: MoneyValue | null;
  marginBps?: number | null;
}

/** A cell's raw value: text, a count, a money amount in minor units, a ratio or basis points; null = none. */
export type Cell =
  | { kind: "text"; value: string | null }
  /** An enum value (DESKTOP): words on screen, as sent in the CSV. */
  | { kind: "enum"; value: string | null }
  | { kind: "count"; value: string }
  | { kind: "money"; value: MoneyValue | null }
  | { kind: "rate"; value: string | null }
  | { kind: "bps"; value: number | null };

export interface ReportColumn {
  /** Header of the CSV column (stable, snake_case). */
  key: string;
  /** Header on screen. */
  label: string;
  numeric: boolean;
  cell: (row: ReportRowData) => Cell;
}

// Which money a role receives: the API's own rule (it answers null for the rest, so the screen does
// not ask), imported rather than repeated.
export { type MoneyVisibility, moneyVisibility };

const text = (value: string | null | undefined): Cell => ({ kind: "text", value: value ?? null });

/** The columns of one grouping: an offer, publisher or advertiser is its name, then its id. */
function groupColumns(group: ReportGroup): ReportColumn[] {
  const column = (key: string, label: string, cell: (row: ReportRowData) => Cell): ReportColumn => ({
    key,
    label,
    numeric: false,
    cell,
  });
  switch (group) {
    case "DAY":
      return [column("day", "Day", (r) => text(r.day))];
    case "HOUR":
      return [column("hour", "Hour", (r) => text(r.hour))];
    case "OFFER":
      return [
        column("offer_name", "Offer", (r) => text(r.offerName)),
        column("offer_id", "Offer ID", (r) => text(r.offerId)),
      ];
    case "PUBLISHER":
      return [
        column("publisher_name", "Publisher", (r) => text(r.publisherName)),
        column("publisher_id", "Publisher ID", (r) => text(r.publisherId)),
      ];
    case "ADVERTISER":
      return [
        column("advertiser_name", "Advertiser", (r) => text(r.advertiserName)),
        column("advertiser_id", "Advertiser ID", (r) => text(r.advertiserId)),
      ];
    case "COUNTRY":
      return [column("country", "Country", (r) => text(r.country))];
    case "DEVICE":
      return [column("device_type", "Device", (r) => ({ kind: "enum", value: r.deviceType ?? null }))];
    default: {
      const n = Number(group.slice(3));
      return [column(`sub${n}`, `sub${n}`, (r) => text(r.subs[n - 1]))];
    }
  }
}

const count = (key: string, label: string, pick: (row: ReportRowData) => string): ReportColumn => ({
  key,
  label,
  numeric: true,
  cell: (row) => ({ kind: "count", value: pick(row) }),
});

const moneyColumn = (
  key: string,
  label: string,
  pick: (row: ReportRowData) => MoneyValue | null | undefined,
): ReportColumn => ({
  key,
  label,
  numeric: true,
  cell: (row) => ({ kind: "money", value: pick(row) ?? null }),
});

export function reportColumns(groupBy: readonly ReportGroup[], see: MoneyVisibility): ReportColumn[] {
  const columns: ReportColumn[] = groupBy.flatMap(groupColumns);
  columns.push({ key: "currency", label: "Currency", numeric: false, cell: (r) => text(r.currency) });
  columns.push(
    count("clicks", "Clicks", (r) => r.clicks),
    count("unique_clicks", "Unique clicks", (r) => r.uniqueClicks),
    count("conversions", "Conversions", (r) => r.conversions),
    count("approved_conversions", "Approved", (r) => r.approvedConversions),
    {
      key: "conversion_rate",
      label: "CR",
      numeric: true,
      cell: (r) => ({ kind: "rate", value: r.conversionRate ?? null }),
    },
  );
  if (see.revenue) columns.push(moneyColumn("revenue", see.payout ? "Revenue" : "Cost", (r) => r.revenue));
  if (see.payout) {
    columns.push(moneyColumn("payout", see.revenue ? "Payout" : "Earnings", (r) => r.payout));
    // The API's EPC is the payout per 100 clicks (minor units per click would round most to zero).
    columns.push(moneyColumn("epc", "EPC (per 100 clicks)", (r) => r.epc));
  }
  if (see.margin) {
    columns.push(moneyColumn("profit", "Profit", (r) => r.profit));
    columns.push({
      key: "margin_bps",
      label: "Margin",
      numeric: true,
      cell: (r) => ({ kind: "bps", value: r.marginBps ?? null }),
    });
  }
  return columns;
}
