import { describe, expect, it } from "vitest";
import { type OverturnCandidate, overturnRefusal } from "./overturn.ts";

const policyRejected: OverturnCandidate = {
  status: "REJECTED",
  statusReason: "bot_click",
  publisherId: 7,
  decidedById: null,
};

describe("overturnRefusal", () => {
  it.each([
    "bot_click",
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
