import { describe, expect, it } from "vitest";
import { type LinkRow, toLinkConfig } from "./link-config.ts";

function row(overrides: Partial<LinkRow> = {}): LinkRow {
  return {
    link_id: 1,
    offer_id: 2,
    advertiser_id: 4,
    publisher_id: 3,
    link_disabled: false,
    default_subs: {},
    offer_status: "ACTIVE",
    visibility: "PUBLIC",
    advertiser_status: "ACTIVE",
    publisher_status: "ACTIVE",
    application_status: null,
    application_blocked: false,
    landing_url: "https://adv.example/?c={click_id}",
    fallback_url: null,
    countries: [],
    devices: [],
    ...overrides,
  };
}

describe("toLinkConfig", () => {
  it.each([
    ["public offer, no application", {}, true],
    ["approval required, no application", { visibility: "APPROVAL_REQUIRED" }, false],
    ["approval required, applied", { visibility: "APPROVAL_REQUIRED", application_status: "APPLIED" }, false],
    [
      "approval required, approved",
      { visibility: "APPROVAL_REQUIRED", application_status: "APPROVED" },
      true,
    ],
    ["private, approved", { visibility: "PRIVATE", application_status: "APPROVED" }, true],
    [
      "approved but blocked",
      { visibility: "PRIVATE", application_status: "APPROVED", application_blocked: true },
      false,
    ],
    ["public but blocked", { application_blocked: true }, false],
    ["suspended publisher", { publisher_status: "SUSPENDED" }, false],
  ])("approval: %s", (_, overrides, approved) => {
    expect(toLinkConfig(row(overrides)).approved).toBe(approved);
  });

  it("an offer is active only when it and its advertiser are", () => {
    expect(toLinkConfig(row()).offerActive).toBe(true);
    expect(toLinkConfig(row({ offer_status: "PAUSED" })).offerActive).toBe(false);
    expect(toLinkConfig(row({ advertiser_status: "SUSPENDED" })).offerActive).toBe(false);
  });

  it("keeps only string (or numeric) default sub ids", () => {
    const config = toLinkConfig(
      row({ default_subs: { sub1: "a", sub2: 7, sub3: "", sub4: null, sub11: "x", other: "y" } }),
    );
    expect(config.defaultSubs).toEqual({ sub1: "a", sub2: "7" });
    expect(toLinkConfig(row({ default_subs: ["sub1"] })).defaultSubs).toEqual({});
  });

  it("refuses a landing URL with a macro in its host and a fallback with any macro", () => {
    const config = toLinkConfig(
      row({ landing_url: "https://{sub1}.example/", fallback_url: "https://f.example/{sub1}" }),
    );
    expect(config.landing).toBeNull();
    expect(config.landingProblem).toMatch(/host/);
    expect(config.fallbackUrl).toBeNull();
    expect(toLinkConfig(row({ fallback_url: "https://f.example/more" })).fallbackUrl).toBe(
      "https://f.example/more",
    );
  });

  it("normalizes targeting", () => {
    const config = toLinkConfig(row({ countries: ["de", "US"], devices: ["MOBILE", "SPACESHIP"] }));
    expect(config.countries).toEqual(new Set(["DE", "US"]));
    expect(config.devices).toEqual(new Set(["MOBILE"]));
  });
});

describe("hosted-form landing", () => {
  it("names the form for HOSTED_FORM offers with a form", () => {
    const config = toLinkConfig(row({ landing_mode: "HOSTED_FORM", form_key: "abcdefgh1234" }));
    expect(config.hostedFormKey).toBe("abcdefgh1234");
    expect(config.landingProblem).toBeNull();
  });

  it("is unusable (no landing) for HOSTED_FORM offers without a form", () => {
    const config = toLinkConfig(row({ landing_mode: "HOSTED_FORM", form_key: null }));
    expect(config.landing).toBeNull();
    expect(config.landingProblem).toMatch(/no lead form/);
  });

  it("ignores the form of URL offers", () => {
    expect(toLinkConfig(row({ landing_mode: "URL", form_key: "abcdefgh1234" })).hostedFormKey).toBeNull();
  });
});
