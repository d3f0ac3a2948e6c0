// Money as ISO 4217 defines it, shared by the tracker (parsing postback amounts, publisher postback
// macros) and the API (display, CSV, validation). Amounts are bigint minor units; the exponent says
// where the decimal point goes. No floats anywhere, so 9007199254740993 cents prints as
// 90071992547409.93, not a rounded neighbour.

// ISO 4217 minor-unit exponents that are not 2. Written out rather than taken from Intl: ICU's data
// follows CLDR display preferences (IDR, HUF with 0 decimals, IQD with 0), where ISO says 2, 2 and 3,
// and stored amounts follow ISO.
const EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

// Codes with no minor unit or that are not money one can be paid in (special drawing rights,
// precious metals, test and "no currency" codes).
const NOT_MONEY = new Set([
  "XDR",
  "XSU",
  "XUA",
  "XAU",
  "XAG",
  "XPD",
  "XPT",
  "XBA",
  "XBB",
  "XBC",
  "XBD",
  "XTS",
  "XXX",
]);

let payable: Set<string> | undefined;

/** An ISO 4217 code (upper-case, e.g. "USD") of a currency amounts can be paid in: not "usd", not XAU. */
export function isPayableCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  payable ??= new Set(Intl.supportedValuesOf("currency").filter((c) => !NOT_MONEY.has(c)));
  return payable.has(code);
}

/** Digits after the decimal point in the currency's minor unit: JPY 0, USD 2, KWD 3. */
export function currencyExponent(currency: string): number {
  if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`not an ISO 4217 currency code: ${currency}`);
  return EXPONENTS[currency] ?? 2;
}

/** 123456n USD → "1234.56"; -5n USD → "-0.05"; 1500n JPY → "1500"; 1n KWD → "0.001". */
export function formatMinor(amount: bigint, currency: string): string {
  const exponent = currencyExponent(currency);
  const sign = amount < 0n ? "-" : "";
  const digits = (amount < 0n ? -amount : amount).toString();
  if (exponent === 0) return `${sign}${digits}`;
  const padded = digits.padStart(exponent + 1, "0");
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

/** numerator / denominator rounded half to even (banker's rounding); both non-negative. */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const twiceRemainder = (numerator % denominator) * 2n;
  if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)) {
    return quotient + 1n;
  }
  return quotient;
}

/** `bps` basis points (1250 = 12.50 %) of a minor-unit amount, rounded half-even. */
export function shareOf(amount: bigint, bps: number): bigint {
  return divideHalfEven(amount * BigInt(bps), 10_000n);
}
