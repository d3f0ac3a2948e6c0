import { describe, expect, test } from "vitest";
import type { QualitySignal } from "./lead-signals.ts";
import { verdictFor } from "./verdict.ts";

const bot: QualitySignal = { code: "bot_click", detail: "crawler" };
const dup: QualitySignal = { code: "duplicate_lead", detail: "same email as lead x" };
const blocked: QualitySignal = { code: "publisher_blocked", detail: "blocked by an admin" };

describe("verdictFor", () => {
  test.each(["REJECT", "HOLD", "FLAG"] as const)("no signal → accept under %s", (policy) => {
    expect(verdictFor([], policy)).toEqual({ action: "accept" });
  });

  test("each policy, with the first signal as the reason", () => {
    expect(verdictFor([bot, dup], "REJECT")).toEqual({ action: "reject", reason: "bot_click" });
    expect(verdictFor([dup, bot], "HOLD")).toEqual({ action: "hold", reason: "duplicate_lead" });
    expect(verdictFor([dup], "FLAG")).toEqual({ action: "flag", reason: "duplicate_lead" });
  });

  test.each([
    ["REJECT", [bot], { action: "reject", reason: "bot_click" }],
    ["HOLD", [bot], { action: "hold", reason: "bot_click" }],
    ["FLAG", [bot], { action: "reject", reason: "bot_click" }],
    ["FLAG", [dup, bot], { action: "reject", reason: "bot_click" }],
  ] as const)("a bot click is never accepted or only flagged: %s %j → %j", (policy, signals, verdict) => {
    expect(verdictFor(signals, policy)).toEqual(verdict);
  });

  test.each(["REJECT", "HOLD", "FLAG"] as const)("a blocked publisher is rejected under %s", (policy) => {
    expect(verdictFor([dup, blocked], policy)).toEqual({ action: "reject", reason: "publisher_blocked" });
  });
});
