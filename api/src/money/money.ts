// Money as the API shows it: an amount in minor units (bigint) beside its ISO 4217 currency, plus a
// human-readable rendering. Amounts never pass through a float: the decimal point is placed on the
// digits of the bigint. Digits and valid codes are ISO 4217's (@leadrail/db), the same the tracker
// stamps amounts with.
import { currencyExponent, formatMinor } from "@leadrail/db";

export interface Money {
  amount: bigint;
  currency: string;
}

/** "$1,234.50", "¥1,200", "€0.05" (en-US conventions). */
export function formatMoney({ amount, currency }: Money): string {
  const digits = currencyExponent(currency);
  const decimal = formatMinor(amount, currency);
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
