import { describe, expect, it } from "vitest";
import { isUnfilledMacro, PARAM_ALIASES, readPostbackParams } from "./postback-params.ts";

function read(raw: Record<string, string>) {
  const result = readPostbackParams(raw);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.params;
}

describe("readPostbackParams aliases", () => {
  const cases = Object.entries(PARAM_ALIASES).flatMap(([field, names]) =>
    names.map((name) => ({ field, name })),
  );
  const sample: Record<string, string> = {
    offerId: "42",
    clickId: "0190f5a2-1c2d-7e3f-8a4b-5c6d7e8f9a0b",
    amount: "12.50",
    transactionId: "ORDER-77",
    goal: "deposit",
    status: "approved",
    currency: "EUR",
    token: "s3cret",
  };
  const expected: Record<string, unknown> = { ...sample, offerId: 42 };

  it.each(cases)("$name fills $field", ({ field, name }) => {
    expect(read({ [name]: sample[field] ?? "" })).toMatchObject({ [field]: expected[field] });
  });

  it("prefers the first alias listed when several carry a value", () => {
    expect(read({ transaction_id: "everflow", click_id: "explicit" }).clickId).toBe("explicit");
    expect(read({ revenue: "9", payout: "1" }).amount).toBe("1");
    expect(read({ adv_sub: "b", txid: "a" }).transactionId).toBe("a");
  });

  it("skips empty values and unfilled macros in favour of the next alias", () => {
    expect(read({ click_id: "", cid: "from-cid" }).clickId).toBe("from-cid");
    expect(read({ click_id: "{clickid}", subid: "real" }).clickId).toBe("real");
    expect(read({ txid: "[txid]" }).transactionId).toBeNull();
  });

  it("fills defaults when optional values are absent", () => {
    expect(read({})).toEqual({
      offerId: null,
      clickId: null,
      transactionId: null,
      goal: "default",
      amount: null,
      currency: null,
      status: null,
      token: null,
    });
  });

  it("upper-cases the currency and maps the status", () => {
    expect(read({ currency: "usd", status: "Sale" })).toMatchObject({ currency: "USD", status: "approved" });
  });
});

describe("readPostbackParams refusals", () => {
  it.each([
    [{ offer_id: "abc" }, "invalid_offer_id", "offer_id"],
    [{ offer_id: "0" }, "invalid_offer_id", "offer_id"],
    [{ offer_id: "-3" }, "invalid_offer_id", "offer_id"],
    [{ offer_id: "99999999999" }, "invalid_offer_id", "offer_id"],
    [{ clickid: "x".repeat(65) }, "param_too_long", "clickid"],
    [{ order_id: "x".repeat(256) }, "param_too_long", "order_id"],
    [{ goal: "a b" }, "invalid_goal", "goal"],
    [{ event: "x".repeat(65) }, "invalid_goal", "event"],
    [{ currency: "XYZ" }, "unknown_currency", "currency"],
    [{ currency: "dollars" }, "unknown_currency", "currency"],
    [{ status: "maybe" }, "unknown_status", "status"],
    [{ cnv_status: "42" }, "unknown_status", "cnv_status"],
  ])("%j → %s", (raw, reason, param) => {
    expect(readPostbackParams(raw)).toMatchObject({ ok: false, reason, param });
  });
});

describe("isUnfilledMacro", () => {
  it.each([
    ["{clickid}", true],
    ["{}", true],
    ["[txid]", true],
    ["%order_id%", true],
    ["##SUM##", true],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal unfilled ${...} macro
    ["${payout}", true],
    ["ORDER-{1}", false],
    ["abc", false],
    ["12.5", false],
  ])("%j → %s", (value, expected) => {
    expect(isUnfilledMacro(value)).toBe(expected);
  });
});
