import { describe, expect, it } from "vitest";
import { currencyExponent, divideHalfEven, formatMinor, isPayableCurrency, shareOf } from "./money.ts";

describe("formatMinor", () => {
  it.each([
    [0n, "USD", "0.00"],
    [1n, "USD", "0.01"],
    [10n, "USD", "0.10"],
    [150000n, "USD", "1500.00"],
    [-5n, "USD", "-0.05"],
    [-123456n, "EUR", "-1234.56"],
    // Beyond Number.MAX_SAFE_INTEGER: exact, no float rounding.
    [9007199254740993n, "USD", "90071992547409.93"],
    [9223372036854775807n, "USD", "92233720368547758.07"],
    [1500n, "JPY", "1500"],
    [-7n, "KRW", "-7"],
    [1n, "KWD", "0.001"],
    [1234567n, "BHD", "1234.567"],
    [12345n, "CLF", "1.2345"],
    [123456789012345678n, "USD", "1234567890123456.78"],
  ])("%s %s → %s", (amount, currency, expected) => {
    expect(formatMinor(amount, currency)).toBe(expected);
  });

  it.each(["usd", "US", "USDX", ""])("refuses the currency code %j", (currency) => {
    expect(() => formatMinor(1n, currency)).toThrow(RangeError);
  });
});

describe("currencyExponent", () => {
  it.each([
    ["USD", 2],
    ["EUR", 2],
    ["GBP", 2],
    ["JPY", 0],
    ["ISK", 0],
    ["KWD", 3],
    ["CLF", 4],
    ["XYZ", 2],
  ])("%s has %i decimals", (currency, exponent) => {
    expect(currencyExponent(currency)).toBe(exponent);
  });
});

describe("currencyExponent, ISO against CLDR", () => {
  it.each([
    ["USD", 2],
    ["EUR", 2],
    ["JPY", 0],
    ["KRW", 0],
    ["KWD", 3],
    ["BHD", 3],
    ["IQD", 3],
    // ISO says 2 where Intl (CLDR) formats with 0 decimals.
    ["IDR", 2],
    ["HUF", 2],
    ["CLF", 4],
  ])("%s has %i decimals", (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });
});

describe("isPayableCurrency", () => {
  it.each([
    ["USD", true],
    ["JPY", true],
    ["KWD", true],
    ["EUR", true],
    ["usd", false],
    ["XYZ", false],
    ["US", false],
    ["XAU", false],
    ["XXX", false],
    ["", false],
  ])("%s → %s", (code, expected) => {
    expect(isPayableCurrency(code)).toBe(expected);
  });
});

describe("divideHalfEven and shareOf", () => {
  it.each([
    [10n, 4n, 2n], // 2.5 → 2
    [14n, 4n, 4n], // 3.5 → 4
    [11n, 4n, 3n], // 2.75 → 3
    [9n, 4n, 2n], // 2.25 → 2
    [0n, 7n, 0n],
  ])("%s / %s → %s", (n, d, q) => {
    expect(divideHalfEven(n, d)).toBe(q);
  });

  it.each([
    [10000n, 1250, 1250n], // 12.50 % of 100.00
    [1999n, 1000, 200n], // 199.9 → 200
    [1995n, 1000, 200n], // 199.5 → 200 (even)
    [1985n, 1000, 198n], // 198.5 → 198 (even)
    [12345n, 3333, 4115n], // 4114.5885 → 4115
    [100n, 0, 0n],
    [100n, 10000, 100n],
  ])("%s at %i bps → %s", (amount, bps, share) => {
    expect(shareOf(amount, bps)).toBe(share);
  });
});
