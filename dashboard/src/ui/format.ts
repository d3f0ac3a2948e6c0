// The one place the dashboard turns numbers, money, rates, dates and enum values into text, so every
// screen reads the same ("10,889" everywhere, never "2390" on one screen and "10,889" on the next).
// Intl does the work, in the viewer's locale. Money never passes through a float: minor units become
// an exact decimal string ("1234.56") that Intl.NumberFormat formats as written.
import { currencyDigits } from "../money.ts";

let currentLocale: string | undefined;

/** The locale every formatter uses: the browser's unless set (tests pin it). */
export function locale(): string | undefined {
  return currentLocale;
}

export function setLocale(value: string | undefined): void {
  currentLocale = value;
  cache.clear();
}

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(currentLocale, options);
    cache.set(key, format);
  }
  return format;
}

const DASH = "—";

/** A count: 10889 → "10,889" (en-US); null → "—". */
export function formatNumber(value: number | bigint | string | null | undefined): string {
  if (value === null || value === undefined || value === "") return DASH;
  const exact = typeof value === "string" ? BigInt(value) : value;
  return numberFormat({ maximumFractionDigits: 2 }).format(exact);
}

/** Minor units as an exact decimal string: ("-123456", 2) → "-1234.56". */
export function minorToDecimal(amount: bigint | string, digits: number): string {
  const minor = typeof amount === "bigint" ? amount : BigInt(amount);
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, "0");
  const whole = text.slice(0, text.length - digits);
  const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** ("123456", "USD") → "$1,234.56" (en-US); exact for any amount; null → "—". */
export function formatMoney(amount: bigint | string | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) return DASH;
  const digits = currencyDigits(currency);
  const decimal = minorToDecimal(amount, digits);
  try {
    // Intl.NumberFormat reads a numeric string as an exact decimal (ES2023), not through a Number.
    return numberFormat({ style: "currency", currency }).format(decimal as unknown as number);
  } catch {
    return `${decimal} ${currency}`;
  }
}

/**
 * A chart axis tick in major units, short: 12500 → "$12.5K". Axis ticks are positions on a scale, not
 * amounts anyone is paid, so a float is fine here; tooltips and tables use formatMoney.
 */
export function formatAxisMoney(major: number, currency: string): string {
  try {
    return numberFormat({ style: "currency", currency, notation: "compact" }).format(major);
  } catch {
    return `${formatAxisNumber(major)} ${currency}`;
  }
}

/** A chart axis tick for counts, short: 12500 → "12.5K". */
export function formatAxisNumber(value: number): string {
  return numberFormat({ notation: "compact" }).format(value);
}

/** A ratio as a percentage: 0.0251 → "2.51%"; null → "—". Rates are not money: a float is fine. */
export function formatPercent(ratio: number | null | undefined, fractionDigits = 2): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return DASH;
  return numberFormat({
    style: "percent",
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(ratio);
}

/** "2026-11-23T10:00:00.000Z" → "Nov 23, 2026"; null → "—". */
export function formatDate(iso: string | Date | null | undefined): string {
  if (!iso) return DASH;
  return new Date(iso).toLocaleDateString(currentLocale, { year: "numeric", month: "short", day: "numeric" });
}

/** "2026-11-23T10:00:00.000Z" → "Nov 23, 2026, 10:00 AM"; null → "—". */
export function formatDateTime(iso: string | Date | null | undefined): string {
  if (!iso) return DASH;
  return new Date(iso).toLocaleString(currentLocale, { dateStyle: "medium", timeStyle: "short" });
}

/** Words people use for values whose enum spelling reads badly. */
const ENUM_WORDS: Record<string, string> = {
  CPL: "CPL (per lead)",
  CPA: "CPA (per action)",
  REVSHARE: "Revenue share",
};

/** An enum value as words: "APPROVAL_REQUIRED" or "approval_required" → "Approval required". */
export function formatEnum(value: string | null | undefined): string {
  if (!value) return DASH;
  const known = ENUM_WORDS[value];
  if (known) return known;
  const words = value.replace(/_/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
