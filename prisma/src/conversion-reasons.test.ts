import { describe, expect, it } from "vitest";
import { conversionReasonWords } from "./conversion-reasons.ts";

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
