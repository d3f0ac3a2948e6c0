import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  CONVERSION_REASON_WORDS,
  conversionReasonWords,
  OVERTURNABLE_SIGNAL_CODES,
  QUALITY_SIGNAL_CODES,
  QUALITY_SIGNAL_WORDS,
  qualitySignalWords,
  TEMPERATURE_REASON_WORDS,
  temperatureReasonWords,
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

describe("quality signal and temperature words", () => {
  it("labels every signal code (a badge's short words); unknown codes stay readable", () => {
    for (const code of QUALITY_SIGNAL_CODES)
      expect({ code, label: QUALITY_SIGNAL_WORDS[code] }).toEqual({ code, label: expect.any(String) });
    expect(qualitySignalWords("bot_click")).toBe("Bot click");
    expect(qualitySignalWords("brand_new_signal")).toBe("Brand new signal");
    expect(temperatureReasonWords("clicked_15m")).toBe("clicked within 15 minutes");
  });

  it("labels every temperature reason the API gives", () => {
    const source = readFileSync(new URL("../../api/src/leads/temperature.ts", import.meta.url), "utf8");
    const codes = [...source.matchAll(/add\(-?\d+, "([a-z0-9_]+)"\)/g)].map((m) => m[1] as string);
    expect(codes.length).toBeGreaterThan(5);
    for (const code of codes)
      expect({ code, label: TEMPERATURE_REASON_WORDS[code] }).toEqual({ code, label: expect.any(String) });
  });
});
