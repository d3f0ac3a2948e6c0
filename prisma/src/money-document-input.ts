// What finance types to run the money-document life cycle (generate for a period, mark paid with a
// reference, void with a reason), as one set of rules for the API (its arguments and the domain code
// behind them) and the dashboard's forms (mistakes shown at the field before a round trip). Free of
// Prisma: a subpath export (@leadrail/db/money-document-input).
//
// Rules about time take `now`: the domain code passes its own clock (tests pin it), the zod models
// read the clock when they parse.
import { z } from "zod";

export const PAYMENT_REFERENCE_MAX = 200;
export const VOID_REASON_MAX = 500;
/** A date this far ahead of the server clock is taken as clock skew, not a date in the future. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** Earlier than this is a unit or epoch mistake, not a payment or a period. */
export const EARLIEST_DATE = new Date("2000-01-01T00:00:00Z");

const DAY_MS = 86_400_000;
// Control characters would corrupt logs and exports; a bank reference never has them.
const CONTROL = /\p{Cc}/u;

/** The bank's (or the advertiser's) reference of a payment: trimmed, 1–200 characters, printable. */
export const paymentReference = z
  .string()
  .trim()
  .min(1, "enter the payment reference")
  .max(PAYMENT_REFERENCE_MAX, `must be at most ${PAYMENT_REFERENCE_MAX} characters`)
  .refine((value) => !CONTROL.test(value), "must not contain control characters");

/** Why a document is voided: trimmed, 1–500 characters (it is kept in the audit log). */
export const voidReason = z
  .string()
  .trim()
  .min(1, "enter why this document is voided")
  .max(VOID_REASON_MAX, `must be at most ${VOID_REASON_MAX} characters`);

export type DateProblem = "invalid" | "future" | "too_early";

function dateProblem(date: Date, now: Date): DateProblem | null {
  const time = date.getTime();
  if (Number.isNaN(time)) return "invalid";
  if (time > now.getTime() + CLOCK_SKEW_MS) return "future";
  if (time < EARLIEST_DATE.getTime()) return "too_early";
  return null;
}

/**
 * A period must have ended: generating "up to next month" would pay conversions whose hold period has
 * not passed yet in real time. A little clock skew is tolerated.
 */
export const periodEndProblem: (periodEnd: Date, now: Date) => DateProblem | null = dateProblem;
/** A payment is recorded once it is made, never ahead of time. */
export const paidAtProblem: (paidAt: Date, now: Date) => DateProblem | null = dateProblem;

export const PERIOD_END_MESSAGES: Record<DateProblem, string> = {
  invalid: "is not a valid date",
  future: "must not be in the future: a period must have ended",
  too_early: "must not be before 2000-01-01",
};

export const PAID_AT_MESSAGES: Record<DateProblem, string> = {
  invalid: "is not a valid date",
  future: "must not be in the future: record a payment once it is made",
  too_early: "must not be before 2000-01-01",
};

/** The same rules worded for a form's day field ("the last day of the period"). */
const PERIOD_DAY_MESSAGES: Record<DateProblem, string> = {
  invalid: "pick the last day of the period",
  future: "the period must have ended: pick yesterday or an earlier day",
  too_early: "pick a day in 2000 or later",
};

const PAID_DAY_MESSAGES: Record<DateProblem, string> = {
  invalid: "pick the day the payment was made",
  future: "must not be in the future: record a payment once it is made",
  too_early: "pick a day in 2000 or later",
};

function checked<T>(
  schema: z.ZodType<T>,
  toDate: (value: T) => Date | null,
  problem: (date: Date, now: Date) => DateProblem | null,
  messages: Record<DateProblem, string>,
) {
  return schema.superRefine((value, ctx) => {
    const date = toDate(value);
    const found = date ? problem(date, new Date()) : "invalid";
    if (found) ctx.addIssue({ code: "custom", message: messages[found] });
  });
}

/** The end of a period (exclusive): an instant that has passed. */
export const periodEnd = checked(z.date(), (d) => d, periodEndProblem, PERIOD_END_MESSAGES);

/** When a payment was made: not ahead of the clock. */
export const paidAt = checked(z.date(), (d) => d, paidAtProblem, PAID_AT_MESSAGES);

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** "2026-12-05" → the end of that UTC day (the next day's 00:00Z): the period's end. */
export function periodEndOfDay(day: string): Date | null {
  if (!DAY.test(day)) return null;
  const start = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(start) ? null : new Date(start + DAY_MS);
}

/**
 * The day a payment was made → the instant recorded: a payment made today is recorded as of now (noon
 * UTC may still be ahead), an earlier day at noon UTC.
 */
export function paidAtOfDay(day: string, now = new Date()): Date | null {
  if (!DAY.test(day)) return null;
  if (day === now.toISOString().slice(0, 10)) return now;
  const noon = Date.parse(`${day}T12:00:00Z`);
  return Number.isNaN(noon) ? null : new Date(noon);
}

export const DOCUMENT_KINDS = ["statements", "invoices"] as const;

/** The dashboard's generation form: which documents, and the last day of the period (UTC). */
export const generateForm = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  day: checked(z.string(), periodEndOfDay, periodEndProblem, PERIOD_DAY_MESSAGES),
});

/** The dashboard's mark-paid form: the reference and the day the money was sent. */
export const markPaidForm = z.object({
  reference: paymentReference,
  paidOn: checked(z.string(), (day) => paidAtOfDay(day), paidAtProblem, PAID_DAY_MESSAGES),
});

/** The dashboard's void form. */
export const voidForm = z.object({ reason: voidReason });
