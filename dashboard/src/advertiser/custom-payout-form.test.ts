import { describe, expect, test } from "vitest";
import { customPayoutFieldOf, customPayoutForm } from "./custom-payout-form.ts";

const cpl = customPayoutForm({ currency: "USD", payoutModel: "CPL" });
const revshare = customPayoutForm({ currency: "EUR", payoutModel: "REVSHARE" });
const messages = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));

describe("custom payout form", () => {
  test("an amount in major units becomes minor units; a lower-case country is upper-cased", () => {
    expect(cpl.parse({ publisherId: "7", country: " us ", amount: "4.05" })).toEqual({
      publisherId: "7",
      country: "US",
      payout: "405",
      payoutShareBps: null,
    });
  });

  test("an empty country is every country", () => {
    expect(cpl.parse({ publisherId: "7", country: "", amount: "12" }).country).toBeNull();
  });

  test("a share in percent becomes basis points, exactly", () => {
    expect(revshare.parse({ publisherId: "7", country: "", amount: "12.5" })).toMatchObject({
      payout: null,
      payoutShareBps: 1250,
    });
    expect(revshare.parse({ publisherId: "7", country: "", amount: "0.07" }).payoutShareBps).toBe(7);
  });

  test("each mistake at its field, in the shared rules' words where they apply", () => {
    expect(messages(cpl.safeParse({ publisherId: "", country: "XX", amount: "4.055" }))).toEqual({
      publisherId: "choose a publisher",
      country: "must be an ISO 3166-1 alpha-2 code, e.g. US",
      amount: "enter an amount in USD, e.g. 4.20",
    });
    expect(messages(revshare.safeParse({ publisherId: "1", country: "", amount: "100.01" }))).toEqual({
      amount: "must be at most 100 %",
    });
    expect(messages(cpl.safeParse({ publisherId: "1", country: "", amount: "-1" }))).toEqual({
      amount: "must not be negative",
    });
  });

  test("the API's paths land on the form's fields", () => {
    expect(customPayoutFieldOf(["input", "payout"])).toBe("amount");
    expect(customPayoutFieldOf(["input", "payoutShareBps"])).toBe("amount");
    expect(customPayoutFieldOf(["input", "country"])).toBe("country");
    expect(customPayoutFieldOf(["input", "offerId"])).toBeNull();
  });
});
