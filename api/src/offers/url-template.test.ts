import { describe, expect, it } from "vitest";
import { LANDING_MACROS, urlTemplateProblem } from "./url-template.ts";

describe("urlTemplateProblem (landing URLs)", () => {
  it.each([
    "https://advertiser.example/landing?click={click_id}",
    "http://advertiser.example:8080/a/{sub1}/b?pub={publisher_id}&s={source}#{sub2}",
    "https://xn--bcher-kva.example/",
    "HTTPS://ADVERTISER.EXAMPLE/",
  ])("accepts %s", (url) => {
    expect(urlTemplateProblem(url, LANDING_MACROS)).toBeNull();
  });

  it.each([
    ["javascript:alert(1)", "must be an absolute http(s) URL"],
    ["javascript://advertiser.example/%0aalert(1)", "must use http or https"],
    ["ftp://advertiser.example/file", "must use http or https"],
    ["https://{sub1}.advertiser.example/", "macros are not allowed in the host"],
    ["https://advertiser.example:{sub1}/", "macros are not allowed in the host"],
    ["https://user:pass@advertiser.example/", "must not contain credentials"],
    ["https:///path", "must have a host"],
    ["https://advertiser.example/?x={password}", "unknown macro {password}"],
    ["https://advertiser.example/?x={sub1", "has an unbalanced { or }"],
    ["https://advertiser.example/ a", "must not contain spaces or control characters"],
    ["/relative/path", "must be an absolute http(s) URL"],
    [`https://advertiser.example/${"a".repeat(2100)}`, "must be at most 2048 characters"],
  ])("refuses %s: %s", (url, problem) => {
    expect(urlTemplateProblem(url, LANDING_MACROS)).toBe(problem);
  });
});
