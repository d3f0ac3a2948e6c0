// Real User-Agent strings written by others: browsers from `user-agents` (labelled desktop, mobile,
// tablet) and crawlers from `crawler-user-agents`. Loaded from the packages' data files so the lists
// are complete and deterministic (the `user-agents` API draws at random).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import crawlers from "crawler-user-agents" with { type: "json" };

export interface BrowserSample {
  userAgent: string;
  deviceCategory: "desktop" | "mobile" | "tablet";
}

const require = createRequire(import.meta.url);

export function browserUserAgents(): BrowserSample[] {
  const file = join(dirname(require.resolve("user-agents")), "user-agents.json");
  const rows = JSON.parse(readFileSync(file, "utf8")) as BrowserSample[];
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.userAgent) && seen.add(row.userAgent));
}

export function crawlerUserAgents(): string[] {
  return [...new Set(crawlers.flatMap((c) => c.instances ?? []))];
}

/** The example UA of a crawler whose pattern is `pattern` in crawler-user-agents. */
export function crawlerUserAgent(pattern: string): string {
  const ua = crawlers.find((c) => c.pattern === pattern)?.instances[0];
  if (ua === undefined) throw new Error(`crawler-user-agents has no example for ${pattern}`);
  return ua;
}

/**
 * crawler-user-agents entries whose example is a person's browser, not a crawler: the click path must
 * not flag them, so they are left out of "every crawler is flagged". Keyed by the entry's pattern.
 */
export const HUMAN_CRAWLER_LIST_ENTRIES: ReadonlyMap<string, string> = new Map([
  [
    "AP3A\\.240617\\.008",
    "listed as 80legs, but the pattern is an Android build id and the example is Instagram's in-app " +
      "browser on an OPPO phone: matching it would flag every person on that Android build",
  ],
  ["MetaIAB Facebook", "Meta's in-app browser (IAB): a person who tapped a link in Facebook"],
  ["Fluid", "Fluid, a macOS app that wraps a site in its own browser window: a person browsing"],
]);

/** crawler-user-agents' example UAs, less the entries that are people (HUMAN_CRAWLER_LIST_ENTRIES). */
export function crawlerUserAgentsToFlag(): string[] {
  const uas = crawlers
    .filter((c) => !HUMAN_CRAWLER_LIST_ENTRIES.has(c.pattern))
    .flatMap((c) => c.instances ?? []);
  return [...new Set(uas)];
}

/**
 * In-app browsers (people tapping a link inside an app), as the apps send them: none is in
 * user-agents' list, and each carries an app token a careless bot pattern could match.
 */
export const IN_APP_BROWSER_USER_AGENTS: readonly string[] = [
  // Instagram, iOS and Android
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 337.0.3.23.54 (iPhone14,5; iOS 17_5; en_US; en; scale=3.00; 1170x2532; 614339138)",
  "Mozilla/5.0 (Linux; Android 14; SM-S918B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36 Instagram 335.0.0.39.93 Android (34/14; 480dpi; 1080x2340; samsung; SM-S918B; dm3q; qcom; en_US; 606558423)",
  // Facebook and Messenger
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/468.0.0.48.108;FBBV/601234567;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/17.5;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBRV/0]",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240605.024; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/470.0.0.43.109;]",
  "Mozilla/5.0 (Linux; Android 16; Pixel 10 Pro XL Build/CP1A.260305.018; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/146.0.7680.174 Mobile Safari/537.36 MetaIAB Facebook",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/MessengerForiOS;FBAV/458.0.0.38.108;FBBV/590123456;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.5;FBSS/3;FBCR/;FBID/phone;FBLC/en_US;FBOP/5]",
  // TikTok, iOS and Android
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 musical_ly_35.1.0 JsSdk/2.0 NetType/WIFI Channel/App Store ByteLocale/en Region/US ByteFullLocale/en isDarkMode/0 WKWebView/1 RevealType/Dialog BytedanceWebview/d8a21c6",
  "Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 trill_330504 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/trill app_version/33.5.4 ByteLocale/en ByteFullLocale/en Region/DE Spark/1.4.8.3-bugfix AppVersion/33.5.4 BytedanceWebview/d8a21c6",
  // Snapchat, LinkedIn, Pinterest, X
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Snapchat/13.0.0.45 (like Safari/8618.2.12.10.9, panda)",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.29.8962",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [Pinterest/iOS]",
  "Mozilla/5.0 (Linux; Android 14; Pixel 7 Build/AP2A.240605.024; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36 [Pinterest/Android]",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Twitter for iPhone/10.48",
  // LINE, WeChat, Telegram, the Google app
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/14.9.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003129) NetType/WIFI Language/zh_CN",
  "Mozilla/5.0 (Linux; Android 14; SM-G991B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36 Telegram-Android/10.14.5 (Samsung SM-G991B; Android 14; SDK 34; HIGH)",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) GSA/321.0.642823428 Mobile/15E148 Safari/604.1",
];
