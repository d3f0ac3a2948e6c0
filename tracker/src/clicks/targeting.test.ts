import type { DeviceType } from "@leadrail/db";
import { describe, expect, it } from "vitest";
import type { LinkConfig } from "./link-config.ts";
import { rejectReason } from "./targeting.ts";

function config(overrides: Partial<LinkConfig> = {}): LinkConfig {
  return {
    linkId: 1,
    offerId: 2,
    publisherId: 3,
    linkDisabled: false,
    offerActive: true,
    approved: true,
    countries: new Set(),
    devices: new Set(),
    landing: { template: "https://adv.example/", origin: "https://adv.example", verbatim: true },
    landingProblem: null,
    fallbackUrl: null,
    defaultSubs: {},
    ...overrides,
  };
}

const visitor = (country: string | null, deviceType: DeviceType | null = "MOBILE") => ({
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
