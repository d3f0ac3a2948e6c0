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
    ["txid=ORDER-1%0d%0aX-Injected:%201", "invalid_characters"],
    ["note=line%0Abreak", "invalid_characters"],
    ["a=tab%09bed", "invalid_characters"],
    ["a=del%7F", "invalid_characters"],
    ["a=nel%C2%85", "invalid_characters"],
    ["a%0D=1", "invalid_characters"],
    ["a=1&a=2", "repeated_param"],
    ["a=1&a=1", "repeated_param"],
    [`a=${"x".repeat(2049)}`, "param_too_long"],
    [`${"k".repeat(65)}=1`, "param_too_long"],
    [Array.from({ length: 65 }, (_, i) => `p${i}=1`).join("&"), "too_many_params"],
  ])("refuses %j (%s)", (text, reason) => {
    expect(parseFormEncoded(text)).toMatchObject({ ok: false, reason });
  });

  it("lets control characters through when the caller judges each field itself (the lead form)", () => {
    expect(parseFormEncoded("name=a%0Db%00", { allowControlCharacters: true })).toEqual({
      ok: true,
      params: { name: "a\rb\u0000" },
    });
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
