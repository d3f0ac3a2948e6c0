import { describe, expect, it } from "vitest";
import { conversionTransactionId } from "./transaction-id.ts";

describe("conversionTransactionId", () => {
  it.each([
    [{ advertiserTransactionId: "ORD-1", clickId: "c1", goal: "default", kind: "click" }, "ORD-1"],
    [{ advertiserTransactionId: null, clickId: "c1", goal: "default", kind: "click" }, "click:c1:default"],
    [{ advertiserTransactionId: null, clickId: "c1", goal: "deposit", kind: "click" }, "click:c1:deposit"],
    [{ advertiserTransactionId: null, clickId: "c1", goal: "default", kind: "lead" }, "lead:c1:default"],
  ] as const)("%j → %s", (input, expected) => {
    expect(conversionTransactionId(input)).toBe(expected);
  });

  it("mints a fresh id when there is neither a transaction id nor a click", () => {
    const input = { advertiserTransactionId: null, clickId: null, goal: "default", kind: "lead" } as const;
    const a = conversionTransactionId(input);
    expect(a).toMatch(/^lead:none:[0-9a-f-]{36}$/);
    expect(conversionTransactionId(input)).not.toBe(a);
  });
});
