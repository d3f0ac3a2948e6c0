// The lead-delivery rules, table-driven: configuration, mapping, refusal, triggers, signature.
import { describe, expect, it } from "vitest";
import { leadDestinationConfigSchema, refusalRuleSchema } from "./config.ts";
import { encodePayload, type LeadFacts, leadEmail, mapLead, mappedValue } from "./mapping.ts";
import { refusalOf, valueAtPath } from "./refusal.ts";
import { signLeadDelivery, verifyLeadSignature } from "./signature.ts";
import { deliveryTriggers } from "./triggers.ts";

const lead: LeadFacts = {
  conversionId: "0b5b0f5e-8f3e-4d1a-9c55-000000000001",
  offerId: 7,
  offerName: "Car insurance",
  publisherId: 3,
  clickId: "c1",
  status: "PENDING",
  name: "Ada Lovelace",
  email: "ada@example.com",
  phone: "+4930123456789",
  country: "DE",
  deviceType: "MOBILE",
  convertedAt: "2026-12-06T10:00:00.000Z",
  consentText: null,
  consentAt: null,
  subs: { source: "fb", sub1: "ad-9" },
  fields: { zip: "10115", status: "forged" },
};

describe("mapLead", () => {
  it("without a mapping sends every lead field under its own name; a form field never shadows a standard one", () => {
    const payload = mapLead(lead, [], {});
    expect(payload).toMatchObject({
      conversion_id: lead.conversionId,
      offer_id: "7",
      email: "ada@example.com",
      status: "pending",
      device_type: "mobile",
      source: "fb",
      sub1: "ad-9",
      zip: "10115",
    });
    expect(payload).not.toHaveProperty("consent_text");
    expect(payload).not.toHaveProperty("sub2");
  });

  it.each([
    ["email", "ada@example.com"],
    ["zip", "10115"],
    ["{name} <{email}>", "Ada Lovelace <ada@example.com>"],
    ["{sub2}-{sub1}", "-ad-9"],
    ["sub2", null],
    ["unknown", null],
  ])("maps %s to %s", (from, expected) => {
    expect(mappedValue(from, new Map(Object.entries(mapLead(lead, [], {}))))).toBe(expected);
  });

  it("sends only the mapped fields that have a value, then the static fields, which win", () => {
    const payload = mapLead(
      lead,
      [
        { from: "email", to: "Email" },
        { from: "sub5", to: "Sub5" },
        { from: "phone", to: "campaign" },
      ],
      { campaign: "c-42", api_key: "k" },
    );
    expect(payload).toEqual({ Email: "ada@example.com", campaign: "c-42", api_key: "k" });
  });

  it("encodes JSON or form fields, and writes an e-mail line per field", () => {
    const payload = { Email: "a+b@example.com", Name: "Ada & co" };
    expect(encodePayload(payload, "JSON")).toEqual({
      contentType: "application/json",
      body: '{"Email":"a+b@example.com","Name":"Ada & co"}',
    });
    const form = encodePayload(payload, "FORM");
    expect(form.contentType).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(form.body))).toEqual(payload);
    const mail = leadEmail(lead, { Email: "ada@example.com", Note: "two\nlines" }, true);
    expect(mail.subject).toBe(`[TEST] New lead for Car insurance (${lead.conversionId})`);
    expect(mail.text).toContain("Email: ada@example.com\nNote: two lines");
  });
});

describe("refusalOf", () => {
  const jsonRule = refusalRuleSchema.parse({
    jsonPath: "result.status",
    equals: "Rejected",
    reason: "refused by the CRM",
    reasonPath: "result.message",
  });
  it.each([
    [{ httpStatuses: [409], reason: "duplicate" }, 409, "", "duplicate"],
    [{ httpStatuses: [409], reason: "duplicate" }, 200, "", null],
    [{ bodyContains: "DUPLICATE", reason: "dup" }, 200, "lead is a duplicate", "dup"],
    [{ bodyContains: "duplicate", httpStatuses: [400], reason: "dup" }, 200, "duplicate", null],
    [jsonRule, 200, '{"result":{"status":"rejected","message":"Already in CRM"}}', "Already in CRM"],
    [jsonRule, 200, '{"result":{"status":"rejected"}}', "refused by the CRM"],
    [jsonRule, 200, '{"result":{"status":"accepted"}}', null],
    [jsonRule, 200, "not json", null],
  ])("rule %j on %i %s → %s", (rule, status, body, expected) => {
    expect(refusalOf(refusalRuleSchema.parse(rule), { status, body })).toBe(expected);
  });

  it("reads dot paths through arrays", () => {
    expect(valueAtPath({ errors: [{ message: "x" }] }, "errors.0.message")).toBe("x");
    expect(valueAtPath({ a: 1 }, "a.b")).toBeUndefined();
  });

  it("needs a condition, and a JSON path with its value", () => {
    expect(refusalRuleSchema.safeParse({ reason: "x" }).success).toBe(false);
    expect(refusalRuleSchema.safeParse({ jsonPath: "status", reason: "x" }).success).toBe(false);
    expect(refusalOf(null, { status: 400, body: "" })).toBeNull();
  });
});

describe("leadDestinationConfigSchema", () => {
  it("accepts a webhook and an e-mail destination with defaults", () => {
    expect(
      leadDestinationConfigSchema.parse({
        kind: "WEBHOOK",
        name: "CRM",
        url: "https://crm.example.com/leads",
      }),
    ).toEqual({
      kind: "WEBHOOK",
      name: "CRM",
      url: "https://crm.example.com/leads",
      active: true,
      trigger: "REAL_TIME",
      format: "JSON",
      fieldMapping: [],
      staticFields: {},
      secret: null,
      refusalRule: null,
    });
    expect(
      leadDestinationConfigSchema.parse({
        kind: "EMAIL",
        name: "Sales",
        recipients: [" Sales@Example.com "],
      }),
    ).toMatchObject({ recipients: ["sales@example.com"], trigger: "REAL_TIME" });
  });

  it.each([
    [{ kind: "WEBHOOK", name: "x", url: "ftp://crm.example.com" }],
    [{ kind: "WEBHOOK", name: "x", url: "https://crm.example.com", secret: "short" }],
    [
      {
        kind: "WEBHOOK",
        name: "x",
        url: "https://crm.example.com",
        fieldMapping: [
          { from: "email", to: "E" },
          { from: "phone", to: "E" },
        ],
      },
    ],
    [{ kind: "EMAIL", name: "x", recipients: [] }],
    [{ kind: "EMAIL", name: "x", recipients: ["not-an-address"] }],
    [{ kind: "WEBHOOK", name: " ", url: "https://crm.example.com" }],
  ])("refuses %j", (input) => {
    expect(leadDestinationConfigSchema.safeParse(input).success).toBe(false);
  });
});

describe("deliveryTriggers", () => {
  it.each([
    ["recorded", "PENDING", ["REAL_TIME"]],
    ["recorded", "APPROVED", ["REAL_TIME", "ON_CONFIRMATION"]],
    ["recorded", "REJECTED", []],
    ["changed", "APPROVED", ["ON_CONFIRMATION"]],
    ["changed", "REJECTED", []],
    ["changed", "REVERSED", []],
  ] as const)("%s as %s → %j", (event, to, expected) => {
    expect(deliveryTriggers(event, to)).toEqual(expected);
  });
});

describe("signature", () => {
  const body = '{"Email":"ada@example.com"}';
  it("is t=<unix>,v1=<hmac of t.body> and verifies with the right key, body and time only", () => {
    const header = signLeadDelivery(body, "s3cret-s3cret-s3cret", 1_765_000_000);
    expect(header).toMatch(/^t=1765000000,v1=[0-9a-f]{64}$/);
    expect(verifyLeadSignature(header, body, "s3cret-s3cret-s3cret", 1_765_000_100)).toBe(true);
    expect(verifyLeadSignature(header, `${body} `, "s3cret-s3cret-s3cret", 1_765_000_100)).toBe(false);
    expect(verifyLeadSignature(header, body, "another-secret-here", 1_765_000_100)).toBe(false);
    expect(verifyLeadSignature(header, body, "s3cret-s3cret-s3cret", 1_765_001_000)).toBe(false);
    expect(verifyLeadSignature("sha256=abc", body, "s3cret-s3cret-s3cret", 1_765_000_000)).toBe(false);
  });
});
