import { describe, expect, it } from "vitest";
import { attribute, type ClickFacts } from "./attribution.ts";

const at = new Date("2026-11-23T12:00:00.000Z");
const offer = { id: 7, attributionWindowHours: 24 };

function click(overrides: Partial<ClickFacts> = {}): ClickFacts {
  return {
    id: "0190f5a2-1c2d-7e3f-8a4b-5c6d7e8f9a0b",
    createdAt: new Date(at.getTime() - 3_600_000),
    status: "ACCEPTED",
    offerId: 7,
    publisherId: 3,
    linkId: 11,
    subs: {},
    source: null,
    country: "DE",
    deviceType: "MOBILE",
    rejectReason: null,
    isBot: false,
    isUnique: true,
    fraudReason: null,
    ...overrides,
  };
}

describe("attribute", () => {
  it.each([
    ["an accepted click of the offer an hour ago", click(), { ok: true, publisherId: 3 }],
    [
      "a click exactly at the end of the window",
      click({ createdAt: new Date(at.getTime() - 24 * 3_600_000) }),
      { ok: true, publisherId: 3 },
    ],
    [
      "a click a millisecond past the window",
      click({ createdAt: new Date(at.getTime() - 24 * 3_600_000 - 1) }),
      { ok: false, reason: "click_expired", publisherId: 3 },
    ],
    ["no click", null, { ok: false, reason: "no_click", publisherId: null }],
    [
      "another offer's click",
      click({ offerId: 8 }),
      { ok: false, reason: "offer_mismatch", publisherId: null },
    ],
    [
      "a click without offer",
      click({ offerId: null }),
      { ok: false, reason: "offer_mismatch", publisherId: null },
    ],
    [
      "a rejected click",
      click({ status: "REJECTED" }),
      { ok: false, reason: "click_rejected", publisherId: 3 },
    ],
    [
      "another offer's rejected click",
      click({ status: "REJECTED", offerId: 9 }),
      { ok: false, reason: "offer_mismatch", publisherId: null },
    ],
    [
      "a click slightly in the future (clock skew between instances)",
      click({ createdAt: new Date(at.getTime() + 500) }),
      { ok: true, publisherId: 3 },
    ],
  ])("%s", (_label, input, expected) => {
    expect(attribute(input, offer, at)).toMatchObject(expected);
  });
});
