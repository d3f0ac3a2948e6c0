import { describe, expect, it } from "vitest";
import {
  compileLandingTemplate,
  fillLandingUrl,
  type LandingTemplate,
  type MacroValues,
} from "./landing-url.ts";

const CLICK_ID = "01938c5e-7f00-7000-8000-000000000001";

function compile(template: string): LandingTemplate {
  const compiled = compileLandingTemplate(template);
  if (!compiled.ok) throw new Error(`refused: ${compiled.problem}`);
  return compiled.landing;
}

function values(overrides: Partial<MacroValues> = {}): MacroValues {
  return {
    clickId: CLICK_ID,
    offerId: 7,
    publisherId: 9,
    subs: {},
    source: null,
    passThrough: new Map(),
    ...overrides,
  };
}

describe("compileLandingTemplate", () => {
  it.each([
    ["https://adv.example/lp?c={click_id}", "https://adv.example", true],
    ["http://adv.example:8080/{sub1}/x", "http://adv.example:8080", false],
    ["HTTPS://ADV.example/?a={sub1}#{sub2}", "https://adv.example", false],
    ["https://adv.example/a b?c={click_id}", "https://adv.example", false],
    ["https://adv.example/lp#x={sub1}", "https://adv.example", true],
  ])("accepts %s with origin %s (verbatim: %s)", (template, origin, verbatim) => {
    expect(compileLandingTemplate(template)).toEqual({ ok: true, landing: { template, origin, verbatim } });
  });

  it.each([
    ["https://{sub1}.example/", "a macro in the host"],
    ["https://adv.example{sub1}/lp", "a macro glued to the host"],
    ["https://adv.example:{sub1}/", "a macro in the port"],
    ["https://{sub1}@adv.example/", "a macro in the user info"],
    ["https://adv.example@{sub1}/", "a macro after the user info"],
    ["{sub1}", "a macro as the whole URL"],
    ["//adv.example/lp", "a scheme-relative URL"],
    ["javascript:alert(1)//{sub1}", "another scheme"],
    ["ftp://adv.example/{sub1}", "ftp"],
    ["https://user:pw@adv.example/", "credentials in the URL"],
    ["https:///lp", "no host"],
  ])("refuses %s (%s)", (template) => {
    expect(compileLandingTemplate(template).ok).toBe(false);
  });
});

describe("fillLandingUrl", () => {
  it("fills every known macro", () => {
    const landing = compile(
      "https://adv.example/lp?c={click_id}&o={offer_id}&p={publisher_id}&s1={sub1}&s10={sub10}&src={source}",
    );
    const url = new URL(
      fillLandingUrl(landing, values({ subs: { sub1: "one", sub10: "ten" }, source: "fb" })) ?? "",
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      c: CLICK_ID,
      o: "7",
      p: "9",
      s1: "one",
      s10: "ten",
      src: "fb",
    });
  });

  it.each([
    "a b",
    "a&b=c",
    "x=y",
    "ünïcødé 🚀",
    "//evil.com",
    "https://evil.com/x?y=1#frag",
    "@evil.com",
    "%2F%2Fevil.com",
    "../../admin",
    "\\\\evil.com",
    "#",
    "?",
  ])("round-trips %j through a query macro without changing the URL's shape", (value) => {
    const landing = compile("https://adv.example/lp?s={sub1}&after=1");
    const url = new URL(fillLandingUrl(landing, values({ subs: { sub1: value } })) ?? "");
    expect(url.origin).toBe("https://adv.example");
    expect(url.pathname).toBe("/lp");
    expect(url.hash).toBe("");
    expect([...url.searchParams]).toEqual([
      ["s", value],
      ["after", "1"],
    ]);
  });

  it.each([
    "//evil.com",
    "evil.com",
    "@evil.com",
    "https://evil.com",
    "\\evil.com",
    "..%2F..",
    ":443@evil.com",
  ])("keeps the origin when %j fills a path macro", (value) => {
    for (const template of [
      "https://adv.example/{sub1}",
      "https://adv.example/a/{sub1}/b",
      "https://adv.example\\{sub1}",
    ]) {
      const filled = fillLandingUrl(compile(template), values({ subs: { sub1: value } }));
      expect(filled).not.toBeNull();
      expect(new URL(filled ?? "").origin).toBe("https://adv.example");
    }
  });

  it("fills other {name} macros from pass-through parameters, or leaves them empty", () => {
    const landing = compile("https://adv.example/?g={gclid}&f={fbclid}&keep={not a macro}&braces={}");
    const url = fillLandingUrl(landing, values({ passThrough: new Map([["gclid", "abc 1"]]) }));
    expect(url).toBe("https://adv.example/?g=abc%201&f=&keep={not%20a%20macro}&braces={}");
  });

  it("leaves a missing sub id or source empty", () => {
    const landing = compile("https://adv.example/?s2={sub2}&src={source}");
    expect(fillLandingUrl(landing, values())).toBe("https://adv.example/?s2=&src=");
  });
});

describe("fillLandingUrl without a second parse (verbatim templates)", () => {
  const nasty = [
    "",
    "a b",
    "it's",
    "'",
    "..",
    ".",
    "a/../b",
    "é🚀",
    "%2e%2e",
    "x#y?z",
    "\\",
    '<>"`{}|^',
    "(!*~)",
  ];
  it.each([
    "https://adv.example/lp?c={click_id}&s={sub1}",
    "https://adv.example/lp.html?a={sub1}{sub1}#f={sub1}",
    "https://adv.example/?{sub1}={sub1}",
    "https://adv.example/lp#{sub1}",
  ])("%s gives what the parsed URL gives, for any value", (template) => {
    const landing = compile(template);
    expect(landing.verbatim).toBe(true);
    for (const sub1 of nasty) {
      const fast = fillLandingUrl(landing, values({ subs: { sub1 } }));
      const slow = fillLandingUrl({ ...landing, verbatim: false }, values({ subs: { sub1 } }));
      expect(fast).toBe(slow);
    }
  });
});
