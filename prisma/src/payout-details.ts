// A publisher's payout details: how the rule reads them, once, for the API (which stores them) and the
// dashboard's form (which shows mistakes before a round trip, at the same fields). Free of Prisma, a
// subpath export (@leadrail/db/payout-details). IBAN and BIC are checked by ibantools (country
// length, check digits, BIC structure), not by a home-made regular expression.
import { electronicFormatIBAN, friendlyFormatIBAN, isValidBIC, isValidIBAN } from "ibantools";
import { z } from "zod";

export const PAYOUT_METHODS = ["BANK_TRANSFER", "PAYPAL"] as const;
export type PayoutMethodName = (typeof PAYOUT_METHODS)[number];

export const PAYOUT_METHOD_WORDS: Record<PayoutMethodName, string> = {
  BANK_TRANSFER: "Bank transfer",
  PAYPAL: "PayPal",
};

export interface PayoutDetailsInput {
  method: string;
  accountHolder?: string | null;
  iban?: string | null;
  bic?: string | null;
  paypalEmail?: string | null;
}

export type PayoutDetails =
  | { method: "BANK_TRANSFER"; accountHolder: string; iban: string; bic: string | null; paypalEmail: null }
  | { method: "PAYPAL"; accountHolder: null; iban: null; bic: null; paypalEmail: string };

export type PayoutDetailsField = "method" | "accountHolder" | "iban" | "bic" | "paypalEmail";

export type PayoutDetailsResult =
  | { ok: true; details: PayoutDetails }
  | { ok: false; errors: Partial<Record<PayoutDetailsField, string>> };

// Deliberately plain: a PayPal login is an address with one @ and a dot in the domain.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const clean = (value: string | null | undefined) => (value ?? "").trim();

/** Checks and normalizes (IBAN and BIC in electronic form: upper-case, no spaces). */
export function parsePayoutDetails(input: PayoutDetailsInput): PayoutDetailsResult {
  const errors: Partial<Record<PayoutDetailsField, string>> = {};
  if (input.method === "BANK_TRANSFER") {
    const accountHolder = clean(input.accountHolder);
    const iban = electronicFormatIBAN(clean(input.iban)) ?? "";
    const bic = clean(input.bic).replace(/\s+/g, "").toUpperCase();
    if (!accountHolder) errors.accountHolder = "enter the name the bank account is held in";
    else if (accountHolder.length > 140) errors.accountHolder = "must be at most 140 characters";
    if (!iban) errors.iban = "enter the IBAN";
    else if (!isValidIBAN(iban))
      errors.iban = "this is not a valid IBAN: check the country code, length and digits";
    if (bic && !isValidBIC(bic))
      errors.bic = "this is not a valid BIC/SWIFT code (8 or 11 letters and digits)";
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    return {
      ok: true,
      details: { method: "BANK_TRANSFER", accountHolder, iban, bic: bic || null, paypalEmail: null },
    };
  }
  if (input.method === "PAYPAL") {
    const paypalEmail = clean(input.paypalEmail).toLowerCase();
    if (!paypalEmail) errors.paypalEmail = "enter the e-mail address of the PayPal account";
    else if (paypalEmail.length > 320 || !EMAIL.test(paypalEmail))
      errors.paypalEmail = "must be an e-mail address";
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    return {
      ok: true,
      details: { method: "PAYPAL", accountHolder: null, iban: null, bic: null, paypalEmail },
    };
  }
  return { ok: false, errors: { method: "choose bank transfer or PayPal" } };
}

/**
 * The same rule as a zod model, for a form driven by it (the dashboard's payment details): each error
 * at its field, and the output (normalized, only the chosen method's fields) is what the API is sent.
 */
export const payoutDetailsForm = z
  .object({
    method: z.string(),
    accountHolder: z.string().nullish(),
    iban: z.string().nullish(),
    bic: z.string().nullish(),
    paypalEmail: z.string().nullish(),
  })
  .transform((input, ctx): PayoutDetailsInput & { method: PayoutMethodName } => {
    const checked = parsePayoutDetails(input);
    if (!checked.ok) {
      for (const [field, message] of Object.entries(checked.errors)) {
        ctx.addIssue({ code: "custom", path: [field], message });
      }
      return z.NEVER;
    }
    const { details } = checked;
    return details.method === "BANK_TRANSFER"
      ? { method: details.method, accountHolder: details.accountHolder, iban: details.iban, bic: details.bic }
      : { method: details.method, paypalEmail: details.paypalEmail };
  });

/** An IBAN for people: groups of four ("DE89 3704 0044 0532 0130 00"). */
export function formatIban(iban: string): string {
  return friendlyFormatIBAN(iban) ?? iban;
}
