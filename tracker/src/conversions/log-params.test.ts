import { describe, expect, it } from "vitest";
import { lenientPairs, paramsForLog } from "./log-params.ts";

describe("paramsForLog", () => {
  it("drops the token, keeps the rest", () => {
    expect(paramsForLog(lenientPairs("click_id=abc&token=s3cret&TOKEN=x&payout=1.5"))).toEqual({
      click_id: "abc",
      payout: "1.5",
    });
  });

  it("keeps the first of repeated keys across sources", () => {
    expect(
      paramsForLog(
        [["a", "query"]],
        [
          ["a", "body"],
          ["b", "body"],
        ],
      ),
    ).toEqual({ a: "query", b: "body" });
  });

  it("bounds length and count, and replaces control characters", () => {
    const many = Array.from({ length: 100 }, (_, i) => [`p${i}`, "v"] as [string, string]);
    expect(Object.keys(paramsForLog(many))).toHaveLength(64);
    expect(paramsForLog([["x", "y".repeat(5000)]]).x).toHaveLength(257);
    expect(paramsForLog(lenientPairs("a=%00b&c=%FF"))).toEqual({ a: "\uFFFDb", c: "\uFFFD" });
    expect(paramsForLog(lenientPairs("t=1%0D%0AX:%201&n=%C2%85"))).toEqual({
      t: "1\uFFFD\uFFFDX: 1",
      n: "\uFFFD",
    });
  });
});
