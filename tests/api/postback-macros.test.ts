// The API validates publishers' postback templates against the macros the tracker fills: the two
// lists live in two packages, so this keeps them the same.
import { describe, expect, test } from "vitest";
import { POSTBACK_MACROS } from "../../api/src/offers/url-template.ts";
import { MACROS } from "../../tracker/src/postbacks/macros.ts";

describe("postback macros", () => {
  test("what the API accepts in a template is exactly what the tracker fills", () => {
    expect([...POSTBACK_MACROS].sort()).toEqual([...MACROS].sort());
  });
});
