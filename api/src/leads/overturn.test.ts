import { describe, expect, it } from "vitest";
import { type OverturnCandidate, overturnRefusal } from "./overturn.ts";

const policyRejected: OverturnCandidate = {
  status: "REJECTED",
  statusReason: "fast_conversion",
  publisherId: 7,
  decidedById: null,
  qualitySignals: [{ code: "fast_conversion", detail: "2 s after the click (minimum 10 s)" }],
};

describe("overturnRefusal", () => {
  it.each([
    "velocity_click",
    "suspicious_click",
    "fast_conversion",
    "duplicate_lead",
    "disposable_email",
    "invalid_email_domain",
  ])("allows a policy rejection for %s", (reason) => {
    expect(overturnRefusal({ ...policyRejected, statusReason: reason })).toBeNull();
  });

  it.each([
    "bot_click",
    "publisher_blocked",
    "no_click",
    "click_expired",
    "click_rejected",
    "country_not_targeted",
    "link_paused",
    "cap_reached",
    "advertiser_rejected",
    "advertiser_reversed",
  ])("refuses a rejection for %s", (reason) => {
    expect(overturnRefusal({ ...policyRejected, statusReason: reason })).toMatch(/only quality-policy/);
  });

  it("refuses any lead on a bot's click, whatever it was rejected for", () => {
    const signals = [
      { code: "duplicate_lead", detail: "same email as lead x" },
      { code: "bot_click", detail: "bot_user_agent" },
    ];
    expect(
      overturnRefusal({ ...policyRejected, statusReason: "duplicate_lead", qualitySignals: signals }),
    ).toMatch(/bot/);
  });

  it("refuses a rejection without a reason", () => {
    expect(overturnRefusal({ ...policyRejected, statusReason: null })).toMatch(/no recorded reason/);
  });

  it("refuses a lead a person rejected, even with a signal code as the reason", () => {
    expect(overturnRefusal({ ...policyRejected, decidedById: 3 })).toMatch(/a person rejected/);
  });

  it("refuses an unattributed lead", () => {
    expect(overturnRefusal({ ...policyRejected, publisherId: null })).toMatch(/no publisher/);
  });

  it.each(["PENDING", "APPROVED", "REVERSED"] as const)("refuses a %s lead", (status) => {
    expect(overturnRefusal({ ...policyRejected, status })).toMatch(/only REJECTED/);
  });
});
