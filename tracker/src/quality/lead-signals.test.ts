import { describe, expect, test } from "vitest";
import { leadSignals, type SignalFacts } from "./lead-signals.ts";

const at = new Date("2026-11-23T12:00:00Z");
const okClick = {
  createdAt: new Date(at.getTime() - 60_000),
  status: "ACCEPTED" as const,
  rejectReason: null,
  isBot: false,
  fraudReason: null,
  country: "US",
};
const base: SignalFacts = {
  click: okClick,
  offer: { minSecondsToConvert: 0, countries: [] },
  at,
  linkDisabled: false,
  publisherBlocked: false,
  duplicateOf: null,
  email: "ada@example.com",
};
const codes = (facts: Partial<SignalFacts>) => leadSignals({ ...base, ...facts }).map((s) => s.code);

describe("leadSignals", () => {
  test("a clean lead has none", () => {
    expect(leadSignals(base)).toEqual([]);
  });

  test("no click", () => {
    expect(codes({ click: null })).toEqual(["no_click"]);
  });

  test.each([
    ["geo_not_targeted", "country_not_targeted"],
    ["link_disabled", "link_paused"],
    ["not_approved", "click_rejected"],
  ])("a click rejected for %s → %s", (rejectReason, code) => {
    expect(codes({ click: { ...okClick, status: "REJECTED", rejectReason } })).toEqual([code]);
  });

  test("a link disabled or a country dropped since the click", () => {
    expect(codes({ linkDisabled: true })).toEqual(["link_paused"]);
    expect(codes({ offer: { minSecondsToConvert: 0, countries: ["DE"] } })).toEqual(["country_not_targeted"]);
    expect(codes({ offer: { minSecondsToConvert: 0, countries: ["US"] } })).toEqual([]);
    expect(
      codes({ click: { ...okClick, country: null }, offer: { minSecondsToConvert: 0, countries: ["US"] } }),
    ).toEqual(["country_not_targeted"]);
  });

  test("bot, velocity and suspicious clicks (a bot that also hit a velocity limit stays a bot_click)", () => {
    expect(
      leadSignals({ ...base, click: { ...okClick, isBot: true, fraudReason: "headless_browser" } }),
    ).toEqual([{ code: "bot_click", detail: "headless_browser" }]);
    expect(leadSignals({ ...base, click: { ...okClick, isBot: true, fraudReason: "velocity_ip" } })).toEqual([
      { code: "bot_click", detail: "bot user agent" },
      { code: "velocity_click", detail: "velocity_ip" },
    ]);
    expect(codes({ click: { ...okClick, fraudReason: "velocity_link" } })).toEqual(["velocity_click"]);
    expect(codes({ click: { ...okClick, fraudReason: "no_accept_language" } })).toEqual(["suspicious_click"]);
  });

  test("fast conversion: strictly below the minimum, and only when the offer sets one", () => {
    const offer = { minSecondsToConvert: 10, countries: [] };
    const clickAt = (ms: number) => ({ ...okClick, createdAt: new Date(at.getTime() - ms) });
    expect(leadSignals({ ...base, offer, click: clickAt(2_000) })).toEqual([
      { code: "fast_conversion", detail: "2 s after the click (minimum 10 s)" },
    ]);
    expect(codes({ offer, click: clickAt(9_999) })).toEqual(["fast_conversion"]);
    expect(codes({ offer, click: clickAt(10_000) })).toEqual([]);
    expect(codes({ click: clickAt(0) })).toEqual([]);
  });

  test("duplicate, disposable and invalid e-mail domains", () => {
    expect(leadSignals({ ...base, duplicateOf: { id: "abc", by: "phone" } })).toEqual([
      { code: "duplicate_lead", detail: "same phone as lead abc" },
    ]);
    expect(codes({ email: "x@mailinator.com" })).toEqual(["disposable_email"]);
    expect(codes({ email: "x@b..com" })).toEqual(["invalid_email_domain"]);
    expect(codes({ email: null })).toEqual([]);
  });

  test("a blocked publisher comes first, then the rest in order", () => {
    expect(
      codes({
        publisherBlocked: true,
        click: { ...okClick, isBot: true, fraudReason: null },
        email: "x@mailinator.com",
      }),
    ).toEqual(["publisher_blocked", "bot_click", "disposable_email"]);
  });
});
