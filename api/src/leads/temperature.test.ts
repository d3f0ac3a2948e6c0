import { describe, expect, test } from "vitest";
import { leadTemperature, type TemperatureFacts, WARM_HORIZON_MS } from "./temperature.ts";

const now = new Date("2026-11-23T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;

const base: TemperatureFacts = {
  status: "PENDING",
  clickAt: ago(MIN),
  convertedAt: ago(MIN),
  formFields: [],
  leadFields: null,
  returningVisitor: null,
  signalCount: 0,
  now,
};
const t = (facts: Partial<TemperatureFacts>) => leadTemperature({ ...base, ...facts });

describe("leadTemperature: time since the click, at each edge", () => {
  test.each([
    [0, "HOT", 3, "clicked_15m"],
    [15 * MIN, "HOT", 3, "clicked_15m"],
    [15 * MIN + 1, "WARM", 2, "clicked_2h"],
    [2 * HOUR, "WARM", 2, "clicked_2h"],
    [2 * HOUR + 1, "WARM", 1, "clicked_24h"],
    [24 * HOUR, "WARM", 1, "clicked_24h"],
    [24 * HOUR + 1, "COLD", 0, null],
    [72 * HOUR, "COLD", 0, null],
    [72 * HOUR + 1, "COLD", -2, "clicked_over_72h"],
  ])("%i ms → %s (%i)", (age, temperature, score, reason) => {
    const result = t({ clickAt: ago(age) });
    expect(result).toMatchObject({ temperature, score });
    expect(result.reasons).toEqual(reason === null ? [] : [reason]);
  });

  test("without a click, the lead's own time counts", () => {
    expect(t({ clickAt: null, convertedAt: ago(3 * HOUR) }).reasons).toEqual(["clicked_24h"]);
  });
});

describe("leadTemperature: the other rules", () => {
  const fields = ["name", "email", "phone", "zip"];
  test("a complete form lifts a two-hour-old lead to HOT; a sparse one drags it to WARM", () => {
    const twoHours = { clickAt: ago(2 * HOUR), formFields: fields };
    expect(
      t({ ...twoHours, leadFields: { name: "A", email: "a@x.io", phone: "+1", zip: "1" } }),
    ).toMatchObject({
      temperature: "HOT",
      reasons: ["clicked_2h", "complete_form"],
    });
    // Half filled is neither complete nor sparse.
    expect(t({ ...twoHours, leadFields: { name: "A", email: "a@x.io" } }).score).toBe(2);
    expect(t({ ...twoHours, leadFields: { name: "A", email: " " } })).toMatchObject({
      temperature: "WARM",
      score: 1,
      reasons: ["clicked_2h", "sparse_form"],
    });
    // Erased or postback leads: completeness does not count.
    expect(t({ ...twoHours, leadFields: null }).score).toBe(2);
    expect(t({ clickAt: ago(2 * HOUR), leadFields: {} }).score).toBe(2);
  });

  test("a returning visitor +1, quality signals −2", () => {
    expect(t({ clickAt: ago(2 * HOUR), returningVisitor: true })).toMatchObject({
      temperature: "HOT",
      score: 3,
    });
    expect(t({ returningVisitor: false }).score).toBe(3);
    expect(t({ signalCount: 1 })).toMatchObject({
      temperature: "WARM",
      score: 1,
      reasons: ["clicked_15m", "quality_signals"],
    });
    expect(t({ clickAt: ago(HOUR), signalCount: 3 })).toMatchObject({ temperature: "COLD", score: 0 });
  });

  test.each(["REJECTED", "REVERSED"] as const)("a %s lead is COLD whatever else", (status) => {
    expect(t({ status, returningVisitor: true })).toEqual({
      temperature: "COLD",
      score: 0,
      reasons: ["not_payable"],
    });
  });
});

describe("WARM_HORIZON_MS: the inbox's HOTTEST ordering ranks only leads within it", () => {
  const best = {
    formFields: ["name"],
    leadFields: { name: "Ada" },
    returningVisitor: true,
    signalCount: 0,
  };
  test.each(["PENDING", "APPROVED"] as const)("a %s lead at its best is COLD just past it", (status) => {
    expect(t({ ...best, status, clickAt: ago(WARM_HORIZON_MS + 1) }).temperature).toBe("COLD");
    expect(t({ ...best, status, clickAt: null, convertedAt: ago(WARM_HORIZON_MS + 1) }).temperature).toBe(
      "COLD",
    );
    // ...and can still be WARM at it, so the horizon is not shorter than it needs to be.
    expect(t({ ...best, status, clickAt: ago(WARM_HORIZON_MS) }).temperature).toBe("WARM");
  });
});
