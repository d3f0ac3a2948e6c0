import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  formatDate,
  formatEnum,
  formatMoney,
  formatNumber,
  formatPercent,
  minorToDecimal,
  setLocale,
} from "./format.ts";

describe("format", () => {
  beforeEach(() => setLocale("en-US"));
  afterEach(() => setLocale(undefined));

  it.each([
    [10889, "10,889"],
    [2390n, "2,390"],
    ["123456789012345678901", "123,456,789,012,345,678,901"],
    [null, "—"],
  ])("formatNumber(%s) = %s", (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it.each([
    ["123456", "USD", "$1,234.56"],
    ["-5", "USD", "-$0.05"],
    ["0", "EUR", "€0.00"],
    ["1500", "JPY", "¥1,500"],
    ["1234567", "KWD", "KWD 1,234.567"],
    // Beyond a double's 15–17 significant digits, still exact.
    ["9007199254740993123", "USD", "$90,071,992,547,409,931.23"],
  ])("formatMoney(%s, %s) = %s", (amount, currency, text) => {
    expect(formatMoney(amount, currency).replace(/\u00a0/g, " ")).toBe(text);
  });

  it("formats money in the viewer's locale", () => {
    setLocale("de-DE");
    expect(formatMoney("123456", "EUR").replace(/\u00a0/g, " ")).toBe("1.234,56 €");
    expect(formatNumber(10889)).toBe("10.889");
  });

  it("keeps minor units exact as a decimal string", () => {
    expect(minorToDecimal("-123456", 2)).toBe("-1234.56");
    expect(minorToDecimal(7n, 3)).toBe("0.007");
    expect(minorToDecimal("42", 0)).toBe("42");
  });

  it("formats rates, dates and enums", () => {
    expect(formatPercent(0.0251)).toBe("2.51%");
    expect(formatPercent(null)).toBe("—");
    expect(formatDate("2026-11-23T10:00:00.000Z")).toBe("Nov 23, 2026");
    expect(formatEnum("approval_required")).toBe("Approval required");
    expect(formatEnum("APPROVED")).toBe("Approved");
    expect(formatEnum("REVSHARE")).toBe("Revenue share");
  });
});
