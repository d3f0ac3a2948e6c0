import { describe, expect, it } from "vitest";
import { escapeHtml, renderLeadForm } from "./form-page.ts";

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

describe("renderLeadForm with select, checkbox and the honeypot", () => {
  const html = renderLeadForm({
    title: "T",
    intro: "First <p>aragraph\n\nSecond",
    action: "/form/abc",
    fields: [
      { name: "plan", label: "Plan", type: "select", required: true, options: ["Basic", "Pre<mium>"] },
      { name: "news", label: "News", type: "checkbox", required: false },
      { name: "note", label: "Note", type: "text", required: false, maxLength: 40, placeholder: "Say <hi>" },
    ],
    consentText: null,
    submitLabel: "Get my quote",
    clickId: null,
    formToken: "t",
    values: { plan: "Basic", news: "yes" },
    alert: "This form has expired.",
  });

  it("renders the options (the chosen one selected), the box ticked, the limits, all escaped", () => {
    expect(html).toContain("<option selected>Basic</option><option>Pre&lt;mium&gt;</option>");
    expect(html).toContain('name="news" value="yes" checked');
    expect(html).toContain('maxlength="40"');
    expect(html).toContain('placeholder="Say &lt;hi&gt;"');
    expect(html).toContain("<p>First &lt;p&gt;aragraph</p>\n<p>Second</p>");
    expect(html).toContain('role="alert">This form has expired.');
    expect(html).toContain(">Get my quote</button>");
  });

  it("has the hidden honeypot input, out of the tab order", () => {
    expect(html).toContain('name="website" value="" tabindex="-1" autocomplete="off"');
  });
});
