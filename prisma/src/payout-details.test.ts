import { describe, expect, it } from "vitest";
import { formatIban, parsePayoutDetails } from "./payout-details.ts";

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
