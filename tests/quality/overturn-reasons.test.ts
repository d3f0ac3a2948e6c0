// The API's list of overturnable rejection reasons names tracker quality signals that only the offer's
// policy turns into a rejection: each one is held under HOLD and rejected under REJECT by the tracker's
// own verdict rule, so a renamed or hard-rejecting signal fails here instead of going unreviewable.
import { describe, expect, test } from "vitest";
import { OVERTURNABLE_REASONS } from "../../api/src/leads/overturn.ts";
import type { SignalCode } from "../../tracker/src/quality/lead-signals.ts";
import { verdictFor } from "../../tracker/src/quality/verdict.ts";

describe("overturnable reasons", () => {
  test.each([...OVERTURNABLE_REASONS])("%s is a policy signal of the tracker", (reason) => {
    const signals = [{ code: reason as SignalCode, detail: "" }];
    expect(verdictFor(signals, "REJECT")).toEqual({ action: "reject", reason });
    expect(verdictFor(signals, "HOLD")).toEqual({ action: "hold", reason });
  });
});
