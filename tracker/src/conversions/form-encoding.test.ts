import { describe, expect, it } from "vitest";
import { parseFormEncoded, queryOf } from "./form-encoding.ts";

describe("parseFormEncoded", () => {
  it.each([
    ["", {}],
    ["a=1&b=2", { a: "1", b: "2" }],
    ["a=1&&b=", { a: "1", b: "" }],
    ["flag", { flag: "" }],
    ["q=a+b%20c", { q: "a b c" }],
    ["eur=%E2%82%AC", { eur: "€" }],
    ["x=%3D%26", { x: "=&" }],
    ["note=line%0Abreak", { note: "line\nbreak" }],
  ])("%j → %j", (text, params) => {
    expect(parseFormEncoded(text)).toEqual({ ok: true, params });
  });

  it.each([
    ["a=%FF", "invalid_encoding"],
    ["a=%E2%82", "invalid_encoding"],
    ["a=%zz", "invalid_encoding"],
    ["%C3%28=1", "invalid_encoding"],
    ["a=%00", "invalid_characters"],
    ["a=x%1By", "invalid_characters"],
    ["a=1&a=2", "repeated_param"],
    ["a=1&a=1", "repeated_param"],
    [`a=${"x".repeat(2049)}`, "param_too_long"],
    [`${"k".repeat(65)}=1`, "param_too_long"],
    [Array.from({ length: 65 }, (_, i) => `p${i}=1`).join("&"), "too_many_params"],
  ])("refuses %j (%s)", (text, reason) => {
    expect(parseFormEncoded(text)).toMatchObject({ ok: false, reason });
  });

  it("does not let a key named like an Object property through as something else", () => {
    const parsed = parseFormEncoded("__proto__=1&constructor=2");
    expect(parsed).toEqual({ ok: true, params: { ["__proto__"]: "1", constructor: "2" } });
  });
});

describe("queryOf", () => {
  it.each([
    [undefined, ""],
    ["/postback", ""],
    ["/postback?", ""],
    ["/postback?a=1&b=2", "a=1&b=2"],
    ["/p?a=1?b", "a=1?b"],
  ])("%j → %j", (url, query) => {
    expect(queryOf(url)).toBe(query);
  });
});
