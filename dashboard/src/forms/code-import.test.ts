import { expect, test } from "vitest";
import { splitCodes } from "./code-import.ts";

test.each([
  ["one per line, blank lines and spaces", "SAVE10\n\n  SAVE20 \r\nSAVE30", ["SAVE10", "SAVE20", "SAVE30"]],
  ["one line, comma-separated", "A1, B2;C3", ["A1", "B2", "C3"]],
  [
    "a CSV with a header: the first column",
    'code,value,expires\n"X-1",10,2027-01-01\nX-2,10,2027-01-01\n',
    ["X-1", "X-2"],
  ],
  ["a header alone is not a code", "Codes\nQ1\nQ2", ["Q1", "Q2"]],
  ["nothing", "  \n ", []],
])("%s", (_what, text, codes) => {
  expect(splitCodes(text)).toEqual(codes);
});
