import { describe, expect, test } from "vitest";
import { isDisposableDomain, isValidEmailDomain } from "./email-domains.ts";

describe("isDisposableDomain", () => {
  test.each([
    ["mailinator.com", true],
    ["MAILINATOR.COM", true],
    ["inbox.mailinator.com", true],
    ["10minutemail.com", true],
    ["gmail.com", false],
    ["example.com", false],
    ["com", false],
  ])("%s → %s", (domain, expected) => {
    expect(isDisposableDomain(domain)).toBe(expected);
  });
});

describe("isValidEmailDomain", () => {
  test.each([
    ["example.com", true],
    ["mail.example.co.uk", true],
    ["xn--bcher-kva.example", true],
    ["b..com", false],
    ["-bad-.com", false],
    ["example.c0m", false],
    ["example.c", false],
    ["localhost", false],
    ["exa_mple.com", false],
    [`${"a".repeat(64)}.com`, false],
  ])("%s → %s", (domain, expected) => {
    expect(isValidEmailDomain(domain)).toBe(expected);
  });
});
