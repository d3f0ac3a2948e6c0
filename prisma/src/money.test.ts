import { describe, expect, it } from "vitest";
import { currencyExponent, formatMinor, isPayableCurrency } from "./money.ts";

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
