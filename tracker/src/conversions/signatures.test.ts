import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { pixelToken, secretsEqual, signatureMatches, signBody } from "./signatures.ts";

describe("secretsEqual", () => {
  it.each([
    ["s3cret", "s3cret", true],
    ["s3cret", "s3creT", false],
    ["s3cre", "s3cret", false],
    ["", "s3cret", false],
    ["s3cret-and-more", "s3cret", false],
  ])("%j vs %j → %s", (given, expected, equal) => {
    expect(secretsEqual(given, expected)).toBe(equal);
  });
});

describe("signatures", () => {
  const body = Buffer.from('{"click_id":"x","payout":"1.50"}');
  const hex = createHmac("sha256", "k").update(body).digest("hex");

  it("signs with sha256=<hex>", () => {
    expect(signBody(body, "k")).toBe(`sha256=${hex}`);
  });

  it.each([
    [`sha256=${hex}`, true],
    [`sha256=${hex.toUpperCase()}`, true],
    [` sha256=${hex} `, true],
    [hex, false],
    [`sha1=${hex}`, false],
    [`sha256=${hex.slice(0, 62)}`, false],
    [`sha256=${"0".repeat(64)}`, false],
    ["sha256=", false],
    ["", false],
  ])("%j → %s", (header, ok) => {
    expect(signatureMatches(header, body, "k")).toBe(ok);
  });

  it("refuses a signature over another body or with another key", () => {
    expect(signatureMatches(`sha256=${hex}`, Buffer.from(`${body} `), "k")).toBe(false);
    expect(signatureMatches(`sha256=${hex}`, body, "other")).toBe(false);
  });
});

describe("pixelToken", () => {
  it("is per offer and is not the secret", () => {
    const token = pixelToken("secret", 1);
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(token).not.toBe(pixelToken("secret", 2));
    expect(token).not.toContain("secret");
    expect(token).toBe(createHmac("sha256", "secret").update("pixel:1").digest("hex"));
  });
});
