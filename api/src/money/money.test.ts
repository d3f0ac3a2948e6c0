import { describe, expect, it } from "vitest";
import { formatMoney } from "./money.ts";

describe("money", () => {
  it.each([
    [{ amount: 123450n, currency: "USD" }, "$1,234.50"],
    [{ amount: 1200n, currency: "JPY" }, "¥1,200"],
    [{ amount: 5n, currency: "EUR" }, "€0.05"],
    [{ amount: 9223372036854775807n, currency: "USD" }, "$92,233,720,368,547,758.07"],
    // ISO 4217 digits (2 for HUF), as stored, not CLDR's display preference (0).
    [{ amount: 1500n, currency: "HUF" }, "HUF\u00a015.00"],
  ])("formats %o as %s", (money, text) => {
    expect(formatMoney(money)).toBe(text);
  });
});
