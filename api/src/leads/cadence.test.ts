import { describe, expect, test } from "vitest";
import { nextContactAt } from "./cadence.ts";

const now = new Date("2026-11-23T12:00:00Z");
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(now.getTime() - ms);
const rule = { limit: 2, periodHours: 24 };

describe("nextContactAt", () => {
  test("below the limit: allowed now", () => {
    expect(nextContactAt([], rule, now)).toBeNull();
    expect(nextContactAt([ago(HOUR)], rule, now)).toBeNull();
  });

  test("at the limit: allowed when the older attempt leaves the window", () => {
    expect(nextContactAt([ago(HOUR), ago(5 * HOUR)], rule, now)).toEqual(new Date(now.getTime() + 19 * HOUR));
  });

  test("an attempt exactly one period ago no longer counts; one a millisecond younger does", () => {
    expect(nextContactAt([ago(24 * HOUR), ago(HOUR)], rule, now)).toBeNull();
    expect(nextContactAt([ago(24 * HOUR - 1), ago(HOUR)], rule, now)).toEqual(new Date(now.getTime() + 1));
  });

  test("over the limit (a lowered limit): waits until enough have left", () => {
    const attempts = [ago(1 * HOUR), ago(2 * HOUR), ago(3 * HOUR), ago(30 * HOUR)];
    // Three in the window, limit 2: the two oldest of them must leave; the 2 h one leaves at +22 h.
    expect(nextContactAt(attempts, rule, now)).toEqual(new Date(now.getTime() + 22 * HOUR));
  });

  test("a limit of one, and order does not matter", () => {
    expect(nextContactAt([ago(2 * HOUR)], { limit: 1, periodHours: 3 }, now)).toEqual(
      new Date(now.getTime() + HOUR),
    );
    expect(
      nextContactAt([ago(HOUR), ago(5 * HOUR), ago(3 * HOUR)], { limit: 3, periodHours: 6 }, now),
    ).toEqual(new Date(now.getTime() + HOUR));
  });

  test("attempts in the future (clock skew) are ignored", () => {
    expect(nextContactAt([new Date(now.getTime() + HOUR), ago(HOUR)], rule, now)).toBeNull();
  });
});
