import { describe, expect, it } from "vitest";
import { parseDecimalToMinor } from "./money.ts";

describe("parseDecimalToMinor", () => {
  it.each([
    ["12.5", 2, 1250n],
    ["12.50", 2, 1250n],
    ["12", 2, 1200n],
    ["0", 2, 0n],
    ["0.01", 2, 1n],
    ["007.10", 2, 710n],
    [" 3.5 ", 2, 350n],
    ["1500", 0, 1500n],
    ["1500.00", 0, 1500n],
    ["1.234", 3, 1234n],
    ["1.2", 3, 1200n],
    // half-even beyond the currency's precision
    ["0.125", 2, 12n],
    ["0.135", 2, 14n],
    ["0.1251", 2, 13n],
    ["0.1249999", 2, 12n],
    ["2.5", 0, 2n],
    ["3.5", 0, 4n],
    ["999999999999999.99", 2, 99999999999999999n],
  ])("%j with exponent %i → %s", (text, exponent, minor) => {
    expect(parseDecimalToMinor(text, exponent)).toEqual({ ok: true, minor });
  });

  it.each([
    "",
    "-1",
    "+1",
    "1e400",
    "1E2",
    "12,50",
    "1 000",
    ".5",
    "5.",
    "abc",
    "NaN",
    "Infinity",
    "0x10",
    "1000000000000000",
    "1.1234567890123456789",
    "١٢",
  ])("refuses %j", (text) => {
    expect(parseDecimalToMinor(text, 2)).toEqual({ ok: false, reason: "invalid_amount" });
  });
});
