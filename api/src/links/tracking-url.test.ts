import { describe, expect, it } from "vitest";
import { newLinkCode } from "./tracking-url.ts";

describe("tracking links", () => {
  it("codes are url-safe, 16 characters and do not repeat", () => {
    const codes = new Set(Array.from({ length: 1000 }, newLinkCode));
    expect(codes.size).toBe(1000);
    for (const code of codes) expect(code).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});
