import { describe, expect, test } from "vitest";
import { hasControlCharacters } from "./control-characters.ts";

describe("hasControlCharacters", () => {
  test.each([
    ["ORDER-1", false],
    ["Zoë Ünal — €12,50 日本", false],
    ["a b", false],
    ["\u00a0non-breaking space, \u00a9", false],
    ["ORDER-1\r\nX-Injected: 1", true],
    ["a\nb", true],
    ["a\tb", true],
    ["a\u0000b", true],
    ["a\u001bb", true],
    ["a\u007fb", true],
    ["a\u0085b", true],
    ["a\u009fb", true],
  ])("%j → %s", (text, expected) => {
    expect(hasControlCharacters(text)).toBe(expected);
  });
});
