import { describe, expect, it } from "vitest";
import { issueFormToken, verifyFormToken } from "./lead-form-token.ts";

const now = new Date("2026-11-23T12:00:00Z");
const token = issueFormToken("secret", "link-1", "click-1", now);

describe("form tokens", () => {
  it.each([
    ["the same link and click, at once", "secret", token, "link-1", "click-1", now, true],
    ["23 hours later", "secret", token, "link-1", "click-1", new Date(now.getTime() + 23 * 3600e3), true],
    ["25 hours later", "secret", token, "link-1", "click-1", new Date(now.getTime() + 25 * 3600e3), false],
    ["another click id", "secret", token, "link-1", "click-2", now, false],
    ["no click id", "secret", token, "link-1", null, now, false],
    ["another link", "secret", token, "link-2", "click-1", now, false],
    ["another secret", "other", token, "link-1", "click-1", now, false],
    ["garbage", "secret", "nope", "link-1", "click-1", now, false],
    ["an empty token", "secret", "", "link-1", "click-1", now, false],
    [
      "a token from the future",
      "secret",
      issueFormToken("secret", "link-1", "click-1", new Date(now.getTime() + 3600e3)),
      "link-1",
      "click-1",
      now,
      false,
    ],
  ])("%s → %s", (_label, secret, t, code, clickId, at, ok) => {
    expect(verifyFormToken(secret, t, code, clickId, at)).toBe(ok);
  });

  it("covers forms without a click id too", () => {
    const clickless = issueFormToken("secret", "link-1", null, now);
    expect(verifyFormToken("secret", clickless, "link-1", null, now)).toBe(true);
    expect(verifyFormToken("secret", clickless, "link-1", "click-1", now)).toBe(false);
  });
});
