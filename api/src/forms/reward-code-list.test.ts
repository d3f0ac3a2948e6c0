import { expect, test } from "vitest";
import { normalizeCodes } from "./reward-code-list.ts";

test("codes are trimmed, blanks dropped, repeats counted, invalid ones named by index", () => {
  expect(
    normalizeCodes([" SAVE10 ", "", "SAVE20", "SAVE10", "two words", "x".repeat(101), "ÄÖ", "SAVE20"]),
  ).toEqual({
    codes: ["SAVE10", "SAVE20"],
    repeated: 2,
    problems: [4, 5, 6].map((index) => ({
      index,
      message: "must be 1–100 visible characters without spaces (letters, digits, - _ …)",
    })),
  });
});

test("codes differing only in case are different codes", () => {
  expect(normalizeCodes(["abc", "ABC"]).codes).toEqual(["abc", "ABC"]);
});
