import { describe, expect, test } from "vitest";
import { approvalRefusal, hasBotClickSignal } from "./bot-click.ts";

describe("hasBotClickSignal", () => {
  test.each([
    [[{ code: "bot_click", detail: "bot_user_agent" }], true],
    [
      [
        { code: "duplicate_lead", detail: "x" },
        { code: "bot_click", detail: "" },
      ],
      true,
    ],
    [[{ code: "velocity_click", detail: "velocity_ip" }], false],
    [[], false],
    [null, false],
    [{ code: "bot_click" }, false],
    [["bot_click"], false],
  ])("%j → %s", (signals, expected) => {
    expect(hasBotClickSignal(signals)).toBe(expected);
  });
});

describe("approvalRefusal", () => {
  test("a bot click's lead is refused, any other may be approved", () => {
    expect(approvalRefusal({ qualitySignals: [{ code: "bot_click", detail: "" }] })).toMatch(/bot/);
    expect(approvalRefusal({ qualitySignals: [{ code: "fast_conversion", detail: "" }] })).toBeNull();
  });
});
