// Device, OS, browser and bot verdict of a User-Agent string.
//
// A full ua-parser-js parse costs ~150-200 µs, more than the rest of the click path together, and
// real traffic repeats a few thousand UA strings: results are kept in a bounded LRU keyed by the UA
// string. Client hints are per request, so they are applied after the cache, never stored in it.
//
// Bots: isbot's pattern list plus ours (EXTRA_BOT_PATTERNS), or ua-parser's own verdict (crawler,
// fetcher, CLI, library), or no UA at all (every browser sends one). Bot clicks are still redirected,
// and flagged: refusing them would show crawlers an error page for an advertiser's link.
import { createHash } from "node:crypto";
import type { DeviceType } from "@leadrail/db";
import { createIsbotFromList, list as isbotPatterns } from "isbot";
import { LRUCache } from "lru-cache";
import { UAParser } from "ua-parser-js";
import { isBot as uaParserIsBot } from "ua-parser-js/bot-detection";
import { Bots } from "ua-parser-js/extensions";

export interface UserAgentInfo {
  deviceType: DeviceType;
  os: string | null;
  browser: string | null;
  isBot: boolean;
  /** Short hash of the UA string, part of the unique-click key (the raw UA is not kept in Redis). */
  uaHash: string;
}

export interface ClientHints {
  /** `Sec-CH-UA-Mobile`: "?1" or "?0". */
  mobile?: string | undefined;
  /** `Sec-CH-UA-Platform`: a quoted string such as `"Android"`. */
  platform?: string | undefined;
}

/**
 * Services that send a real desktop Chrome UA with only their product token added, which isbot's
 * list does not know (checked against crawler-user-agents, tests/tracker/click-visitor.test.ts).
 * Product names only, matched as words (isbot joins its list into one case-insensitive pattern):
 * each must never occur in a person's browser or in-app browser UA, which the same test checks
 * against user-agents' real browsers and a list of in-app browsers.
 */
export const EXTRA_BOT_PATTERNS: readonly string[] = [
  // page speed and front-end auditors
  "gtmetrix",
  "\\bylt\\b", // Yellow Lab Tools
  "debugbear",
  // screenshot and thumbnail services
  "miniature\\.io",
  "browshot",
  "thumbalizr",
  "shrinktheweb",
  "screenshotapi",
  // link checkers and site auditors
  "w3c-checklink",
  "xenu link sleuth",
  "sitebulb",
  "contentking",
  // security scanners
  "qualys",
  "nessus",
  "acunetix",
  "netsparker",
  "sqlmap",
  "\\bnikto\\b",
  "censys",
  // monitoring and AI content crawlers
  "uptime-kuma",
  "tsm-turingos",
];

const isbot = createIsbotFromList([...isbotPatterns, ...EXTRA_BOT_PATTERNS]);

/** UA strings longer than this are cut before parsing and hashing: no browser sends one. */
export const MAX_UA_LENGTH = 1024;
const NAME_LENGTH = 64;

function deviceTypeOf(type: string | undefined): DeviceType {
  switch (type) {
    case undefined:
      // ua-parser leaves desktops without a type.
      return "DESKTOP";
    case "mobile":
      return "MOBILE";
    case "tablet":
      return "TABLET";
    default:
      return "OTHER";
  }
}

function clip(value: string | undefined): string | null {
  return value === undefined || value === "" ? null : value.slice(0, NAME_LENGTH);
}

/** Parses without the cache: the rule, kept pure for the unit tests. */
export function classifyUserAgent(ua: string): UserAgentInfo {
  const uaHash = createHash("sha256").update(ua).digest("base64url").slice(0, 16);
  if (ua.trim() === "") return { deviceType: "OTHER", os: null, browser: null, isBot: true, uaHash };
  const result = UAParser(ua, Bots);
  return {
    deviceType: deviceTypeOf(result.device.type),
    os: clip(result.os.name),
    browser: clip(result.browser.name),
    isBot: isbot(ua) || uaParserIsBot(result),
    uaHash,
  };
}

const PLATFORM = /^"([A-Za-z0-9 ._-]{1,32})"$/;

/** Client hints win where they are sent: Chromium's reduced UA string hides the real platform. */
export function applyClientHints(info: UserAgentInfo, hints: ClientHints): UserAgentInfo {
  let { deviceType, os } = info;
  // ?1 is sent by phones only: Chromium's reduced UA of an Android phone lacks the "Mobile" token and
  // parses as a tablet. ?0 proves little (a phone asking for the desktop site sends it), so it is ignored.
  if (hints.mobile === "?1") deviceType = "MOBILE";
  const platform = hints.platform === undefined ? null : PLATFORM.exec(hints.platform)?.[1];
  if (platform && platform !== "Unknown") os = platform;
  return deviceType === info.deviceType && os === info.os ? info : { ...info, deviceType, os };
}

export interface UserAgentClassifier {
  classify(ua: string | undefined, hints?: ClientHints): UserAgentInfo;
  readonly size: number;
}

export function createUserAgentClassifier(options: { max: number }): UserAgentClassifier {
  const cache = new LRUCache<string, UserAgentInfo>({ max: options.max });
  return {
    get size() {
      return cache.size;
    },
    classify(rawUa, hints = {}) {
      const ua = (rawUa ?? "").slice(0, MAX_UA_LENGTH);
      let info = cache.get(ua);
      if (info === undefined) {
        info = classifyUserAgent(ua);
        cache.set(ua, info);
      }
      return hints.mobile === undefined && hints.platform === undefined
        ? info
        : applyClientHints(info, hints);
    },
  };
}
