import { describe, expect, test } from "vitest";
import { EMPTY_FORM, formFromOffer, inputFromForm, type OfferForm } from "./offer-form.ts";

const form = (patch: Partial<OfferForm>): OfferForm => ({
  ...EMPTY_FORM,
  name: " Car quotes ",
  vertical: "insurance",
  landingUrl: "https://lp.example.com/?c={click_id}",
  payout: "12.50",
  revenue: "20",
  ...patch,
});

describe("inputFromForm", () => {
  test("amounts in major units become exact minor-unit strings; lists are cleaned", () => {
    const built = inputFromForm(
      form({
        countries: "us, ca  gb",
        caps: [
          { scope: "OFFER", publisherId: "", period: "DAILY", metric: "CONVERSIONS", limit: "50" },
          { scope: "PER_PUBLISHER", publisherId: "", period: "MONTHLY", metric: "BUDGET", limit: "1,000.25" },
        ],
      }),
    );
    expect(built).toMatchObject({
      ok: true,
      input: {
        name: "Car quotes",
        payout: "1250",
        revenue: "2000",
        payoutShareBps: null,
        fallbackUrl: null,
        countries: ["US", "CA", "GB"],
        caps: [
          { scope: "OFFER", period: "DAILY", metric: "CONVERSIONS", limit: "50" },
          { scope: "PER_PUBLISHER", period: "MONTHLY", metric: "BUDGET", limit: "100025" },
        ],
      },
    });
  });

  test("revenue share sends basis points and no amounts", () => {
    const built = inputFromForm(
      form({
        payoutModel: "REVSHARE",
        payout: "",
        revenue: "",
        payoutSharePercent: "12.5",
        revenueSharePercent: "20",
      }),
    );
    expect(built).toMatchObject({
      ok: true,
      input: { payout: "0", revenue: "0", payoutShareBps: 1250, revenueShareBps: 2000 },
    });
  });

  test.each([
    [{ payout: "12.345" }, { payout: "Publisher payout: must be an amount in USD, e.g. 12.50" }],
    [{ revenue: "ten" }, { revenue: "You pay per conversion: must be an amount in USD, e.g. 12.50" }],
    [
      { caps: [{ scope: "OFFER", publisherId: "", period: "DAILY", metric: "CONVERSIONS", limit: "1.5" }] },
      { "caps.0.limit": "Cap 1 limit: must be a whole number of conversions" },
    ],
    [
      { caps: [{ scope: "PUBLISHER", publisherId: "", period: "DAILY", metric: "CONVERSIONS", limit: "5" }] },
      { "caps.0.publisherId": "Cap 1: choose a publisher" },
    ],
    [{ name: "  " }, { name: "Name: must not be empty" }],
    [{ holdDays: "seven" }, { holdDays: "Hold: must be a whole number" }],
    [{ payout: "30" }, { payout: expect.stringMatching(/^Publisher payout: must not exceed revenue/) }],
    [
      { quality: { ...EMPTY_FORM.quality, contactLimit: "0" } },
      { "quality.contactLimit": "Contact attempts per period: must be at least 1" },
    ],
  ] as [Partial<OfferForm>, Record<string, string>][])("refuses %j beside its field", (patch, errors) => {
    expect(inputFromForm(form(patch))).toEqual({ ok: false, errors });
  });
});

test("an offer read back into the form saves unchanged", () => {
  const offer = {
    id: "7",
    name: "Car quotes",
    vertical: "insurance",
    description: "",
    status: "ACTIVE",
    visibility: "PUBLIC",
    currency: "EUR",
    payoutModel: "CPL",
    payoutShareBps: null,
    revenueShareBps: null,
    countries: ["DE"],
    devices: ["MOBILE"],
    confirmationMode: "MANUAL",
    holdDays: 7,
    returnWindowDays: 14,
    attributionWindowHours: 720,
    landingUrl: "https://lp.example.com/",
    fallbackUrl: null,
    postbackInstructions: {
      postbackUrl: "https://t.example.com/postback?offer_id=7",
      pixelUrl: "https://t.example.com/pixel?offer_id=7",
    },
    payout: { amount: "1250" },
    revenue: { amount: "2000" },
    caps: [
      { id: "1", scope: "OFFER", period: "TOTAL", metric: "BUDGET", limit: "500000", publisher: null },
      {
        id: "2",
        scope: "PUBLISHER",
        period: "DAILY",
        metric: "CONVERSIONS",
        limit: "25",
        publisher: { id: "4", name: "P" },
      },
    ],
    landingMode: "URL",
    leadForm: { id: "3", consentVersion: 1 },
    qualityPolicy: "HOLD",
    minSecondsToConvert: 5,
    duplicateWindowDays: 30,
    contactLimit: 2,
    contactPeriodHours: 48,
    advertiser: { name: "A" },
    customPayouts: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
  } as const;
  const built = inputFromForm(formFromOffer(structuredClone(offer) as never));
  expect(built).toMatchObject({
    ok: true,
    input: {
      currency: "EUR",
      payout: "1250",
      revenue: "2000",
      countries: ["DE"],
      devices: ["MOBILE"],
      caps: [
        { scope: "OFFER", publisherId: null, period: "TOTAL", metric: "BUDGET", limit: "500000" },
        { scope: "PUBLISHER", publisherId: "4", period: "DAILY", metric: "CONVERSIONS", limit: "25" },
      ],
      attributionWindowHours: 720,
    },
    quality: {
      policy: "HOLD",
      minSecondsToConvert: 5,
      duplicateWindowDays: 30,
      contactLimit: 2,
      contactPeriodHours: 48,
    },
  });
});
