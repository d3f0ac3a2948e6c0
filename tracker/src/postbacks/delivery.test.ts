import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildDelivery, type ConversionFacts, sampleFacts, verdictOf } from "./delivery.ts";

const conversion: ConversionFacts = {
  conversionId: "0190f5a2-1c2d-7e3f-8a4b-5c6d7e8f9a0c",
  clickId: "0190f5a2-1c2d-7e3f-8a4b-5c6d7e8f9a0b",
  offerId: 42,
  goal: "default",
  status: "APPROVED",
  payout: "15.00",
  currency: "USD",
  subs: { sub1: "x y", source: "native" },
  convertedAt: new Date("2026-11-23T12:00:00Z"),
};

describe("buildDelivery", () => {
  it("fills a GET template", () => {
    const built = buildDelivery(
      {
        method: "GET",
        urlTemplate: "https://pub.example/pb?c={click_id}&s={sub1}&src={source}&p={payout}",
        secret: null,
      },
      conversion,
    );
    expect(built).toMatchObject({
      ok: true,
      request: {
        method: "GET",
        url: `https://pub.example/pb?c=${conversion.clickId}&s=x%20y&src=native&p=15.00`,
        body: null,
      },
    });
  });

  it("signs a POST_JSON body with the postback's secret", () => {
    const built = buildDelivery(
      { method: "POST_JSON", urlTemplate: "https://pub.example/hook", secret: "k" },
      conversion,
    );
    if (!built.ok) throw new Error("not built");
    const body = built.request.body ?? "";
    expect(JSON.parse(body)).toEqual({
      conversion_id: conversion.conversionId,
      txid: conversion.conversionId,
      click_id: conversion.clickId,
      offer_id: 42,
      goal: "default",
      status: "approved",
      payout: "15.00",
      currency: "USD",
      source: "native",
      subs: { sub1: "x y" },
      converted_at: "2026-11-23T12:00:00.000Z",
    });
    expect(built.request.headers["x-leadrail-signature"]).toBe(
      `sha256=${createHmac("sha256", "k").update(body).digest("hex")}`,
    );
  });

  it.each([
    ["ftp://pub.example/x", "only http and https targets are allowed"],
    ["javascript:alert(1)", "only http and https targets are allowed"],
    ["not a url", "invalid_url"],
  ])("refuses %s", (urlTemplate, error) => {
    expect(buildDelivery({ method: "GET", urlTemplate, secret: null }, conversion)).toMatchObject({
      ok: false,
      error,
    });
  });
});

describe("verdictOf", () => {
  it.each([
    [200, "delivered"],
    [204, "delivered"],
    [301, "give_up"],
    [302, "give_up"],
    [400, "give_up"],
    [404, "give_up"],
    [408, "retry"],
    [429, "retry"],
    [500, "retry"],
    [503, "retry"],
    [null, "retry"],
  ] as const)("%s → %s", (status, verdict) => {
    expect(verdictOf(status)).toBe(verdict);
  });
});

describe("sampleFacts (test fire)", () => {
  it("fills every macro with a test value, a zero payout in the currency's own decimals", () => {
    const when = new Date("2026-11-23T12:00:00Z");
    const built = buildDelivery(
      {
        method: "GET",
        urlTemplate:
          "https://pub.example/pb?c={click_id}&t={txid}&o={offer_id}&st={status}&p={payout}&cur={currency}&g={goal}&s1={sub1}&s10={sub10}&src={source}",
        secret: null,
      },
      sampleFacts("test-7", null, "JPY", when),
    );
    expect(built).toMatchObject({
      ok: true,
      request: {
        url: "https://pub.example/pb?c=test&t=test-7&o=0&st=approved&p=0&cur=JPY&g=test&s1=test&s10=test&src=test",
      },
    });
    expect(sampleFacts("test-8", 42, "USD", when)).toMatchObject({
      offerId: 42,
      payout: "0.00",
      conversionId: "test-8",
    });
  });
});
