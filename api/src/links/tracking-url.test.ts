import { describe, expect, it } from "vitest";
import { newLinkCode, parseClickParams, trackingUrl } from "./tracking-url.ts";

describe("tracking links", () => {
  it("codes are url-safe, 16 characters and do not repeat", () => {
    const codes = new Set(Array.from({ length: 1000 }, newLinkCode));
    expect(codes.size).toBe(1000);
    for (const code of codes) expect(code).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it.each([
    ["http://localhost:4100", "abc", {}, "http://localhost:4100/c/abc"],
    ["http://localhost:4100/", "abc", { sub2: "b", sub1: "a" }, "http://localhost:4100/c/abc?sub1=a&sub2=b"],
    [
      "https://t.example",
      "abc",
      { sub1: "a b&c", source: "fb" },
      "https://t.example/c/abc?sub1=a+b%26c&source=fb",
    ],
    ["https://t.example", "abc", { sub1: "", sub3: null }, "https://t.example/c/abc"],
  ])("%s + %s + %j = %s", (base, code, params, url) => {
    expect(trackingUrl(base, code, params)).toBe(url);
  });

  it("reads stored default subs defensively", () => {
    expect(parseClickParams({ sub1: "x", sub11: "y", source: 3 })).toEqual({ sub1: "x" });
    expect(parseClickParams(null)).toEqual({});
  });
});
