import { describe, expect, it } from "vitest";
import { verdictFor } from "./auth-failure-limit.ts";

describe("verdictFor", () => {
  it.each([
    [1, 3, "log"],
    [3, 3, "log"],
    [4, 3, "summary"],
    [5, 3, "silent"],
    [1000, 3, "silent"],
    [1, 1, "log"],
    [2, 1, "summary"],
  ] as const)("failure %i of limit %i → %s", (count, limit, verdict) => {
    expect(verdictFor(count, limit)).toBe(verdict);
  });
});
