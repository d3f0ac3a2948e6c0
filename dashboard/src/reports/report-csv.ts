// The report as CSV, built in the browser from exactly the rows and columns on screen. Values are raw
// (no symbols, no thousands separators): money in major units with the currency's own number of
// decimals, moved digit by digit from the minor units (never through a float), so a spreadsheet sums
// them exactly; rates as the API's decimal ratio, margin in basis points.
import { currencyDigits } from "../money.ts";
import type { Cell, ReportColumn, ReportRowData } from "./report-columns.ts";

/** "123456", "USD" → "1234.56"; "-5", "USD" → "-0.05"; "1234", "JPY" → "1234". */
export function minorToDecimal(amount: string, currency: string): string {
  const minor = BigInt(amount);
  const digits = currencyDigits(currency);
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, "0");
  const whole = text.slice(0, text.length - digits);
  const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

export function rawValue(cell: Cell): string {
  switch (cell.kind) {
    case "text":
    case "enum":
      return cell.value ?? "";
    case "count":
      return cell.value;
    case "money":
      return cell.value ? minorToDecimal(cell.value.amount, cell.value.currency) : "";
    case "rate":
      return cell.value ?? "";
    case "bps":
      return cell.value === null ? "" : String(cell.value);
  }
}

/**
 * RFC 4180 quoting: a field with a comma, quote, CR or LF is wrapped in quotes, inner quotes doubled.
 * A field that a spreadsheet would run as a formula (a sub id is whatever the traffic source sent,
 * e.g. "=HYPERLINK(...)") gets a leading apostrophe, the usual CSV-injection guard.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Header line then one line per row, CRLF-separated as RFC 4180 asks, ending with a line break. */
export function reportCsv(columns: readonly ReportColumn[], rows: readonly ReportRowData[]): string {
  const lines = [columns.map((c) => csvField(c.key))];
  for (const row of rows) lines.push(columns.map((c) => csvField(rawValue(c.cell(row)))));
  return `${lines.map((line) => line.join(",")).join("\r\n")}\r\n`;
}

/** Any header and rows of raw values as RFC 4180 CSV (the same quoting and formula guard). */
export function csvText(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `${[header, ...rows].map((line) => line.map(csvField).join(",")).join("\r\n")}\r\n`;
}
