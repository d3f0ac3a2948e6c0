import { describe, expect, it } from "vitest";
import {
  isLeadEmail,
  type LeadFormField,
  MESSAGES,
  parseLeadFormFields,
  validateLead,
  valueProblem,
} from "./lead-form-fields.ts";

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
