// CSV rows for finance exports (RFC 4180), safe to open in a spreadsheet.

// A cell a spreadsheet would read as a formula ("=HYPERLINK(...)", "+cmd|...", "@SUM(...)", "-2+3") is
// prefixed with a single quote (OWASP's CSV-injection advice). Tab and carriage return also start
// formulas in some spreadsheets.
const FORMULA_START = /^[=+\-@\t\r]/;
// Numbers we format ourselves ("-12.50", "-1250") are data, not formulas: they keep their sign.
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export type CsvValue = string | number | bigint | Date | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line, CRLF-terminated as RFC 4180 says. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
