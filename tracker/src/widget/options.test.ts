import { describe, expect, it } from "vitest";
import { parseTriggers, type Trigger } from "../../widget/options.ts";

describe("data-trigger", () => {
  const cases: [string | undefined, Trigger[]][] = [
    [undefined, []],
    ["", []],
    ["delay:5", [["delay", 5]]],
    ["delay:0.5", [["delay", 0.5]]],
    ["scroll:50", [["scroll", 50]]],
    ["exit", [["exit"]]],
    ["click:#open", [["click", "#open"]]],
    ["delay:30, exit,scroll:80", [["delay", 30], ["exit"], ["scroll", 80]]],
    // A comma inside a selector list stays with the selector.
    [
      "click:#a, .b button,delay:3",
      [
        ["click", "#a, .b button"],
        ["delay", 3],
      ],
    ],
    ["click:a[href^='#signup']", [["click", "a[href^='#signup']"]]],
    // Malformed or unknown ones are dropped, the rest kept.
    ["delay:soon,exit", [["exit"]]],
    ["delay:-1", []],
    ["delay:", []],
    ["click:", []],
    ["hover:#x", []],
    ["scroll", []],
  ];
  it.each(cases)("%j", (text, triggers) => {
    expect(parseTriggers(text)).toEqual(triggers);
  });
});
