import { describe, expect, it } from "vitest";
import {
  CLOCK_SKEW_MS,
  generateForm,
  markPaidForm,
  paidAt,
  paidAtOfDay,
  paymentReference,
  periodEnd,
  periodEndOfDay,
  periodEndProblem,
  voidForm,
} from "./money-document-input.ts";

const DAY = 86_400_000;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const messages = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => result.error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) ?? [];

describe("money document input", () => {
  it("trims a payment reference and refuses a blank, a long and a multi-line one", () => {
    expect(paymentReference.parse("  WIRE-1 ")).toBe("WIRE-1");
    expect(messages(paymentReference.safeParse("   "))).toEqual([": enter the payment reference"]);
    expect(messages(paymentReference.safeParse("x".repeat(201)))).toEqual([
      ": must be at most 200 characters",
    ]);
    expect(messages(paymentReference.safeParse("WIRE\n1"))).toEqual([
      ": must not contain control characters",
    ]);
  });

  it("a period end or a payment is not in the future (a little clock skew allowed) nor before 2000", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    expect(periodEndProblem(new Date(now.getTime() + CLOCK_SKEW_MS), now)).toBeNull();
    expect(periodEndProblem(new Date(now.getTime() + CLOCK_SKEW_MS + 1), now)).toBe("future");
    expect(periodEndProblem(new Date(0), now)).toBe("too_early");
    expect(periodEndProblem(new Date("nope"), now)).toBe("invalid");
    expect(periodEnd.safeParse(new Date(Date.now() - DAY)).success).toBe(true);
    expect(messages(periodEnd.safeParse(new Date(Date.now() + DAY)))).toEqual([
      ": must not be in the future: a period must have ended",
    ]);
    expect(messages(paidAt.safeParse(new Date(Date.now() + DAY)))).toEqual([
      ": must not be in the future: record a payment once it is made",
    ]);
  });

  it("the generation form: yesterday is fine, today's period has not ended", () => {
    const today = dayOf(new Date());
    const yesterday = dayOf(new Date(Date.now() - DAY));
    expect(periodEndOfDay("2026-12-05")?.toISOString()).toBe("2026-12-06T00:00:00.000Z");
    expect(periodEndOfDay("05.12.2026")).toBeNull();
    expect(generateForm.safeParse({ kind: "statements", day: yesterday }).success).toBe(true);
    expect(messages(generateForm.safeParse({ kind: "invoices", day: today }))).toEqual([
      "day: the period must have ended: pick yesterday or an earlier day",
    ]);
    expect(messages(generateForm.safeParse({ kind: "statements", day: "" }))).toEqual([
      "day: pick the last day of the period",
    ]);
  });

  it("the mark-paid form: today is recorded as now, an earlier day at noon UTC, a later day refused", () => {
    const now = new Date("2026-12-06T09:30:00Z");
    expect(paidAtOfDay("2026-12-06", now)).toBe(now);
    expect(paidAtOfDay("2026-12-01", now)?.toISOString()).toBe("2026-12-01T12:00:00.000Z");
    const tomorrow = dayOf(new Date(Date.now() + DAY));
    expect(messages(markPaidForm.safeParse({ reference: " ", paidOn: tomorrow }))).toEqual([
      "reference: enter the payment reference",
      "paidOn: must not be in the future: record a payment once it is made",
    ]);
    expect(markPaidForm.parse({ reference: " W-1 ", paidOn: dayOf(new Date()) }).reference).toBe("W-1");
  });

  it("the void form needs a reason of at most 500 characters", () => {
    expect(messages(voidForm.safeParse({ reason: "  " }))).toEqual([
      "reason: enter why this document is voided",
    ]);
    expect(messages(voidForm.safeParse({ reason: "x".repeat(501) }))).toEqual([
      "reason: must be at most 500 characters",
    ]);
  });
});
