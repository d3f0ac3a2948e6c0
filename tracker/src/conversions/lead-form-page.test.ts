import { describe, expect, it } from "vitest";
import { escapeHtml, renderLeadForm } from "./lead-form-page.ts";

describe("escapeHtml", () => {
  it.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    [`"'&`, "&quot;&#39;&amp;"],
    ["plain", "plain"],
    ["nul\u0000esc\u001bnel\u0085", "nul\uFFFDesc\uFFFDnel\uFFFD"],
    ["two\nlines\tand a tab", "two\nlines\tand a tab"],
  ])("%j → %j", (text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });
});

describe("renderLeadForm", () => {
  const html = renderLeadForm({
    title: "Get a <quote>",
    action: "/f/abc",
    fields: [{ name: "email", label: 'E-mail "work"', type: "email", required: true }],
    consentText: "I agree to <b>everything</b>",
    clickId: "click-1",
    formToken: "123.abc",
    values: { email: '"><img src=x onerror=alert(1)>' },
    errors: { email: "Enter a valid e-mail address." },
  });

  it("escapes every dynamic value", () => {
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>");
    expect(html).not.toContain("<quote>");
    expect(html).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  });

  it("carries the click id, the token, the consent box and the error", () => {
    expect(html).toContain('<input type="hidden" name="click_id" value="click-1">');
    expect(html).toContain('<input type="hidden" name="form_token" value="123.abc">');
    expect(html).toContain('name="consent" value="yes" required');
    expect(html).toContain("Enter a valid e-mail address.");
    expect(html).toContain('type="email"');
    expect(html).not.toContain("<script");
  });
});
