import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createIpHasher } from "./ip-hash.ts";

describe("createIpHasher", () => {
  it("is a truncated HMAC-SHA256 keyed by the secret, the same on cache hits", () => {
    const hash = createIpHasher("a-secret-of-some-length", 1);
    const expected = createHmac("sha256", "a-secret-of-some-length")
      .update("1.2.3.4")
      .digest("hex")
      .slice(0, 32);
    expect(hash("1.2.3.4")).toBe(expected);
    expect(hash("5.6.7.8")).not.toBe(expected);
    expect(hash("1.2.3.4")).toBe(expected);
    expect(createIpHasher("another-secret-value")("1.2.3.4")).not.toBe(expected);
  });
});
