import { describe, expect, test } from "vitest";
import {
  type DestinationForm,
  EMPTY_DESTINATION,
  errorsOf,
  inputFromForm,
  preview,
  validate,
} from "./delivery-form.ts";

const form = (patch: Partial<DestinationForm>): DestinationForm => ({
  ...EMPTY_DESTINATION,
  name: "Acme CRM",
  url: "https://crm.example.com/leads",
  ...patch,
});
const offer = { id: "7", name: "Car quotes" };

describe("inputFromForm", () => {
  test("a webhook: spare rows dropped, fixed fields as an object, the refusal rule from its words", () => {
    const input = inputFromForm(
      form({
        mapping: [
          { from: "email", to: "EmailAddress" },
          { from: "", to: "" },
        ],
        statics: [
          { name: "campaign", value: "spring" },
          { name: "", value: "" },
        ],
        refuseStatuses: "409, 422 ",
        refuseContains: " duplicate ",
        refuseReason: "Duplicate in CRM",
      }),
    );
    expect(input).toEqual({
      kind: "WEBHOOK",
      name: "Acme CRM",
      active: true,
      trigger: "REAL_TIME",
      url: "https://crm.example.com/leads",
      format: "JSON",
      fieldMapping: [{ from: "email", to: "EmailAddress" }],
      staticFields: { campaign: "spring" },
      refusalRule: { httpStatuses: [409, 422], bodyContains: "duplicate", reason: "Duplicate in CRM" },
    });
  });

  test("no refusal words: no rule; e-mail: recipients split, no URL", () => {
    expect(inputFromForm(form({}))).toMatchObject({ refusalRule: null });
    expect(
      inputFromForm(form({ kind: "EMAIL", recipients: "a@example.com, b@example.com;c@example.com" })),
    ).toEqual({
      kind: "EMAIL",
      name: "Acme CRM",
      active: true,
      trigger: "REAL_TIME",
      fieldMapping: EMPTY_DESTINATION.mapping,
      staticFields: {},
      recipients: ["a@example.com", "b@example.com", "c@example.com"],
    });
  });
});

describe("validate", () => {
  test.each<[string, Partial<DestinationForm>, Record<string, string>]>([
    ["a complete webhook", {}, {}],
    ["no name", { name: " " }, { name: "Name: give the destination a name" }],
    ["not a web address", { url: "crm.example.com" }, { url: "URL: an http or https URL" }],
    [
      "a CRM name missing",
      { mapping: [{ from: "email", to: "" }] },
      { "fieldMapping.0.to": "Field 1, CRM field name: a field name is required" },
    ],
    [
      "a status that is not a number",
      { refuseStatuses: "409, soon", refuseReason: "dup" },
      { "refusalRule.httpStatuses": "Refusal rule, statuses: whole numbers such as 409, 422" },
    ],
    [
      "a condition without a reason",
      { refuseContains: "duplicate" },
      { "refusalRule.reason": "Refusal rule, reason: say why the lead is refused" },
    ],
    [
      "e-mail without recipients",
      { kind: "EMAIL", recipients: "" },
      { recipients: "Recipients: at least one recipient" },
    ],
  ])("%s", (_name, patch, expected) => {
    expect(validate(form(patch))).toEqual(expected);
  });

  test("the API's field paths land on the same keys", () => {
    expect(
      errorsOf([
        { path: ["input", "url"], message: "must not point at a non-public address" },
        { path: ["input", "fieldMapping", "2", "from"], message: "say which lead field" },
      ]),
    ).toEqual({
      url: "URL: must not point at a non-public address",
      "fieldMapping.2.from": "Field 3, our field: say which lead field",
    });
  });
});

describe("preview", () => {
  test("the worker's mapping of its sample lead, as JSON or form fields", () => {
    const mapping = [
      { from: "name", to: "FullName" },
      { from: "{email} / {phone}", to: "Contact" },
    ];
    const statics = [{ name: "campaign", value: "spring" }];
    const json = preview(form({ mapping, statics }), offer);
    expect(JSON.parse(json?.body ?? "")).toEqual({
      FullName: "Test Lead",
      Contact: "test.lead@example.com / +15555550100",
      campaign: "spring",
    });
    expect(json?.heading).toContain("application/json");
    const encoded = preview(form({ mapping, statics, format: "FORM" }), offer);
    expect(encoded?.body.replace(/\n/g, "")).toBe(
      "FullName=Test+Lead&Contact=test.lead%40example.com+%2F+%2B15555550100&campaign=spring",
    );
  });

  test("e-mail: subject and one line per field; nothing while the form is invalid", () => {
    const email = preview(form({ kind: "EMAIL", recipients: "sales@example.com" }), offer);
    expect(email?.heading).toBe("E-mail to sales@example.com");
    expect(email?.body).toContain("Subject: New lead for Car quotes");
    expect(email?.body).toContain("email: test.lead@example.com");
    expect(preview(form({ url: "" }), offer)).toBeNull();
  });
});
