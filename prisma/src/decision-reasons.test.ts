import { describe, expect, it } from "vitest";
import {
  applicationReason,
  blockReason,
  leadReason,
  leadReasonText,
  leadRejectForm,
  reasonForm,
} from "./decision-reasons.ts";

const messages = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));

describe("decision reasons", () => {
  it("an application's reason may be empty, at most 1000 characters, trimmed", () => {
    expect(applicationReason.parse("  fine  ")).toBe("fine");
    expect(applicationReason.parse("")).toBe("");
    expect(applicationReason.safeParse("x".repeat(1001)).success).toBe(false);
    expect(applicationReason.safeParse(`${"x".repeat(1000)}   `).success).toBe(true);
  });

  it("a block needs a reason; blanks are not one", () => {
    expect(blockReason.safeParse("   ").error?.issues[0]?.message).toBe("must not be empty");
    expect(blockReason.parse(" bots ")).toBe("bots");
  });

  it("a lead's reason: 1 to 500 characters", () => {
    expect(leadReason.safeParse("").success).toBe(false);
    expect(leadReason.safeParse("x".repeat(501)).error?.issues[0]?.message).toBe(
      "must be at most 500 characters",
    );
  });

  it("a code and a note read as one text", () => {
    expect(leadReasonText("invalid_contact", " phone off ")).toBe("invalid_contact: phone off");
    expect(leadReasonText("duplicate", "  ")).toBe("duplicate");
    expect(leadReasonText("", "just a note")).toBe("just a note");
  });
});

describe("reason forms", () => {
  it("a required reason says why it is needed; the shared limit still applies", () => {
    const form = reasonForm("block", "say why you block this publisher");
    expect(messages(form.safeParse({ reason: " " }))).toEqual({ reason: "say why you block this publisher" });
    expect(messages(form.safeParse({ reason: "x".repeat(1001) }))).toEqual({
      reason: "must be at most 1000 characters",
    });
    expect(form.parse({ reason: " rewards wall " })).toEqual({ reason: "rewards wall" });
  });

  it("an optional reason may stay empty", () => {
    expect(reasonForm("application").parse({ reason: "" })).toEqual({ reason: "" });
  });

  it("a lead's rejection: a code is required on the lead's page, a note alone does in bulk", () => {
    expect(messages(leadRejectForm(true).safeParse({ code: "", note: "spam" }))).toEqual({
      code: "choose a reason code; the publisher sees it",
    });
    expect(leadRejectForm(false).parse({ code: "", note: " spam " })).toEqual({ reason: "spam" });
    expect(messages(leadRejectForm(false).safeParse({ code: "", note: "" }))).toEqual({
      code: "choose a reason code or write a reason; the publisher sees it",
    });
    expect(leadRejectForm(true).parse({ code: "fake_data", note: "test" })).toEqual({
      reason: "fake_data: test",
    });
  });

  it("a note too long for the code beside it is refused at the note, with the room it has", () => {
    const note = "x".repeat(490);
    expect(messages(leadRejectForm(true).safeParse({ code: "invalid_contact", note }))).toEqual({
      note: "must be at most 483 characters",
    });
    expect(leadRejectForm(true).safeParse({ code: "invalid_contact", note: "x".repeat(483) }).success).toBe(
      true,
    );
  });
});
