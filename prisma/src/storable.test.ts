import { describe, expect, test } from "vitest";
import { BIGINT_MAX, BIGINT_MIN, controlCharacterIn, isStorableBigint } from "./storable.ts";

describe("controlCharacterIn", () => {
  test.each([
    ["plain text, ünïcödé and emoji 🚀", null],
    ["tab\tnew line\ncarriage return\r", null],
    ["nul\u0000name", "U+0000"],
    ["bell\u0007", "U+0007"],
    ["escape\u001b[31m", "U+001B"],
    ["delete\u007f", "U+007F"],
    ["vertical tab\u000b", "U+000B"],
  ])("%j → %s", (text, expected) => {
    expect(controlCharacterIn(text)).toBe(expected);
  });
});

describe("isStorableBigint", () => {
  test.each([
    [0n, true],
    [BIGINT_MAX, true],
    [BIGINT_MIN, true],
    [9223372036854775807n, true],
    [9223372036854775808n, false],
    [-9223372036854775809n, false],
    [99999999999999999999999999n, false],
  ])("%s → %s", (value, expected) => {
    expect(isStorableBigint(value)).toBe(expected);
  });
});
