import { describe, expect, it } from "vitest";
import {
  conversation,
  type FaqEntry,
  FORM_KEY,
  faqList,
  generateFormKey,
  isLeadEmail,
  type LeadFormField,
  leadFormFields,
  MESSAGES,
  matchFaq,
  parseFaq,
  parseLeadFormFields,
  tooLongMessage,
  validateLead,
  valueProblem,
} from "./lead-form.ts";

const fields: LeadFormField[] = [
  { name: "name", label: "Name", type: "text", required: true },
  { name: "email", label: "E-mail", type: "email", required: true },
  { name: "phone", label: "Phone", type: "phone", required: false },
];

describe("parseLeadFormFields", () => {
  it("reads the configured fields, required defaulting to false", () => {
    expect(parseLeadFormFields([{ name: "zip", label: "ZIP", type: "text" }])).toEqual([
      { name: "zip", label: "ZIP", type: "text", required: false },
    ]);
  });

  it.each([
    ["nothing configured", []],
    ["not an array", { name: "x" }],
    ["an unknown type", [{ name: "x", label: "X", type: "date" }]],
    ["a reserved name", [{ name: "consent", label: "X", type: "text" }]],
    ["a name that is not an identifier", [{ name: "Full Name", label: "X", type: "text" }]],
    [
      "duplicate names",
      [
        { name: "a", label: "A", type: "text" },
        { name: "a", label: "B", type: "text" },
      ],
    ],
    ["an empty label", [{ name: "a", label: " ", type: "text" }]],
  ])("refuses %s", (_label, json) => {
    expect(parseLeadFormFields(json)).toBeNull();
  });
});

describe("valueProblem", () => {
  it.each([
    ["Ada Lovelace", null],
    ["Zoë O'Brien-Ünal", null],
    ["Smith & Sons Ltd.", null],
    ["李小龙", null],
    ["<script>alert(1)</script>", "markup"],
    ["Ada <b>", "markup"],
    ["a > b", "markup"],
    ["Ada\nLovelace", "control"],
    ["Ada\r\nX-Injected: 1", "control"],
    ["Ada\tLovelace", "control"],
    ["Ada\u0000", "control"],
    ["Ada\u007f", "control"],
    ["Ada\u0085", "control"],
    ["<b>\n", "control"],
  ] as const)("%j → %s", (value, problem) => {
    expect(valueProblem(value)).toBe(problem);
  });
});

describe("isLeadEmail", () => {
  it.each([
    ["ada@example.com", true],
    ["ada.lovelace+promo@googlemail.com", true],
    ["o'brien@example.ie", true],
    ["jöhn@exämple.de", true],
    ["<script>alert(1)</script>@x.com", false],
    ['"<script>"@x.com', false],
    ["Ada <ada@example.com>", false],
    ["ada@example.com>", false],
    ["ada@localhost", false],
    ["ada@1.2.3.4", false],
    ["ada@example..com", false],
    ["ada@example", false],
    ["ada example@x.com", false],
    ["not-an-email", false],
    [`${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.com`, false],
  ])("%j → %s", (value, ok) => {
    expect(isLeadEmail(value)).toBe(ok);
  });
});

describe("validateLead", () => {
  const options = { defaultCountry: "DE", consentRequired: true };

  it.each([
    [
      "a German local number becomes E.164",
      { name: " Ada  Lovelace ", email: "Ada@Example.COM", phone: "030 123456789", consent: "yes" },
      {
        values: { name: "Ada Lovelace", email: "ada@example.com", phone: "+4930123456789" },
        email: "ada@example.com",
        phone: "+4930123456789",
        name: "Ada Lovelace",
      },
    ],
    [
      "an international number works from any country",
      { name: "Bo", email: "bo@example.org", phone: "+1 212-555-0100", consent: "yes" },
      {
        values: { name: "Bo", email: "bo@example.org", phone: "+12125550100" },
        email: "bo@example.org",
        phone: "+12125550100",
        name: "Bo",
      },
    ],
    [
      "an optional phone may be left empty",
      { name: "Cy", email: "cy@example.net", consent: "yes" },
      { values: { name: "Cy", email: "cy@example.net" }, email: "cy@example.net", phone: null, name: "Cy" },
    ],
  ])("%s", (_label, input, lead) => {
    expect(validateLead(fields, input, options)).toEqual({ ok: true, lead });
  });

  it.each([
    ["a bad e-mail", { name: "A", email: "not-an-email", consent: "yes" }, { email: MESSAGES.email }],
    [
      "an e-mail without a domain dot",
      { name: "A", email: "a@localhost", consent: "yes" },
      { email: MESSAGES.email },
    ],
    ["a bad phone", { name: "A", email: "a@b.io", phone: "12", consent: "yes" }, { phone: MESSAGES.phone }],
    [
      "letters for a phone",
      { name: "A", email: "a@b.io", phone: "call me", consent: "yes" },
      { phone: MESSAGES.phone },
    ],
    ["missing consent", { name: "A", email: "a@b.io" }, { consent: MESSAGES.consent }],
    [
      "consent with another value",
      { name: "A", email: "a@b.io", consent: "no" },
      { consent: MESSAGES.consent },
    ],
    ["missing required fields", { consent: "yes" }, { name: MESSAGES.required, email: MESSAGES.required }],
    ["blank required field", { name: "   ", email: "a@b.io", consent: "yes" }, { name: MESSAGES.required }],
    [
      "markup in the name and the e-mail",
      { name: "<script>alert(1)</script>", email: "<script>alert(1)</script>@x.com", consent: "yes" },
      { name: MESSAGES.markup, email: MESSAGES.markup },
    ],
    [
      "a line break in the name, a NUL in the phone",
      { name: "Ada\r\nX-Injected: 1", email: "a@b.io", phone: "+4930123456789\u0000", consent: "yes" },
      { name: MESSAGES.control, phone: MESSAGES.control },
    ],
    [
      "a trailing line break (not trimmed away)",
      { name: "Ada\n", email: "a@b.io", consent: "yes" },
      { name: MESSAGES.control },
    ],
    [
      "markup in a phone",
      { name: "A", email: "a@b.io", phone: "<+4930123456789>", consent: "yes" },
      { phone: MESSAGES.markup },
    ],
    [
      "an over-long value",
      { name: "x".repeat(501), email: "a@b.io", consent: "yes" },
      { name: MESSAGES.tooLong },
    ],
  ])("refuses %s", (_label, input, errors) => {
    expect(validateLead(fields, input, options)).toEqual({ ok: false, errors });
  });

  it("needs no consent when the offer has no consent text", () => {
    expect(
      validateLead(fields, { name: "A", email: "a@b.io" }, { defaultCountry: null, consentRequired: false })
        .ok,
    ).toBe(true);
  });

  it("without a country, a local number is refused", () => {
    const result = validateLead(
      fields,
      { name: "A", email: "a@b.io", phone: "030 123456789" },
      {
        defaultCountry: null,
        consentRequired: false,
      },
    );
    expect(result).toEqual({ ok: false, errors: { phone: MESSAGES.phone } });
  });

  it("joins first and last names", () => {
    const named: LeadFormField[] = [
      { name: "first_name", label: "First", type: "text", required: true },
      { name: "last_name", label: "Last", type: "text", required: true },
    ];
    const result = validateLead(
      named,
      { first_name: "Grace", last_name: "Hopper" },
      { defaultCountry: null, consentRequired: false },
    );
    expect(result).toMatchObject({ ok: true, lead: { name: "Grace Hopper", email: null } });
  });
});

describe("the field model", () => {
  it.each([
    [
      "a select with options",
      [{ name: "plan", label: "Plan", type: "select", required: true, options: ["A", "B"] }],
      true,
    ],
    ["a select without options", [{ name: "plan", label: "Plan", type: "select", required: true }], false],
    [
      "a select with no option",
      [{ name: "plan", label: "Plan", type: "select", required: true, options: [] }],
      false,
    ],
    [
      "a select with 51 options",
      [
        {
          name: "p",
          label: "P",
          type: "select",
          required: false,
          options: Array.from({ length: 51 }, (_, i) => `o${i}`),
        },
      ],
      false,
    ],
    [
      "a select repeating an option",
      [{ name: "p", label: "P", type: "select", required: false, options: ["a", "a"] }],
      false,
    ],
    [
      "an option of 101 characters",
      [{ name: "p", label: "P", type: "select", required: false, options: ["x".repeat(101)] }],
      false,
    ],
    [
      "options on a text field",
      [{ name: "t", label: "T", type: "text", required: false, options: ["a"] }],
      false,
    ],
    ["a checkbox", [{ name: "news", label: "Send me news", type: "checkbox", required: false }], true],
    [
      "a text with maxLength 500",
      [{ name: "t", label: "T", type: "text", required: false, maxLength: 500 }],
      true,
    ],
    [
      "a text with maxLength 501",
      [{ name: "t", label: "T", type: "text", required: false, maxLength: 501 }],
      false,
    ],
    [
      "maxLength on an e-mail",
      [{ name: "e", label: "E", type: "email", required: false, maxLength: 50 }],
      false,
    ],
    [
      "a placeholder",
      [{ name: "e", label: "E", type: "email", required: false, placeholder: "you@example.com" }],
      true,
    ],
    ["a label with a line break", [{ name: "e", label: "E\nX", type: "email", required: false }], false],
    ["the honeypot's name", [{ name: "website", label: "Web", type: "text", required: false }], false],
    ["no field", [], false],
    [
      "21 fields",
      Array.from({ length: 21 }, (_, i) => ({ name: `f${i}`, label: "F", type: "text", required: false })),
      false,
    ],
    [
      "20 fields",
      Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, label: "F", type: "text", required: false })),
      true,
    ],
  ])("%s → %s", (_label, json, ok) => {
    expect(leadFormFields.safeParse(json).success).toBe(ok);
    expect(parseLeadFormFields(json) !== null).toBe(ok);
  });
});

describe("validateLead with select, checkbox and maxLength", () => {
  const form: LeadFormField[] = [
    { name: "plan", label: "Plan", type: "select", required: true, options: ["Basic", "Premium"] },
    { name: "terms", label: "I accept the terms", type: "checkbox", required: true },
    { name: "news", label: "Send me news", type: "checkbox", required: false },
    { name: "note", label: "Note", type: "text", required: false, maxLength: 10 },
  ];
  const options = { defaultCountry: null, consentRequired: false };

  it("keeps the chosen option and the boxes as yes/no", () => {
    expect(validateLead(form, { plan: "Premium", terms: "yes" }, options)).toEqual({
      ok: true,
      lead: { values: { plan: "Premium", terms: "yes", news: "no" }, email: null, phone: null, name: null },
    });
    expect(
      validateLead(form, { plan: " Basic ", terms: true, news: "on", note: "hi" }, options),
    ).toMatchObject({
      ok: true,
      lead: { values: { plan: "Basic", terms: "yes", news: "yes", note: "hi" } },
    });
  });

  it.each([
    ["an option that is not offered", { plan: "Gold", terms: "yes" }, { plan: MESSAGES.option }],
    ["an option in other case", { plan: "premium", terms: "yes" }, { plan: MESSAGES.option }],
    ["a required box not ticked", { plan: "Basic" }, { terms: MESSAGES.checkbox }],
    ["a required box sent as false", { plan: "Basic", terms: false }, { terms: MESSAGES.checkbox }],
    ["a box sent as a number", { plan: "Basic", terms: 1 }, { terms: MESSAGES.type }],
    ["a select sent as an array", { plan: ["Basic"], terms: "yes" }, { plan: MESSAGES.type }],
    ["a text sent as a number", { plan: "Basic", terms: "yes", note: 5 }, { note: MESSAGES.type }],
    [
      "a text over its own maximum",
      { plan: "Basic", terms: "yes", note: "x".repeat(11) },
      { note: tooLongMessage(10) },
    ],
  ])("refuses %s", (_label, input, errors) => {
    expect(validateLead(form, input, options)).toEqual({ ok: false, errors });
  });

  it("accepts consent sent as JSON true and refuses the string 'false'", () => {
    const one: LeadFormField[] = [{ name: "email", label: "E-mail", type: "email", required: true }];
    const consent = { defaultCountry: null, consentRequired: true };
    expect(validateLead(one, { email: "a@b.io", consent: true }, consent).ok).toBe(true);
    expect(validateLead(one, { email: "a@b.io", consent: "false" }, consent)).toEqual({
      ok: false,
      errors: { consent: MESSAGES.consent },
    });
  });

  it("ignores names that are not fields, including a prototype key", () => {
    const one: LeadFormField[] = [{ name: "email", label: "E-mail", type: "email", required: true }];
    const input = JSON.parse('{"email":"a@b.io","__proto__":{"x":1},"admin":"yes"}');
    expect(validateLead(one, input, options)).toEqual({
      ok: true,
      lead: { values: { email: "a@b.io" }, email: "a@b.io", phone: null, name: null },
    });
  });
});

describe("matchFaq", () => {
  const faq: FaqEntry[] = [
    { question: "How much is it?", keywords: ["price", "cost", "how much"], answer: "From 9 EUR a month." },
    { question: "Can I cancel?", keywords: ["cancel", "contract"], answer: "Any month." },
    { question: "Where?", keywords: ["where", "address"], answer: "Berlin." },
  ];

  it.each([
    ["What's the PRICE?", "How much is it?"],
    ["how much does it cost", "How much is it?"],
    ["Can I cancel the contract any time?", "Can I cancel?"],
    ["cancel - and what is the price of the contract?", "Can I cancel?"],
    ["hello", null],
    ["pricey?", null],
    ["", null],
  ])("%j → %s", (question, expected) => {
    expect(matchFaq(faq, question)?.question ?? null).toBe(expected);
  });

  it("the first entry wins a tie", () => {
    expect(matchFaq(faq, "price or address?")?.question).toBe("How much is it?");
  });

  it("parses the stored FAQ, dropping entries that do not parse", () => {
    expect(parseFaq([...faq, { question: "x" }])).toHaveLength(3);
    expect(parseFaq("nope")).toEqual([]);
    expect(faqList.safeParse(Array.from({ length: 11 }, () => faq[0])).success).toBe(false);
  });
});

describe("conversation", () => {
  const at = "2026-12-06T10:00:00.000Z";
  it.each([
    [
      "a short chat",
      [
        { from: "bot", text: "Your e-mail?", at },
        { from: "visitor", text: "a@b.io", at },
      ],
      true,
    ],
    ["no message", [], false],
    ["markup", [{ from: "visitor", text: "<img src=x>", at }], false],
    ["a control character", [{ from: "visitor", text: "a\u0000", at }], false],
    ["an unknown speaker", [{ from: "admin", text: "hi", at }], false],
    ["a message of 1001 characters", [{ from: "visitor", text: "x".repeat(1001), at }], false],
    ["61 messages", Array.from({ length: 61 }, () => ({ from: "bot", text: "x", at })), false],
    ["no time", [{ from: "bot", text: "x" }], false],
  ])("%s → %s", (_label, json, ok) => {
    expect(conversation.safeParse(JSON.parse(JSON.stringify(json))).success).toBe(ok);
  });
});

describe("generateFormKey", () => {
  it("makes distinct URL-safe keys of 12 characters", () => {
    const keys = new Set(Array.from({ length: 200 }, generateFormKey));
    expect(keys.size).toBe(200);
    for (const key of keys) expect(key).toMatch(FORM_KEY);
    for (const key of keys) expect(key).toHaveLength(12);
  });
});
