import { describe, expect, it } from "vitest";
import { issueFormToken, verifyFormToken } from "./form-token.ts";
import { signRewardLink, verifyRewardLink } from "./reward-link.ts";

const secret = "s".repeat(32);
const click = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
const now = new Date("2026-12-06T12:00:00Z");

describe("form token", () => {
  const token = issueFormToken(secret, "formkey1", click, now);

  it("verifies for its form and click, with its issue time and nonce", () => {
    const checked = verifyFormToken(secret, token, "formkey1", click, now);
    expect(checked).toMatchObject({ ok: true, issuedAt: now.getTime() / 1000 });
    if (checked.ok) expect(checked.nonce).toMatch(/^[\w-]{16}$/);
  });

  it("has a new nonce every time", () => {
    expect(issueFormToken(secret, "formkey1", click, now)).not.toBe(token);
  });

  it.each([
    ["another form's key", "formkey2", click, now, "invalid"],
    ["another click", "formkey1", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c", now, "invalid"],
    ["no click", "formkey1", null, now, "invalid"],
    ["a day and a second later", "formkey1", click, new Date(now.getTime() + 86_401_000), "stale"],
    ["issued ten minutes in the future", "formkey1", click, new Date(now.getTime() - 600_000), "stale"],
  ] as const)("refuses %s", (_label, key, clickId, at, reason) => {
    expect(verifyFormToken(secret, token, key, clickId, at)).toEqual({ ok: false, reason });
  });

  it.each([
    ["another secret", () => issueFormToken("t".repeat(32), "formkey1", click, now)],
    ["a changed time", () => token.replace(/^\d+/, (t) => String(Number(t) + 1))],
    ["garbage", () => "abc"],
    ["the old v1 format", () => `${now.getTime() / 1000}.${"a".repeat(43)}`],
  ])("refuses %s as invalid", (_label, make) => {
    expect(verifyFormToken(secret, make(), "formkey1", click, now)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("reward link", () => {
  const lead = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
  const expires = new Date(now.getTime() + 3_600_000);
  const token = signRewardLink(secret, lead, expires);

  it("names its lead until it expires", () => {
    expect(verifyRewardLink(secret, token, now)).toEqual({ ok: true, conversionId: lead });
    expect(verifyRewardLink(secret, token, new Date(expires.getTime() + 1000))).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it.each([
    ["another lead", token.replace(lead, "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c")],
    ["a later expiry", token.replace(/\.(\d+)\./, (_m, t) => `.${Number(t) + 3600}.`)],
    ["another secret", signRewardLink("t".repeat(32), lead, expires)],
    ["garbage", "x.y.z"],
  ])("refuses %s as forged", (_label, forged) => {
    expect(verifyRewardLink(secret, forged, now)).toEqual({ ok: false, reason: "forged" });
  });
});
