// Money as the API shows it: an amount in minor units (bigint) beside its ISO 4217 currency, plus a
// human-readable rendering. Amounts never pass through a float: the decimal point is placed on the
// digits of the bigint.

export interface Money {
  amount: bigint;
  currency: string;
}

const digitsCache = new Map<string, number>();

/** Minor-unit digits of a currency (USD 2, JPY 0, BHD 3), from the runtime's ICU data. */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** "123.45" for 12345n in a 2-digit currency; exact for any bigint. */
export function toDecimalString(amount: bigint, digits: number): string {
  const negative = amount < 0n;
  const text = (negative ? -amount : amount).toString().padStart(digits + 1, "0");
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? "" : `.${text.slice(-digits)}`;
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** "$1,234.50", "¥1,200", "€0.05" (en-US conventions). */
export function formatMoney({ amount, currency }: Money): string {
  const digits = minorDigits(currency);
  const decimal = toDecimalString(amount, digits);
  try {
    // Intl accepts a decimal string and keeps every digit (no float conversion).
    return new Intl.NumberFormat("en-US", {
      style: "currency",
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(decimal as unknown as number);
  } catch {
    return `${decimal} ${currency}`;
  }
}

let isoCurrencies: Set<string> | undefined;

/** ISO 4217 codes the runtime knows (upper-case only: "usd" is not a currency code). */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  isoCurrencies ??= new Set(Intl.supportedValuesOf("currency"));
  return isoCurrencies.has(code);
}
