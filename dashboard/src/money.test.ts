import { describe, expect, test } from "vitest";
import {
  currencyDigits,
  formatMinor,
  formatRate,
  minorToChartValue,
  minorToInput,
  parseMajor,
} from "./money.ts";

describe("formatMinor", () => {
  test.each([
    ["0", "USD", "$0.00"],
    ["5", "USD", "$0.05"],
    ["150000", "USD", "$1,500.00"],
    ["-2599", "EUR", "-€25.99"],
    ["1234", "JPY", "¥1,234"],
    ["1234", "KWD", "KWD 1.234"],
    ["1200", "CHF", "CHF 12.00"],
  ])("%s %s → %s", (amount, currency, text) => {
    expect(formatMinor(amount, currency)).toBe(text);
  });

  test("is exact beyond 2^53 (no float on the way)", () => {
    expect(formatMinor(9_223_372_036_854_775_807n, "USD")).toBe("$92,233,720,368,547,758.07");
  });
});

test("currency digits come from ICU data", () => {
  expect([currencyDigits("USD"), currencyDigits("JPY"), currencyDigits("BHD")]).toEqual([2, 0, 3]);
});

test("chart values are major units", () => {
  expect(minorToChartValue("12345", "USD")).toBe(123.45);
  expect(minorToChartValue(700n, "JPY")).toBe(700);
});

test("rates", () => {
  expect(formatRate(0.0251)).toBe("2.51 %");
  expect(formatRate(null)).toBe("—");
});

describe("parseMajor", () => {
  test.each([
    ["12.5", "USD", "1250"],
    ["1,200.00", "USD", "120000"],
    ["0.07", "USD", "7"],
    ["15", "EUR", "1500"],
    ["700", "JPY", "700"],
    ["92233720368547758.07", "USD", "9223372036854775807"],
  ])("%s %s → %s", (text, currency, minor) => {
    expect(parseMajor(text, currency)).toBe(minor);
  });

  test.each([
    ["1.234", "USD"],
    ["1.5", "JPY"],
    ["abc", "USD"],
    ["", "USD"],
    ["1e3", "USD"],
  ])("refuses %s %s", (text, currency) => {
    expect(parseMajor(text, currency)).toBeNull();
  });

  test("round-trips through the input format", () => {
    expect(minorToInput("123456", "USD")).toBe("1234.56");
    expect(parseMajor(minorToInput("-5", "EUR"), "EUR")).toBe("-5");
  });
});
