// The rules an offer's terms obey, as zod models for single fields (used by the API's GraphQL input
// types), one cross-field check over the merged terms (used by create and update alike), and the whole
// input as one model (the dashboard's offer editor checks it before the round trip). Prisma-free: the
// dashboard imports this file as @leadrail/db/offer-terms, so the browser and the API apply the same rules.
import { z } from "zod";
import { isCountryCode } from "./countries.ts";
import { fieldList, type LeadFormField } from "./lead-form.ts";
import { urlTemplateProblem } from "./macros.ts";
import { isPayableCurrency } from "./money.ts";

// The Prisma enums as plain unions (the generated client is not Prisma-free); equal by construction.
export type PayoutModel = "CPL" | "CPA" | "REVSHARE";
export type ConfirmationMode = "AUTO" | "MANUAL";
export type CapScope = "OFFER" | "PER_PUBLISHER" | "PUBLISHER";
export const CAP_SCOPES = ["OFFER", "PER_PUBLISHER", "PUBLISHER"] as const satisfies readonly CapScope[];
export const CAP_PERIODS = ["DAILY", "MONTHLY", "TOTAL"] as const;
export const CAP_METRICS = ["CONVERSIONS", "BUDGET"] as const;
export const DEVICE_TYPES = ["DESKTOP", "MOBILE", "TABLET", "OTHER"] as const;
export const QUALITY_POLICIES = ["REJECT", "HOLD", "FLAG"] as const;
/** What each policy does with a lead that has a quality signal, in words (the editor, the admin list). */
export const QUALITY_POLICY_WORDS: Record<(typeof QUALITY_POLICIES)[number], string> = {
  REJECT: "reject the lead (pays nothing)",
  HOLD: "hold it as pending for review",
  FLAG: "accept it and flag the signal",
};

/** Upper bound for any single amount: 10^13 minor units (100 billion in a 2-digit currency). */
export const MAX_AMOUNT = 10_000_000_000_000n;

export const name = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
export const vertical = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(60, "must be at most 60 characters");
export const description = z.string().max(5000, "must be at most 5000 characters");
export const consentText = z.string().max(5000, "must be at most 5000 characters");

export const currency = z
  .string()
  .refine(isPayableCurrency, "must be an ISO 4217 code in capitals, e.g. USD");
export const amount = z
  .bigint()
  .min(0n, "must not be negative")
  .max(MAX_AMOUNT, `must be at most ${MAX_AMOUNT}`);
export const basisPoints = z
  .number()
  .int()
  .min(0, "must not be negative")
  .max(10_000, "must be at most 10000");
export const days = z.number().int().min(0, "must not be negative").max(3650, "must be at most 3650");
export const attributionWindowHours = z
  .number()
  .int()
  .min(1, "must be at least 1 hour")
  .max(24 * 365, "must be at most 8760 hours");

export const landingUrl = z.string().superRefine((value, ctx) => {
  const problem = urlTemplateProblem(value, "landing");
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const countryCode = z.string().refine(isCountryCode, "must be an ISO 3166-1 alpha-2 code, e.g. US");
export const countries = z
  .array(countryCode)
  .max(250)
  .refine((list) => new Set(list).size === list.length, "must not repeat a country");

// The form's field model lives in lead-form.ts (one home for tracker, API and dashboard). Until the
// form builder replaces them, the offer editor still sends the form's fields and consent text with the
// offer's terms: an empty list means "no form".
export const leadFormFields = fieldList;
export type { LeadFormField };

export const capLimit = z.bigint().min(1n, "must be at least 1").max(MAX_AMOUNT);

export interface CapTerms {
  scope: CapScope;
  publisherId: number | null;
}

/** The terms the cross-field rules look at, after an update is merged over the stored offer. */
export interface OfferTerms {
  payoutModel: PayoutModel;
  defaultPayout: bigint;
  defaultRevenue: bigint;
  payoutShareBps: number | null;
  revenueShareBps: number | null;
  confirmationMode: ConfirmationMode;
  leadFormFields: LeadFormField[];
  consentText: string | null;
  caps: CapTerms[];
}

/** One refused term: where (the input's field path) and why. */
export interface TermsProblem {
  path: (string | number)[];
  message: string;
}

/** The problem as one `field: message` line, as the API's refusal message has always read. */
export const problemLine = (problem: TermsProblem): string => `${problem.path.join(".")}: ${problem.message}`;

/** Every problem with a combination of terms; empty when consistent. */
export function termsProblems(terms: OfferTerms): TermsProblem[] {
  const problems: TermsProblem[] = [];
  const push = (field: string, message: string) => problems.push({ path: [field], message });
  if (terms.payoutModel === "REVSHARE") {
    if (terms.payoutShareBps === null) push("payoutShareBps", "required for REVSHARE offers");
    if (terms.revenueShareBps === null) push("revenueShareBps", "required for REVSHARE offers");
    if (terms.defaultPayout !== 0n || terms.defaultRevenue !== 0n) {
      push("payout", "REVSHARE offers pay a share of the sale, not a fixed amount");
    }
    if (
      terms.payoutShareBps !== null &&
      terms.revenueShareBps !== null &&
      terms.payoutShareBps > terms.revenueShareBps
    ) {
      push(
        "payoutShareBps",
        "must not exceed revenueShareBps (the network would pay out more than it earns)",
      );
    }
  } else {
    if (terms.payoutShareBps !== null || terms.revenueShareBps !== null) {
      push("payoutShareBps", `only REVSHARE offers take shares, not ${terms.payoutModel}`);
    }
    if (terms.defaultPayout > terms.defaultRevenue) {
      push("payout", "must not exceed revenue (the network would pay out more than it earns)");
    }
  }
  if (terms.leadFormFields.length > 0 && !terms.consentText?.trim()) {
    push("consentText", "required when the offer collects personal data with a lead form");
  }
  terms.caps.forEach((cap, i) => {
    if ((cap.scope === "PUBLISHER") !== (cap.publisherId !== null)) {
      problems.push({
        path: ["caps", i, "publisherId"],
        message: "required for PUBLISHER caps and only for them",
      });
    }
  });
  return problems;
}

// ───────────────────────────── lead quality rules ─────────────────────────────

export const minSecondsToConvert = z
  .number()
  .int("must be a whole number")
  .min(0, "must not be negative")
  .max(86_400, "must be at most 86400 seconds (a day)");
export const duplicateWindowDays = z
  .number()
  .int("must be a whole number")
  .min(0, "must not be negative")
  .max(366, "must be at most 366 days");
export const contactLimit = z
  .number()
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(100, "must be at most 100");
export const contactPeriodHours = z
  .number()
  .int("must be a whole number")
  .min(1, "must be at least 1 hour")
  .max(24 * 366, "must be at most 8784 hours");

export const qualityRules = z.object({
  policy: z.enum(QUALITY_POLICIES),
  minSecondsToConvert,
  duplicateWindowDays,
  contactLimit,
  contactPeriodHours,
});

// ───────────────────────────── a whole offer ─────────────────────────────

export const capInput = z.object({
  scope: z.enum(CAP_SCOPES),
  publisherId: z.number().int().positive().nullable(),
  period: z.enum(CAP_PERIODS),
  metric: z.enum(CAP_METRICS),
  limit: capLimit,
});

/**
 * Every term of an offer as create/update take it (amounts as bigint minor units, ids as numbers), the
 * single-field rules and the cross-field ones together. The API applies the same models field by field
 * on its input types and termsProblems after merging an update over the stored offer.
 */
export const offerInput = z
  .object({
    name,
    vertical,
    description,
    landingUrl,
    fallbackUrl: landingUrl.nullable(),
    currency,
    payoutModel: z.enum(["CPL", "CPA", "REVSHARE"]),
    payout: amount,
    revenue: amount,
    payoutShareBps: basisPoints.nullable(),
    revenueShareBps: basisPoints.nullable(),
    countries,
    devices: z.array(z.enum(DEVICE_TYPES)),
    confirmationMode: z.enum(["AUTO", "MANUAL"]),
    holdDays: days,
    returnWindowDays: days,
    attributionWindowHours,
    leadFormFields,
    consentText: consentText.nullable(),
    caps: z.array(capInput).max(20, "must have at most 20 caps"),
  })
  .superRefine((input, ctx) => {
    const problems = termsProblems({
      ...input,
      defaultPayout: input.payout,
      defaultRevenue: input.revenue,
    });
    for (const problem of problems) {
      ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
    }
  });
export type OfferInput = z.input<typeof offerInput>;
