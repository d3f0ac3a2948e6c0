import { describe, expect, it } from "vitest";
import { formatIban, parsePayoutDetails, payoutDetailsForm } from "./payout-details.ts";

describe("payout details", () => {
  it("normalizes a bank account: IBAN and BIC in electronic form", () => {
    expect(
      parsePayoutDetails({
        method: "BANK_TRANSFER",
        accountHolder: "  Native Pulse GmbH ",
        iban: "de89 3704 0044 0532 0130 00",
        bic: "cobadeffxxx",
      }),
    ).toEqual({
      ok: true,
      details: {
        method: "BANK_TRANSFER",
        accountHolder: "Native Pulse GmbH",
        iban: "DE89370400440532013000",
        bic: "COBADEFFXXX",
        paypalEmail: null,
      },
    });
    expect(formatIban("DE89370400440532013000")).toBe("DE89 3704 0044 0532 0130 00");
  });

  it("refuses a wrong check digit, a wrong length, a bad BIC and a missing holder, per field", () => {
    expect(
      parsePayoutDetails({
        method: "BANK_TRANSFER",
        accountHolder: "",
        iban: "DE88370400440532013000",
        bic: "COBA",
      }),
    ).toEqual({
      ok: false,
      errors: {
        accountHolder: expect.stringContaining("name"),
        iban: expect.stringContaining("not a valid IBAN"),
        bic: expect.stringContaining("BIC"),
      },
    });
    expect(
      parsePayoutDetails({ method: "BANK_TRANSFER", accountHolder: "A", iban: "GB82WEST1234569876543" }),
    ).toMatchObject({
      ok: false,
      errors: { iban: expect.any(String) },
    });
  });

  it("PayPal needs an e-mail and drops bank fields", () => {
    expect(
      parsePayoutDetails({
        method: "PAYPAL",
        paypalEmail: " Pay@Example.COM ",
        iban: "DE89370400440532013000",
      }),
    ).toEqual({
      ok: true,
      details: {
        method: "PAYPAL",
        accountHolder: null,
        iban: null,
        bic: null,
        paypalEmail: "pay@example.com",
      },
    });
    expect(parsePayoutDetails({ method: "PAYPAL", paypalEmail: "nope" })).toEqual({
      ok: false,
      errors: { paypalEmail: "must be an e-mail address" },
    });
    expect(parsePayoutDetails({ method: "CHEQUE" })).toMatchObject({
      ok: false,
      errors: { method: expect.any(String) },
    });
  });
});

describe("payout details form", () => {
  const issues = (input: Record<string, unknown>) =>
    Object.fromEntries(
      (payoutDetailsForm.safeParse(input).error?.issues ?? []).map((issue) => [
        issue.path.join("."),
        issue.message,
      ]),
    );

  it("puts each of the rule's errors at its field", () => {
    expect(
      issues({
        method: "BANK_TRANSFER",
        accountHolder: " ",
        iban: "DE88 3704 0044 0532 0130 00",
        bic: "NOPE",
      }),
    ).toEqual({
      accountHolder: "enter the name the bank account is held in",
      iban: "this is not a valid IBAN: check the country code, length and digits",
      bic: "this is not a valid BIC/SWIFT code (8 or 11 letters and digits)",
    });
    expect(issues({ method: "PAYPAL", paypalEmail: "not-an-address" })).toEqual({
      paypalEmail: "must be an e-mail address",
    });
    expect(issues({ method: "CHEQUE" })).toEqual({ method: "choose bank transfer or PayPal" });
  });

  it("gives what the API is sent: normalized, only the chosen method's fields", () => {
    expect(
      payoutDetailsForm.parse({
        method: "BANK_TRANSFER",
        accountHolder: "Payee Media Ltd ",
        iban: "de89 3704 0044 0532 0130 00",
        bic: "",
        paypalEmail: "left@over.example",
      }),
    ).toEqual({
      method: "BANK_TRANSFER",
      accountHolder: "Payee Media Ltd",
      iban: "DE89370400440532013000",
      bic: null,
    });
    expect(
      payoutDetailsForm.parse({ method: "PAYPAL", iban: "left over", paypalEmail: " Payee@Example.com" }),
    ).toEqual({ method: "PAYPAL", paypalEmail: "payee@example.com" });
  });

  it("what the form sends, the rule accepts unchanged", () => {
    const sent = payoutDetailsForm.parse({
      method: "BANK_TRANSFER",
      accountHolder: "A",
      iban: "GB82 WEST 1234 5698 7654 32",
      bic: "westgb2l",
    });
    const again = parsePayoutDetails(sent);
    expect(again.ok && again.details).toMatchObject(sent);
  });
});
