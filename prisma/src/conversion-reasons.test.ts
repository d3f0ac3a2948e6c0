import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  conversionReasonWords,
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

describe("quality signal and temperature words", () => {
  it("labels every signal code the tracker writes; unknown codes stay readable", () => {
    // The tracker's signal codes, read from its source so a new one without a label fails here.
    const source = readFileSync(
      new URL("../../tracker/src/quality/lead-signals.ts", import.meta.url),
      "utf8",
    );
    const codes = [...source.matchAll(/code: "([a-z_]+)"/g)].map((m) => m[1] as string);
    expect(codes.length).toBeGreaterThan(5);
    for (const code of codes)
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
