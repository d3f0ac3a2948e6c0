import { describe, expect, it } from "vitest";
import { parseClickRequest } from "./click-request.ts";

function ok(url: string) {
  const parsed = parseClickRequest(url);
  if (!parsed.ok) throw new Error(`refused ${url}: ${parsed.error}`);
  return parsed.request;
}

describe("parseClickRequest", () => {
  it("reads the code, sub ids, source and pass-through parameters", () => {
    const request = ok("/c/Ab_9-x?sub1=a+b&sub10=%F0%9F%9A%80&source=fb&gclid=G1&url=https%3A%2F%2Fevil");
    expect(request).toEqual({
      code: "Ab_9-x",
      subs: { sub1: "a b", sub10: "🚀" },
      source: "fb",
      passThrough: new Map([
        ["gclid", "G1"],
        ["url", "https://evil"],
      ]),
    });
  });

  it("treats empty values as absent and keeps the first of repeated parameters", () => {
    expect(ok("/c/x?sub1=&sub2=first&sub2=second&source&=x&&")).toEqual({
      code: "x",
      subs: { sub2: "first" },
      source: null,
      passThrough: new Map(),
    });
  });

  it("ignores pass-through names no macro could use", () => {
    expect(ok("/c/x?a%5B%5D=1&utm.source=2&ok_name=3").passThrough).toEqual(new Map([["ok_name", "3"]]));
  });

  it.each([
    ["/c/", 400, "bad_code"],
    ["/c/a/b", 400, "bad_code"],
    [`/c/${"a".repeat(65)}`, 400, "bad_code"],
    ["/c/a%20b", 400, "bad_code"],
    ["/c/ünï", 400, "bad_code"],
    ["/x/abc", 400, "bad_path"],
    ["/c/x?sub1=%zz", 400, "bad_encoding"],
    ["/c/x?sub1=%E0%A4", 400, "bad_encoding"],
    ["/c/x?sub1=%ff", 400, "bad_encoding"],
    ["/c/x?%C0%AF=1", 400, "bad_encoding"],
    ["/c/x?sub1=a%00", 400, "control_characters"],
    ["/c/x?sub1=a%7F", 400, "control_characters"],
    ["/c/x?a%0A=1", 400, "control_characters"],
    ["/c/x?sub1=a%C2%85", 400, "control_characters"],
    ["/c/x?sub1=a%0D%0AX-Injected:%201", 400, "control_characters"],
    [`/c/x?sub1=${"x".repeat(501)}`, 400, "value_too_long"],
    [`/c/x?${"a=1&".repeat(65)}`, 400, "too_many_params"],
    [`/c/x?q=${"y".repeat(4097)}`, 414, "query_too_long"],
  ])("refuses %s with %i (%s)", (url, status, error) => {
    expect(parseClickRequest(url)).toEqual({ ok: false, status, error });
  });

  it("accepts the longest allowed code and value", () => {
    expect(ok(`/c/${"a".repeat(64)}?sub1=${"x".repeat(500)}`).subs.sub1).toHaveLength(500);
  });
});
