import { describe, expect, test } from "vitest";
import { type ActionableLead, canDo } from "./lead-actions.ts";

const rejected = (patch: Partial<ActionableLead>): ActionableLead => ({
  status: "REJECTED",
  statusReason: "duplicate_lead",
  decidedAt: null,
  returnableUntil: null,
  qualitySignals: [{ code: "duplicate_lead" }],
  ...patch,
});

describe("canDo overturn", () => {
  test.each([
    ["a policy rejection on one of its signals", rejected({}), true],
    ["a person's rejection", rejected({ decidedAt: "2026-12-01T00:00:00Z" }), false],
    ["a reason that is not one of its signals", rejected({ statusReason: "other: spam" }), false],
    [
      "an admin's block (a signal, but not a policy's)",
      rejected({ statusReason: "publisher_blocked", qualitySignals: [{ code: "publisher_blocked" }] }),
      false,
    ],
    [
      "an attribution failure",
      rejected({ statusReason: "no_click", qualitySignals: [{ code: "no_click" }] }),
      false,
    ],
    ["an approved lead", rejected({ status: "APPROVED" }), false],
  ])("%s: %s", (_name, lead, allowed) => {
    expect(canDo("overturn", lead)).toBe(allowed);
  });
});
