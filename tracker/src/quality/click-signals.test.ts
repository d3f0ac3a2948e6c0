import { describe, expect, test } from "vitest";
import { clickFraud } from "./click-signals.ts";

const chrome =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const headless =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36";

describe("clickFraud", () => {
  test.each([
    ["a browser", chrome, "en-US,en;q=0.9", false, { isBot: false, fraudReason: null }],
    ["no User-Agent", undefined, "en", false, { isBot: true, fraudReason: "no_user_agent" }],
    ["a blank User-Agent", "   ", "en", true, { isBot: true, fraudReason: "no_user_agent" }],
    ["HeadlessChrome", headless, "en", false, { isBot: true, fraudReason: "headless_browser" }],
    [
      "a 15-character User-Agent",
      "Mozilla/5.0 (X)",
      "en",
      false,
      { isBot: true, fraudReason: "absurd_user_agent" },
    ],
    ["a crawler isbot knows", chrome, "en", true, { isBot: true, fraudReason: "bot_user_agent" }],
    ["no Accept-Language", chrome, undefined, false, { isBot: false, fraudReason: "no_accept_language" }],
    [
      "a library's Accept-Language: *",
      chrome,
      "*",
      false,
      { isBot: false, fraudReason: "no_accept_language" },
    ],
    [
      "an absurd Accept-Language",
      chrome,
      "en,".repeat(90),
      false,
      {
        isBot: false,
        fraudReason: "absurd_accept_language",
      },
    ],
  ])("%s", (_name, userAgent, acceptLanguage, isBot, expected) => {
    expect(clickFraud({ userAgent, acceptLanguage, isBot })).toEqual(expected);
  });

  test("16 characters is long enough", () => {
    expect(
      clickFraud({ userAgent: "Mozilla/5.0 (XY)", acceptLanguage: "en", isBot: false }).fraudReason,
    ).toBeNull();
  });
});
