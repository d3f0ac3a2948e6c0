import { describe, expect, it } from "vitest";
import { applyClientHints, classifyUserAgent, createUserAgentClassifier } from "./user-agent.ts";

const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const IPAD =
  "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const WINDOWS_CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const ANDROID_REDUCED =
  "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SMART_TV =
  "Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 TV Safari/537.36";

describe("classifyUserAgent", () => {
  it.each([
    [IPHONE, "MOBILE", "iOS", "Mobile Safari", false],
    [IPAD, "TABLET", "iOS", "Mobile Safari", false],
    [WINDOWS_CHROME, "DESKTOP", "Windows", "Chrome", false],
    [SMART_TV, "OTHER", "Tizen", "Samsung Internet", false],
    [
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "DESKTOP",
      null,
      "Googlebot",
      true,
    ],
    ["curl/8.5.0", "DESKTOP", null, "curl", true],
    ["python-requests/2.32.3", "DESKTOP", null, "python-requests", true],
    ["", "OTHER", null, null, true],
    ["   ", "OTHER", null, null, true],
  ])("%j", (ua, deviceType, os, browser, isBot) => {
    expect(classifyUserAgent(ua)).toMatchObject({ deviceType, os, browser, isBot });
  });

  // Services that append their product token to a desktop Chrome UA (isbot alone misses them), and
  // in-app browsers, which are people.
  it.each([
    [`${WINDOWS_CHROME} GTmetrix`, true],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_6) AppleWebKit/537.36 (KHTML, like Gecko) YLT Chrome/85.0.4183.121 Safari/537.36",
      true,
    ],
    [
      "Mozilla/5.0 (X11; Linux x86_64) Miniature.io/6.0 AppleWebKit/537.36 (KHTML, like Gecko) QtWebEngine/5.12.4 Chrome/69.0.3497.128 Safari/537.36",
      true,
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7; TSM-turingos-1253296984) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36",
      true,
    ],
    [`${WINDOWS_CHROME} Qualys`, true],
    [
      `${IPHONE.replace(" Version/17.5", "").replace(" Safari/604.1", "")} Instagram 337.0.3.23.54 (iPhone14,5; iOS 17_5; en_US; en; scale=3.00; 1170x2532; 614339138)`,
      false,
    ],
    [`${ANDROID_REDUCED} [FB_IAB/FB4A;FBAV/470.0.0.43.109;]`, false],
  ])("%s → bot %s", (ua, isBot) => {
    expect(classifyUserAgent(ua).isBot).toBe(isBot);
  });

  it("hashes the UA string, not the visitor", () => {
    expect(classifyUserAgent(IPHONE).uaHash).toBe(classifyUserAgent(IPHONE).uaHash);
    expect(classifyUserAgent(IPHONE).uaHash).not.toBe(classifyUserAgent(IPAD).uaHash);
  });
});

describe("applyClientHints", () => {
  it("a mobile hint makes a reduced Android UA a phone, and the platform hint names the OS", () => {
    const info = applyClientHints(classifyUserAgent(ANDROID_REDUCED), {
      mobile: "?1",
      platform: '"Android"',
    });
    expect(info).toMatchObject({ deviceType: "MOBILE", os: "Android" });
  });

  it("ignores ?0, malformed platforms and Unknown", () => {
    const base = classifyUserAgent(IPHONE);
    expect(applyClientHints(base, { mobile: "?0" })).toBe(base);
    expect(applyClientHints(base, { platform: "Android" })).toBe(base);
    expect(applyClientHints(base, { platform: '"<script>"' })).toBe(base);
    expect(applyClientHints(base, { platform: '"Unknown"' })).toBe(base);
    expect(applyClientHints(classifyUserAgent(WINDOWS_CHROME), { platform: '"macOS"' }).os).toBe("macOS");
  });
});

describe("createUserAgentClassifier", () => {
  it("caches parses up to its bound and applies hints per request", () => {
    const classifier = createUserAgentClassifier({ max: 2 });
    const first = classifier.classify(IPHONE);
    expect(classifier.classify(IPHONE)).toBe(first);
    classifier.classify(IPAD);
    classifier.classify(WINDOWS_CHROME);
    expect(classifier.size).toBe(2);
    expect(classifier.classify(undefined).isBot).toBe(true);
    expect(classifier.classify(ANDROID_REDUCED, { mobile: "?1" }).deviceType).toBe("MOBILE");
    expect(classifier.classify(ANDROID_REDUCED).deviceType).toBe("TABLET");
  });
});
