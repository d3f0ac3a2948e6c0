import { describe, expect, it } from "vitest";
import { formatMoney, isCurrencyCode, minorDigits, toDecimalString } from "./money.ts";

describe("money", () => {
  it.each([
    ["USD", 2],
    ["JPY", 0],
    ["BHD", 3],
    ["EUR", 2],
  ])("%s has %i minor digits", (currency, digits) => {
    expect(minorDigits(currency)).toBe(digits);
  });

  it.each([
    [12345n, 2, "123.45"],
    [5n, 2, "0.05"],
    [-5n, 2, "-0.05"],
    [1200n, 0, "1200"],
    [9223372036854775807n, 2, "92233720368547758.07"],
  ])("places the point: %s with %i digits is %s", (amount, digits, text) => {
    expect(toDecimalString(amount, digits)).toBe(text);
  });

  it.each([
    [{ amount: 123450n, currency: "USD" }, "$1,234.50"],
    [{ amount: 1200n, currency: "JPY" }, "¥1,200"],
    [{ amount: 5n, currency: "EUR" }, "€0.05"],
    [{ amount: 9223372036854775807n, currency: "USD" }, "$92,233,720,368,547,758.07"],
  ])("formats %o as %s", (money, text) => {
    expect(formatMoney(money)).toBe(text);
  });

  it.each([
    ["USD", true],
    ["EUR", true],
    ["usd", false],
    ["XYZ", false],
    ["US", false],
  ])("currency code %s valid: %s", (code, valid) => {
    expect(isCurrencyCode(code)).toBe(valid);
  });
});
