import { createHmac } from "node:crypto";
import { describe, expect, test } from "vitest";
import { postbackInstructions } from "./postback-instructions.ts";

describe("postbackInstructions", () => {
  const made = postbackInstructions("https://t.example/", 42, "S3CRET");

  test("the postback URL never carries the secret itself", () => {
    expect(made.postbackUrl).toBe(
      "https://t.example/postback?offer_id=42&click_id={click_id}&txid={order_id}&amount={amount}&status={status}&token={postback_secret}",
    );
    expect(made.postbackUrl).not.toContain("S3CRET");
    expect(made.signedPostbackUrl).toBe("https://t.example/postback");
  });

  test("the pixel carries the per-offer HMAC token the tracker checks", () => {
    const token = createHmac("sha256", "S3CRET").update("pixel:42").digest("hex");
    expect(made.pixelUrl).toBe(
      `https://t.example/pixel?offer_id=42&click_id={click_id}&txid={order_id}&token=${token}`,
    );
    expect(made.pixelHtml).toContain(`&amp;token=${token}"`);
    expect(postbackInstructions("https://t.example", 43, "S3CRET").pixelUrl).not.toContain(token);
  });
});
