// ISO 4217 minor units. Intl knows which codes exist, but its digit counts are CLDR display
// preferences (it formats IDR, HUF and PKR with 0 decimals and IQD with 0, where ISO 4217 says 2, 2,
// 2 and 3). Amounts in postbacks follow ISO, so the exponent comes from ISO's short list of
// exceptions and everything else has 2.
const EXPONENT_EXCEPTIONS: Readonly<Record<string, number>> = {
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

const known = new Set(Intl.supportedValuesOf("currency").filter((code) => !NOT_MONEY.has(code)));

/** True for an ISO 4217 code of a currency that amounts can be paid in (upper-case, e.g. "USD"). */
export function isKnownCurrency(code: string): boolean {
  return known.has(code);
}

/** Digits after the decimal point in the currency's minor unit: JPY 0, USD 2, KWD 3. */
export function minorUnitExponent(code: string): number {
  return EXPONENT_EXCEPTIONS[code] ?? 2;
}
