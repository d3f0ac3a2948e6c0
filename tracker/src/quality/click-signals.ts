// Why a click looks automated, from its headers alone: no I/O, a few string checks per click, so the
// click path can afford it (a Redis round trip per click it could not). Pure.
//
// isbot and ua-parser-js already decide `isBot` from the User-Agent; this adds the reason and the
// cases they miss: headless and automation browsers, absurd User-Agents, and a browser without
// Accept-Language (every real browser sends one; scripts usually do not). A missing Accept-Language
// alone does not make a bot (some privacy tools strip it): the click stays a human one, with a reason.

export type ClickFraudReason =
  | "no_user_agent"
  | "headless_browser"
  | "absurd_user_agent"
  | "bot_user_agent"
  | "no_accept_language"
  | "absurd_accept_language";

const HEADLESS = /headless|phantomjs|puppeteer|playwright|selenium|webdriver|electron\/|slimerjs/i;
/** Shorter than any browser's; longer is refused with 431 before this runs. */
const MIN_UA_LENGTH = 16;
const MAX_ACCEPT_LANGUAGE = 256;

export function clickFraud(input: {
  userAgent: string | undefined;
  acceptLanguage: string | undefined;
  isBot: boolean;
}): { isBot: boolean; fraudReason: ClickFraudReason | null } {
  const ua = input.userAgent?.trim() ?? "";
  if (ua === "") return { isBot: true, fraudReason: "no_user_agent" };
  if (HEADLESS.test(ua)) return { isBot: true, fraudReason: "headless_browser" };
  if (ua.length < MIN_UA_LENGTH) return { isBot: true, fraudReason: "absurd_user_agent" };
  if (input.isBot) return { isBot: true, fraudReason: "bot_user_agent" };
  const language = input.acceptLanguage?.trim() ?? "";
  // "*" is what HTTP libraries send by default (fetch does); no browser does.
  if (language === "" || language === "*") return { isBot: false, fraudReason: "no_accept_language" };
  if (language.length > MAX_ACCEPT_LANGUAGE) return { isBot: false, fraudReason: "absurd_accept_language" };
  return { isBot: false, fraudReason: null };
}
