import { describe, expect, it } from "vitest";
import { STATUS_WORDS, statusIntentOf } from "./status-mapping.ts";

describe("statusIntentOf", () => {
  it.each([
    // HasOffers / TUNE, Everflow, Voluum, Binom
    ["approved", "approved"],
    ["pending", "pending"],
    ["rejected", "rejected"],
    ["declined", "rejected"],
    // Keitaro
    ["lead", "pending"],
    ["sale", "approved"],
    ["rebill", "approved"],
    // Affise numbers and words
    ["1", "approved"],
    ["2", "pending"],
    ["3", "rejected"],
    ["5", "pending"],
    ["confirmed", "approved"],
    ["hold", "pending"],
    // common numeric extras
    ["0", "pending"],
    ["-1", "rejected"],
    // reversals
    ["reversed", "reversed"],
    ["chargeback", "reversed"],
    ["refund", "reversed"],
    // case, spaces and dashes
    ["APPROVED", "approved"],
    ["  Sale ", "approved"],
    ["On Hold", "pending"],
    ["on-hold", "pending"],
  ])("%j → %s", (raw, intent) => {
    expect(statusIntentOf(raw)).toBe(intent);
  });

  it.each(["", "maybe", "4", "-2", "approvedd", "1.0"])("%j is unknown", (raw) => {
    expect(statusIntentOf(raw)).toBeNull();
  });

  it("lists each word under one meaning only", () => {
    const words = Object.values(STATUS_WORDS).flat();
    expect(new Set(words).size).toBe(words.length);
  });
});
