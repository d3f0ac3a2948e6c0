import { describe, expect, it } from "vitest";
import {
  CONVERSION_REASON_WORDS,
  conversionReasonWords,
  OVERTURNABLE_SIGNAL_CODES,
  QUALITY_SIGNAL_CODES,
} from "./conversion-reasons.ts";

describe("conversionReasonWords", () => {
  it.each([
    ["duplicate_lead", "The same lead was sent before"],
    ["click_expired", "Its click was older than the offer's attribution window"],
    ["some_new_code", "Some new code"],
    [null, "—"],
  ])("%s", (code, words) => {
    expect(conversionReasonWords(code)).toBe(words);
  });
});

describe("quality-signal codes", () => {
  it.each(QUALITY_SIGNAL_CODES)("%s has words of its own, not the fallback", (code) => {
    expect(Object.hasOwn(CONVERSION_REASON_WORDS, code)).toBe(true);
    const fallback = code.replace(/_/g, " ");
    expect(conversionReasonWords(code).toLowerCase()).not.toBe(fallback);
  });

  it("lists each code once, and only known codes as overturnable", () => {
    expect(new Set(QUALITY_SIGNAL_CODES).size).toBe(QUALITY_SIGNAL_CODES.length);
    for (const code of OVERTURNABLE_SIGNAL_CODES) expect(QUALITY_SIGNAL_CODES).toContain(code);
  });
});
