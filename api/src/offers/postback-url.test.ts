import { expect, test } from "vitest";
import { postbackUrl } from "./postback-url.ts";

test("names the offer and leaves the advertiser's macros and the secret as placeholders", () => {
  expect(postbackUrl("https://t.example.com/", 42)).toBe(
    "https://t.example.com/postback?offer_id=42&click_id={click_id}&txid={your_order_id}" +
      "&amount={sale_amount}&status={status}&token={postback_secret}",
  );
});
