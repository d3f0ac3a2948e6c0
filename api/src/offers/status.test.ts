import { describe, expect, it } from "vitest";
import { canMoveOffer } from "./status.ts";

describe("offer status", () => {
  it.each([
    ["DRAFT", "ACTIVE", true],
    ["DRAFT", "PAUSED", false],
    ["ACTIVE", "PAUSED", true],
    ["PAUSED", "ACTIVE", true],
    ["ACTIVE", "ACTIVE", false],
    ["ACTIVE", "ARCHIVED", true],
    ["ARCHIVED", "ACTIVE", false],
    ["ARCHIVED", "DRAFT", false],
  ] as const)("offer status %s -> %s allowed: %s", (from, to, ok) => {
    expect(canMoveOffer(from, to)).toBe(ok);
  });
});
