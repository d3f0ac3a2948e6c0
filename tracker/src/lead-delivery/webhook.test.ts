import { verifyLeadSignature } from "@leadrail/db/lead-delivery-signature";
import { describe, expect, it } from "vitest";
import { buildWebhook } from "./webhook.ts";

const context = { deliveryId: 42n, attempt: 2, test: false, now: 1_765_000_000 };

describe("buildWebhook", () => {
  it("signs the JSON body over the timestamp when there is a secret", () => {
    const built = buildWebhook(
      { url: "https://crm.example.com/in?k=1", format: "JSON", secret: "crm-secret-0123456789" },
      { Email: "ada@example.com" },
      context,
    );
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const { request } = built;
    expect(request).toMatchObject({
      url: "https://crm.example.com/in?k=1",
      method: "POST",
      body: '{"Email":"ada@example.com"}',
    });
    expect(request.headers).toMatchObject({
      "content-type": "application/json",
      "x-leadrail-delivery": "42",
      "x-leadrail-attempt": "2",
    });
    expect(request.headers["x-leadrail-test"]).toBeUndefined();
    const signature = request.headers["x-leadrail-signature"] ?? "";
    expect(signature.startsWith("t=1765000000,v1=")).toBe(true);
    expect(verifyLeadSignature(signature, request.body ?? "", "crm-secret-0123456789", context.now)).toBe(
      true,
    );
  });

  it("form-encodes, marks tests, and sends no signature without a secret", () => {
    const built = buildWebhook(
      { url: "http://crm.example.com/in", format: "FORM", secret: null },
      { a: "1 2", b: "x&y" },
      { ...context, test: true },
    );
    if (!built.ok) throw new Error(built.error);
    expect(built.request.body).toBe("a=1+2&b=x%26y");
    expect(built.request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(built.request.headers["x-leadrail-test"]).toBe("1");
    expect(built.request.headers["x-leadrail-signature"]).toBeUndefined();
  });

  it.each(["not a url", "ftp://crm.example.com/in", "file:///etc/passwd"])("refuses %s", (url) => {
    expect(buildWebhook({ url, format: "JSON", secret: null }, {}, context).ok).toBe(false);
  });
});
