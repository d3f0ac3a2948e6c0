import { describe, expect, it } from "vitest";
import {
  explainRejection,
  rejectReason,
  rejectReasonWords,
  type TargetingDevice,
} from "./click-targeting.ts";
import type { LinkConfig } from "./link-config.ts";

function config(overrides: Partial<LinkConfig> = {}): LinkConfig {
  return {
    linkId: 1,
    offerId: 2,
    advertiserId: 4,
    publisherId: 3,
    linkDisabled: false,
    offerActive: true,
    approved: true,
    countries: new Set(),
    devices: new Set(),
    landing: { template: "https://adv.example/", origin: "https://adv.example", verbatim: true },
    landingProblem: null,
    hostedFormKey: null,
    fallbackUrl: null,
    defaultSubs: {},
    ...overrides,
  };
}

const visitor = (country: string | null, deviceType: TargetingDevice | null = "MOBILE") => ({
  country,
  deviceType,
});

describe("rejectReason", () => {
  it.each([
    ["unknown link", null, visitor("US"), "unknown_link"],
    ["disabled link", config({ linkDisabled: true, offerActive: false }), visitor("US"), "link_disabled"],
    ["inactive offer", config({ offerActive: false, approved: false }), visitor("US"), "offer_not_active"],
    ["not approved", config({ approved: false }), visitor("US"), "not_approved"],
    ["country not targeted", config({ countries: new Set(["DE"]) }), visitor("US"), "geo_not_targeted"],
    [
      "unknown country on a targeted offer",
      config({ countries: new Set(["DE"]) }),
      visitor(null),
      "geo_not_targeted",
    ],
    ["device not targeted", config({ devices: new Set(["DESKTOP"]) }), visitor("US"), "device_not_targeted"],
    [
      "geo checked before device",
      config({ countries: new Set(["DE"]), devices: new Set(["DESKTOP"]) }),
      visitor("US"),
      "geo_not_targeted",
    ],
    [
      "unusable landing URL",
      config({ landing: null, landingProblem: "x" }),
      visitor("US"),
      "invalid_landing_url",
    ],
    ["all countries and devices", config(), visitor(null, null), null],
    [
      "targeted country and device",
      config({ countries: new Set(["US"]), devices: new Set(["MOBILE"]) }),
      visitor("US"),
      null,
    ],
  ] as const)("%s", (_, linkConfig, who, expected) => {
    expect(rejectReason(linkConfig, who)).toBe(expected);
  });
});

describe("explainRejection", () => {
  it("names the click's country and the offer's countries", () => {
    const targeted = config({ countries: new Set(["FR", "DE"]) });
    expect(explainRejection("geo_not_targeted", targeted, visitor("US"))).toBe(
      "the click's country US is not in the offer's countries [DE, FR]",
    );
  });

  it("says why a click from localhost has no country", () => {
    const targeted = config({ countries: new Set(["DE"]) });
    expect(explainRejection("geo_not_targeted", targeted, visitor(null))).toMatch(/127\.0\.0\.1 has none/);
  });

  it("words for codes, and an unknown code stays readable", () => {
    expect(rejectReasonWords("geo_not_targeted")).toBe("Country not targeted");
    expect(rejectReasonWords("some_new_reason")).toBe("some new reason");
    expect(rejectReasonWords(null)).toBe("—");
  });
});
