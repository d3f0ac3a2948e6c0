import { describe, expect, it } from "vitest";
import {
  accountName,
  accountProblem,
  apiKeyName,
  email,
  minimumPayout,
  newApiKeyInput,
  newUserInput,
  optionalStatusReason,
  payoutCurrency,
  roleChangeInput,
  suspensionInput,
} from "./account-input.ts";

/** The issues of a failed parse as { "path": message }. */
function problems(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  return Object.fromEntries(
    (result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]),
  );
}

describe("account input", () => {
  it("names are trimmed, not empty and at most 200 characters", () => {
    expect(accountName.parse("  Acme Media ")).toBe("Acme Media");
    expect(problems(accountName.safeParse("   "))).toEqual({ "": "must not be empty" });
    expect(problems(accountName.safeParse("x".repeat(201)))).toEqual({
      "": "must be at most 200 characters",
    });
  });

  it("e-mails are trimmed and lower-cased; a non-address is refused", () => {
    expect(email.parse(" Ada@Example.COM ")).toBe("ada@example.com");
    expect(problems(email.safeParse("not an email"))).toEqual({ "": "must be an e-mail address" });
  });

  it("a payout currency is an ISO code in capitals; a minimum payout is a bounded non-negative bigint", () => {
    expect(payoutCurrency.parse("EUR")).toBe("EUR");
    expect(payoutCurrency.safeParse("eur").success).toBe(false);
    expect(minimumPayout.parse(2550n)).toBe(2550n);
    expect(problems(minimumPayout.safeParse(-1n))).toEqual({ "": "must not be negative" });
  });

  it("a new user: advertiser and publisher users need their account, admin and finance none", () => {
    const base = { email: "new@example.com", name: "New", password: "" };
    expect(newUserInput.parse({ ...base, role: "PUBLISHER", accountId: "7" })).toEqual({
      role: "PUBLISHER",
      accountId: "7",
      email: "new@example.com",
      name: "New",
      password: null,
    });
    expect(problems(newUserInput.safeParse({ ...base, role: "ADVERTISER", accountId: null }))).toEqual({
      accountId: "choose the advertiser this user belongs to",
    });
    expect(problems(newUserInput.safeParse({ ...base, role: "PUBLISHER", accountId: "" }))).toEqual({
      accountId: "choose the publisher this user belongs to",
    });
    expect(problems(newUserInput.safeParse({ ...base, role: "FINANCE", accountId: "3" }))).toEqual({
      accountId: "finance users belong to no account",
    });
    expect(newUserInput.parse({ ...base, role: "ADMIN", accountId: null }).accountId).toBeNull();
  });

  it("a password is optional, and at least 12 characters when given", () => {
    const user = { role: "FINANCE", accountId: null, email: "f@example.com", name: "F" } as const;
    expect(problems(newUserInput.safeParse({ ...user, password: "short" }))).toEqual({
      password: "must be at least 12 characters",
    });
    expect(newUserInput.parse({ ...user, password: "twelve chars" }).password).toBe("twelve chars");
  });

  it("every field's problem is reported at once", () => {
    expect(
      problems(
        newUserInput.safeParse({ role: "PUBLISHER", accountId: null, email: "x", name: "", password: "1" }),
      ),
    ).toEqual({
      email: "must be an e-mail address",
      name: "must not be empty",
      password: "must be at least 12 characters",
      accountId: "choose the publisher this user belongs to",
    });
  });

  it("a role change follows the same account rule", () => {
    expect(roleChangeInput.parse({ role: "FINANCE", accountId: null })).toEqual({
      role: "FINANCE",
      accountId: null,
    });
    expect(problems(roleChangeInput.safeParse({ role: "ADVERTISER", accountId: null }))).toEqual({
      accountId: "choose the advertiser this user belongs to",
    });
  });

  it("a suspension needs a reason of at most 500 characters; the API's optional reason makes blank none", () => {
    expect(problems(suspensionInput.safeParse({ reason: "  " }))).toEqual({
      reason: "say why, in a few words: it is kept in the audit log",
    });
    expect(problems(suspensionInput.safeParse({ reason: "x".repeat(501) }))).toEqual({
      reason: "must be at most 500 characters",
    });
    expect(suspensionInput.parse({ reason: " chargebacks " })).toEqual({ reason: "chargebacks" });
    expect(optionalStatusReason.parse("  ")).toBeNull();
    expect(optionalStatusReason.parse(undefined)).toBeNull();
  });

  it("an API key needs its user and a name of at most 100 characters", () => {
    expect(apiKeyName.parse(" CRM sync ")).toBe("CRM sync");
    expect(problems(newApiKeyInput.safeParse({ userId: "", name: "" }))).toEqual({
      userId: "choose the user",
      name: "must not be empty",
    });
    expect(problems(newApiKeyInput.safeParse({ userId: "4", name: "k".repeat(101) }))).toEqual({
      name: "must be at most 100 characters",
    });
  });

  it("accountProblem is the one wording of the rule", () => {
    expect(accountProblem("ADMIN", false)).toBeNull();
    expect(accountProblem("PUBLISHER", true)).toBeNull();
    expect(accountProblem("ADMIN", true)).toBe("admin users belong to no account");
  });
});
