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
          { scope: "OFFER", period: "DAILY", metric: "CONVERSIONS", limit: "50" },
          { scope: "PER_PUBLISHER", period: "MONTHLY", metric: "BUDGET", limit: "1,000.25" },
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
      input: { payout: null, revenue: null, payoutShareBps: 1250, revenueShareBps: 2000 },
    });
  });

  test.each([
    [{ payout: "12.345" }, "Payout and revenue must be amounts in USD."],
    [{ revenue: "ten" }, "Payout and revenue must be amounts in USD."],
    [
      { caps: [{ scope: "OFFER", period: "DAILY", metric: "CONVERSIONS", limit: "1.5" }] },
      'Cap limit "1.5" is not valid.',
    ],
  ] as [Partial<OfferForm>, string][])("refuses %j", (patch, message) => {
    expect(inputFromForm(form(patch))).toEqual({ ok: false, message });
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
    caps: [{ id: "1", scope: "OFFER", period: "TOTAL", metric: "BUDGET", limit: "500000" }],
    leadFormFields: [{ name: "email", label: "Email", type: "email", required: true }],
    advertiser: { name: "A" },
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
      caps: [{ scope: "OFFER", period: "TOTAL", metric: "BUDGET", limit: "500000" }],
      leadFormFields: [{ name: "email", label: "Email", type: "email", required: true }],
    },
  });
});
