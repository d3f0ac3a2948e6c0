import { describe, expect, test } from "vitest";
import { moneyVisibility } from "./visibility.ts";

describe("moneyVisibility", () => {
  test.each([
    ["PUBLISHER", { payout: true, revenue: false, margin: false }],
    ["ADVERTISER", { payout: false, revenue: true, margin: false }],
    ["ADMIN", { payout: true, revenue: true, margin: true }],
    ["FINANCE", { payout: true, revenue: true, margin: true }],
  ] as const)("%s sees %o", (role, expected) => {
    expect(moneyVisibility(role)).toEqual(expected);
  });

  test("nobody but the network sees the margin between what one side pays and the other earns", () => {
    for (const role of ["PUBLISHER", "ADVERTISER"] as const) {
      const see = moneyVisibility(role);
      expect(see.margin).toBe(false);
      expect(see.payout && see.revenue).toBe(false);
    }
  });
});
