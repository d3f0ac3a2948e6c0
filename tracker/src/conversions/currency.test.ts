import { describe, expect, it } from "vitest";
import { isKnownCurrency, minorUnitExponent } from "./currency.ts";

describe("minorUnitExponent", () => {
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
    expect(minorUnitExponent(code)).toBe(exponent);
  });
});

describe("isKnownCurrency", () => {
  it.each([
    ["USD", true],
    ["JPY", true],
    ["KWD", true],
    ["usd", false],
    ["XYZ", false],
    ["XAU", false],
    ["XXX", false],
    ["", false],
  ])("%s → %s", (code, expected) => {
    expect(isKnownCurrency(code)).toBe(expected);
  });
});
