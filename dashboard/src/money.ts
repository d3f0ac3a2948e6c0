// Money on screen. The API sends minor units as decimal strings (BigInt scalar) beside an ISO 4217 code;
// sums stay bigint and only the final string is formatted, digit by digit, never through a float.

/** Minor-unit digits of a currency (2 for USD, 0 for JPY, 3 for KWD), from the platform's ICU data. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits as number;
  } catch {
    return 2;
  }
}

/** "123456", "USD" → "$1,234.56"; exact for any 64-bit amount. */
export function formatMinor(amount: bigint | string, currency: string): string {
  const minor = typeof amount === "bigint" ? amount : BigInt(amount);
  const digits = currencyDigits(currency);
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, "0");
  const whole = text.slice(0, text.length - digits);
  const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : "";
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${currencySymbol(currency)}${grouped}${fraction}`;
}

function currencySymbol(currency: string): string {
  try {
    const parts = new Intl.NumberFormat("en-US", { style: "currency", currency }).formatToParts(0);
    const symbol = parts.find((part) => part.type === "currency")?.value ?? currency;
    // Codes without a symbol (CHF) read better with a space: "CHF 12.00".
    return /^[A-Z]{3}$/.test(symbol) ? `${symbol} ` : symbol;
  } catch {
    return `${currency} `;
  }
}

/**
 * Minor units as a number of major units, for chart axes only: a plotted point may round, a total
 * shown as text never does (use formatMinor for text).
 */
export function minorToChartValue(amount: bigint | string, currency: string): number {
  return Number(typeof amount === "bigint" ? amount : BigInt(amount)) / 10 ** currencyDigits(currency);
}

/** "0.0251" → "2.51 %"; null → "—". Rates are ratios, not money, so a float is fine here. */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "—" : `${(rate * 100).toFixed(2)} %`;
}

/**
 * What someone typed ("12.5", "1,200.00") as minor units ("1250", "120000"), exactly, by moving the
 * decimal point in the string; null when it is not an amount with at most the currency's digits.
 */
export function parseMajor(text: string, currency: string): string | null {
  const cleaned = text.trim().replace(/,/g, "");
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return null;
  const [, sign = "", whole = "0", fraction = ""] = match;
  const digits = currencyDigits(currency);
  if (fraction.length > digits) return null;
  const minor = BigInt(`${whole}${fraction.padEnd(digits, "0")}`);
  return (sign === "-" ? -minor : minor).toString();
}

/** Minor units back into what an input shows: "1250", "USD" → "12.50". */
export function minorToInput(amount: string, currency: string): string {
  return formatMinor(amount, currency).replace(/[^\d.-]/g, "");
}
