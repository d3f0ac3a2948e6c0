import { describe, expect, it } from "vitest";
import {
  postbackSecret,
  postbackStatuses,
  postbackTemplateForm,
  postbackUrlTemplate,
} from "./publisher-postback-input.ts";

const form = (patch: Record<string, unknown>) => ({
  urlTemplate: "https://tracker.example/pb?cid={click_id}&payout={payout}",
  offerId: "",
  method: "GET",
  statuses: [],
  secret: "",
  ...patch,
});
const messages = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));

describe("publisher postback input", () => {
  it("a template: known macros in the path and query only", () => {
    expect(postbackUrlTemplate.safeParse("https://t.example/pb?cid={click_id}").success).toBe(true);
    expect(
      postbackUrlTemplate.safeParse("https://t.example/pb?cid={clickid}").error?.issues[0]?.message,
    ).toBe("unknown macro {clickid}");
    expect(postbackUrlTemplate.safeParse("https://{sub1}.example/pb").error?.issues[0]?.message).toBe(
      "macros are not allowed in the host",
    );
  });

  it("statuses: known ones, each once", () => {
    expect(postbackStatuses.safeParse(["APPROVED", "REJECTED"]).success).toBe(true);
    expect(postbackStatuses.safeParse(["APPROVED", "APPROVED"]).error?.issues[0]?.message).toBe(
      "must not repeat a status",
    );
    expect(postbackStatuses.safeParse(["PAID"]).success).toBe(false);
  });

  it("a secret: 16 to 200 characters", () => {
    expect(postbackSecret.safeParse("x".repeat(15)).error?.issues[0]?.message).toBe(
      "must be at least 16 characters",
    );
    expect(postbackSecret.safeParse("x".repeat(201)).error?.issues[0]?.message).toBe(
      "must be at most 200 characters",
    );
  });
});

describe("postback template form", () => {
  it("gives the API's input: all offers as null, no secret for GET", () => {
    expect(postbackTemplateForm.parse(form({ statuses: ["APPROVED"], secret: "typed but unused" }))).toEqual({
      offerId: null,
      method: "GET",
      urlTemplate: "https://tracker.example/pb?cid={click_id}&payout={payout}",
      statuses: ["APPROVED"],
      secret: null,
    });
  });

  it("POST_JSON: an empty secret is made by the API, a typed one must be long enough", () => {
    expect(postbackTemplateForm.parse(form({ method: "POST_JSON", offerId: "12" }))).toMatchObject({
      offerId: "12",
      secret: null,
    });
    expect(messages(postbackTemplateForm.safeParse(form({ method: "POST_JSON", secret: "short" })))).toEqual({
      secret: "must be at least 16 characters",
    });
    expect(
      postbackTemplateForm.parse(form({ method: "POST_JSON", secret: " 0123456789abcdef " })).secret,
    ).toBe("0123456789abcdef");
  });

  it("each mistake at its field", () => {
    expect(messages(postbackTemplateForm.safeParse(form({ urlTemplate: "  " })))).toEqual({
      urlTemplate: "enter your tracker's postback URL",
    });
    expect(
      messages(postbackTemplateForm.safeParse(form({ urlTemplate: "ftp://t.example/{click_id}" }))),
    ).toEqual({ urlTemplate: "must use http or https" });
  });
});
