import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "./csv.ts";

describe("csvCell", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    [null, ""],
    [undefined, ""],
    [1500n, "1500"],
    [-1500n, "-1500"],
    ["-12.50", "-12.50"],
    [42, "42"],
    [new Date("2026-11-23T10:00:00Z"), "2026-11-23T10:00:00.000Z"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    // Formula starts are neutralised with a leading quote.
    ['=HYPERLINK("http://evil")', '"\'=HYPERLINK(""http://evil"")"'],
    ["+1+2", "'+1+2"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\r=1", '"\'\r=1"'],
    ["-", "'-"],
    // Only the start matters.
    ["a=b", "a=b"],
  ] as const)("case %# (%s)", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe("csvRow", () => {
  it("joins cells and ends with CRLF", () => {
    expect(csvRow(["id", 1n, null, "=x"])).toBe("id,1,,'=x\r\n");
  });
});
