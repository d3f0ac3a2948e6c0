import { describe, expect, it } from "vitest";
import { COUNTRY_CODES } from "./countries.ts";

import {
  countries,
  currency,
  leadFormFields,
  type OfferTerms,
  offerInput,
  problemLine,
  termsProblems,
} from "./offer-terms.ts";

const cpl: OfferTerms = {
  payoutModel: "CPL",
  defaultPayout: 1500n,
  defaultRevenue: 2000n,
  payoutShareBps: null,
  revenueShareBps: null,
  confirmationMode: "MANUAL",
  leadFormFields: [],
  consentText: null,
  caps: [],
};

describe("offer terms", () => {
  it("knows the 249 ISO 3166-1 codes", () => {
    expect(COUNTRY_CODES.size).toBe(249);
    expect(countries.safeParse(["US", "DE", "GB"]).success).toBe(true);
    expect(countries.safeParse(["XX"]).success).toBe(false);
    expect(countries.safeParse(["UK"]).success).toBe(false);
    expect(countries.safeParse(["us"]).success).toBe(false);
    expect(countries.safeParse(["US", "US"]).success).toBe(false);
  });

  it.each([
    ["USD", true],
    ["usd", false],
    ["US", false],
  ])("currency %s valid: %s", (code, ok) => {
    expect(currency.safeParse(code).success).toBe(ok);
  });

  it.each([
    [[{ name: "email", label: "E-mail", type: "email", required: true }], true],
    [[{ name: "dob", label: "Birthday", type: "date", required: true }], false],
    [[{ name: "Email", label: "E-mail", type: "email", required: true }], false],
    [
      [
        { name: "a", label: "A", type: "text", required: true },
        { name: "a", label: "B", type: "text", required: false },
      ],
      false,
    ],
  ])("lead form %j valid: %s", (fields, ok) => {
    expect(leadFormFields.safeParse(fields).success).toBe(ok);
  });

  it.each<[string, Partial<OfferTerms>, string[]]>([
    ["a consistent CPL offer", {}, []],
    ["payout above revenue", { defaultPayout: 2500n }, ["payout: must not exceed revenue"]],
    ["shares on a CPL offer", { payoutShareBps: 100 }, ["payoutShareBps: only REVSHARE"]],
    [
      "a REVSHARE offer without shares",
      { payoutModel: "REVSHARE", defaultPayout: 0n, defaultRevenue: 0n },
      ["payoutShareBps: required", "revenueShareBps: required"],
    ],
    [
      "a REVSHARE offer with fixed amounts",
      { payoutModel: "REVSHARE", payoutShareBps: 1000, revenueShareBps: 1500 },
      ["payout: REVSHARE offers pay a share"],
    ],
    [
      "a consistent REVSHARE offer",
      {
        payoutModel: "REVSHARE",
        defaultPayout: 0n,
        defaultRevenue: 0n,
        payoutShareBps: 1000,
        revenueShareBps: 1500,
      },
      [],
    ],
    [
      "a lead form without consent text",
      { leadFormFields: [{ name: "email", label: "E-mail", type: "email", required: true }] },
      ["consentText: required"],
    ],
    [
      "a publisher cap without a publisher",
      { caps: [{ scope: "PUBLISHER", publisherId: null }] },
      ["caps.0.publisherId"],
    ],
    [
      "an offer cap naming a publisher",
      { caps: [{ scope: "OFFER", publisherId: 3 }] },
      ["caps.0.publisherId"],
    ],
  ])("%s", (_label, change, expected) => {
    const problems = termsProblems({ ...cpl, ...change }).map(problemLine);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((start, i) => {
      expect(problems[i]).toContain(start);
    });
  });

  it("offerInput reports each problem at its field, the cross-field ones included", () => {
    const result = offerInput.safeParse({
      name: " ",
      vertical: "loans",
      description: "",
      landingUrl: "https://example.com/?c={click_id}",
      fallbackUrl: null,
      currency: "USD",
      payoutModel: "CPL",
      payout: 100n,
      revenue: 200n,
      payoutShareBps: null,
      revenueShareBps: null,
      countries: [],
      devices: [],
      confirmationMode: "MANUAL",
      holdDays: 0,
      returnWindowDays: 0,
      attributionWindowHours: 720,
      leadFormFields: [{ name: "email", label: "E-mail", type: "email", required: true }],
      consentText: null,
      caps: [{ scope: "PUBLISHER", publisherId: null, period: "DAILY", metric: "CONVERSIONS", limit: 5n }],
    });
    expect(result.success).toBe(false);
    const paths = (result.error?.issues ?? []).map((issue) => issue.path.join("."));
    expect(paths.sort()).toEqual(["caps.0.publisherId", "consentText", "name"]);
  });
});
