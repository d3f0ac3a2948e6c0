import { describe, expect, test } from "vitest";
import { contactKey, contactKeys, emailDomain, normalizeEmail } from "./contact-key.ts";

describe("normalizeEmail", () => {
  test.each([
    ["Ada@Example.com", "ada@example.com"],
    ["  ada@example.com ", "ada@example.com"],
    ["a.d.a+promo@gmail.com", "ada@gmail.com"],
    ["A.D.A@GoogleMail.com", "ada@gmail.com"],
    ["ada+x@example.com", "ada@example.com"],
    // Dots matter outside Gmail.
    ["a.da@example.com", "a.da@example.com"],
    ["+only@example.com", "+only@example.com"],
    ["no-at-sign", null],
    ["@example.com", null],
    ["ada@", null],
  ])("%s → %s", (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });
});

test("emailDomain", () => {
  expect(emailDomain("x@Mailinator.COM")).toBe("mailinator.com");
  expect(emailDomain("nothing")).toBeNull();
});

describe("contactKeys", () => {
  test("variants of one mailbox share a key; another mailbox does not", () => {
    const a = contactKeys("s".repeat(16), { email: "Ada.L+1@gmail.com", phone: null });
    const b = contactKeys("s".repeat(16), { email: "adal@googlemail.com", phone: null });
    const c = contactKeys("s".repeat(16), { email: "adam@gmail.com", phone: null });
    expect(a.emailKey).toBe(b.emailKey);
    expect(a.emailKey).not.toBe(c.emailKey);
    expect(a.phoneKey).toBeNull();
  });

  test("the key depends on the secret and the kind, and does not contain the contact", () => {
    const one = contactKey("secret-one-16chars", "email", "ada@example.com");
    expect(one).not.toBe(contactKey("secret-two-16chars", "email", "ada@example.com"));
    expect(one).not.toBe(contactKey("secret-one-16chars", "phone", "ada@example.com"));
    expect(one).not.toContain("ada");
    expect(one).toMatch(/^[\w-]{32}$/);
  });

  test("phones compare without formatting", () => {
    const a = contactKeys("k".repeat(16), { email: null, phone: "+49 30 1234-5678" });
    const b = contactKeys("k".repeat(16), { email: null, phone: "+4930(1234)5678" });
    expect(a.phoneKey).toBe(b.phoneKey);
    expect(a.emailKey).toBeNull();
  });
});
