import { describe, expect, it } from "vitest";
import { parseClickParams, trackingUrl, urlTemplateProblem } from "./macros.ts";

describe("urlTemplateProblem", () => {
  it.each([
    "https://advertiser.example/landing?click={click_id}",
    "http://advertiser.example:8080/a/{sub1}/b?pub={publisher_id}&s={source}#{sub2}",
    "https://xn--bcher-kva.example/",
    "HTTPS://ADVERTISER.EXAMPLE/",
    // Any other {name} is the click's pass-through parameter of that name, as the tracker fills it.
    "https://lp.example/?cid={click_id}&g={gclid}&fb={fbclid}&c={Campaign_ID_2}",
    "https://lp.example/?s10={sub10}",
  ])("accepts landing URL %s", (url) => {
    expect(urlTemplateProblem(url, "landing")).toBeNull();
  });

  it.each([
    ["javascript:alert(1)", "must be an absolute http(s) URL"],
    ["javascript://advertiser.example/%0aalert(1)", "must use http or https"],
    ["ftp://advertiser.example/file", "must use http or https"],
    ["https://{sub1}.advertiser.example/", "macros are not allowed in the host"],
    ["https://advertiser.example:{sub1}/", "macros are not allowed in the host"],
    ["https://user:pass@advertiser.example/", "must not contain credentials"],
    ["https:///path", "must have a host"],
    ["https://advertiser.example/?x={a-b}", "{a-b} is not a macro: use letters, digits and _ (at most 32)"],
    ["https://advertiser.example/?x={}", "{} is not a macro: use letters, digits and _ (at most 32)"],
    [`https://advertiser.example/?x={${"a".repeat(33)}}`, expect.stringContaining("is not a macro")],
    ["https://advertiser.example/?x={sub1", "has an unbalanced { or }"],
    ["https://advertiser.example/ a", "must not contain spaces or control characters"],
    ["/relative/path", "must be an absolute http(s) URL"],
    [`https://advertiser.example/${"a".repeat(2100)}`, "must be at most 2048 characters"],
  ])("refuses landing URL %s: %s", (url, problem) => {
    expect(urlTemplateProblem(url, "landing")).toEqual(problem);
  });

  it("accepts only the postback macros in a publisher postback URL", () => {
    expect(
      urlTemplateProblem("https://t.example/pb?cid={click_id}&t={txid}&p={payout}&s={sub10}", "postback"),
    ).toBeNull();
    expect(urlTemplateProblem("https://t.example/pb?g={gclid}", "postback")).toBe("unknown macro {gclid}");
    // A publisher knows its own id; the tracker does not fill it in postbacks.
    expect(urlTemplateProblem("https://t.example/pb?p={publisher_id}", "postback")).toBe(
      "unknown macro {publisher_id}",
    );
  });
});

describe("trackingUrl", () => {
  it.each([
    ["http://localhost:4100", "abc", {}, "http://localhost:4100/c/abc"],
    ["http://localhost:4100/", "abc", { sub2: "b", sub1: "a" }, "http://localhost:4100/c/abc?sub1=a&sub2=b"],
    [
      "https://t.example",
      "abc",
      { sub1: "a b&c", source: "fb" },
      "https://t.example/c/abc?sub1=a%20b%26c&source=fb",
    ],
    ["https://t.example", "abc", { sub1: "", sub3: null }, "https://t.example/c/abc"],
    // A traffic source's macros stay literal so it can fill them; the rest of the value is encoded.
    [
      "https://t.example",
      "abc",
      { sub1: "{campaign_id}", sub2: "x-{ad_id}&y", sub10: "{bad-name}" },
      "https://t.example/c/abc?sub1={campaign_id}&sub2=x-{ad_id}%26y&sub10=%7Bbad-name%7D",
    ],
  ])("%s + %s + %j = %s", (base, code, params, url) => {
    expect(trackingUrl(base, code, params)).toBe(url);
  });

  it("spells a URL whose parameters read back as given", () => {
    const params = { sub1: "a b&c=d ünï", sub7: "+%", source: "{src}" };
    const url = new URL(trackingUrl("https://t.example", "abc", params));
    expect(Object.fromEntries(url.searchParams)).toEqual(params);
  });

  it("reads stored default subs defensively", () => {
    expect(parseClickParams({ sub1: "x", sub11: "y", source: 3 })).toEqual({ sub1: "x" });
    expect(parseClickParams(null)).toEqual({});
  });
});
