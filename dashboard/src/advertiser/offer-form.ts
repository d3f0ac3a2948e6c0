// The offer editor's form state and its translation to the API's input (amounts typed in major units
// become minor-unit strings exactly; percentages become basis points).
//
// Why plain form state and not react-hook-form: the editor's state is one object whose text fields
// (amounts, percentages, day counts) only become the API's types through a translation (parseMajor,
// basis points, publisher ids) — and the rules that matter are the cross-field ones over the whole
// translated input. So the form keeps its strings, and on submit the translated input runs through the
// API's own zod model (@leadrail/db/offer-terms `offerInput`, the same rules the API applies), whose
// issues come back as field errors exactly like the API's `DomainError.fields` do. A resolver would
// have had to do that same translation and mapping, and a second library for it buys nothing.
import {
  type CAP_METRICS,
  type CAP_PERIODS,
  type CAP_SCOPES,
  offerInput,
  type QUALITY_POLICIES,
  qualityRules,
} from "@leadrail/db/offer-terms";
import type { ResultOf, VariablesOf } from "../graphql.ts";
import { minorToInput, parseMajor } from "../money.ts";
import { type FieldErrors, fieldErrorsOf } from "./offer-errors.ts";
import type { CreateOfferMutation, OfferQuery } from "./offer-operations.ts";

export type OfferInput = VariablesOf<typeof CreateOfferMutation>["input"];
type Offer = NonNullable<ResultOf<typeof OfferQuery>["offer"]>;
type Cap = NonNullable<OfferInput["caps"]>[number];

export interface CapRow {
  scope: (typeof CAP_SCOPES)[number];
  /** The one publisher of a PUBLISHER cap ("" = not chosen yet). */
  publisherId: string;
  period: (typeof CAP_PERIODS)[number];
  metric: (typeof CAP_METRICS)[number];
  /** Conversions, or for BUDGET caps an amount in major units. */
  limit: string;
}

export interface QualityForm {
  policy: (typeof QUALITY_POLICIES)[number];
  minSecondsToConvert: string;
  duplicateWindowDays: string;
  contactLimit: string;
  contactPeriodHours: string;
}

export type QualityInput = {
  policy: QualityForm["policy"];
  minSecondsToConvert: number;
  duplicateWindowDays: number;
  contactLimit: number;
  contactPeriodHours: number;
};

export interface OfferForm {
  name: string;
  vertical: string;
  description: string;
  landingUrl: string;
  fallbackUrl: string;
  currency: string;
  payoutModel: OfferInput["payoutModel"];
  payout: string;
  revenue: string;
  payoutSharePercent: string;
  revenueSharePercent: string;
  visibility: NonNullable<OfferInput["visibility"]>;
  confirmationMode: NonNullable<OfferInput["confirmationMode"]>;
  holdDays: string;
  returnWindowDays: string;
  attributionWindowHours: string;
  countries: string;
  devices: NonNullable<OfferInput["devices"]>;
  caps: CapRow[];
  quality: QualityForm;
}

/** The API's defaults for a new offer's quality rules (see the Offer model). */
const DEFAULT_QUALITY: QualityForm = {
  policy: "FLAG",
  minSecondsToConvert: "0",
  duplicateWindowDays: "0",
  contactLimit: "3",
  contactPeriodHours: "24",
};

export const EMPTY_FORM: OfferForm = {
  name: "",
  vertical: "",
  description: "",
  landingUrl: "https://",
  fallbackUrl: "",
  currency: "USD",
  payoutModel: "CPL",
  payout: "",
  revenue: "",
  payoutSharePercent: "",
  revenueSharePercent: "",
  visibility: "PUBLIC",
  confirmationMode: "MANUAL",
  holdDays: "7",
  returnWindowDays: "14",
  attributionWindowHours: "720",
  countries: "",
  devices: [],
  caps: [],
  quality: DEFAULT_QUALITY,
};

const percent = (bps: number | null | undefined) => (bps == null ? "" : String(bps / 100));

export function formFromOffer(offer: Offer): OfferForm {
  return {
    name: offer.name,
    vertical: offer.vertical,
    description: offer.description,
    landingUrl: offer.landingUrl,
    fallbackUrl: offer.fallbackUrl ?? "",
    currency: offer.currency,
    payoutModel: offer.payoutModel,
    payout: minorToInput(offer.payout.amount, offer.currency),
    revenue: minorToInput(offer.revenue.amount, offer.currency),
    payoutSharePercent: percent(offer.payoutShareBps),
    revenueSharePercent: percent(offer.revenueShareBps),
    visibility: offer.visibility,
    confirmationMode: offer.confirmationMode,
    holdDays: String(offer.holdDays),
    returnWindowDays: String(offer.returnWindowDays),
    attributionWindowHours: String(offer.attributionWindowHours),
    countries: offer.countries.join(", "),
    devices: [...offer.devices],
    caps: offer.caps.map((cap) => ({
      scope: cap.scope,
      publisherId: cap.publisher?.id ?? "",
      period: cap.period,
      metric: cap.metric,
      limit: cap.metric === "BUDGET" ? minorToInput(cap.limit, offer.currency) : cap.limit,
    })),
    quality: {
      policy: offer.qualityPolicy,
      minSecondsToConvert: String(offer.minSecondsToConvert),
      duplicateWindowDays: String(offer.duplicateWindowDays),
      contactLimit: String(offer.contactLimit),
      contactPeriodHours: String(offer.contactPeriodHours),
    },
  };
}

/** A typed whole number, or NaN (which the shared rules refuse as "expected number"). */
const wholeNumber = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

export type Built =
  | { ok: true; input: OfferInput; quality: QualityInput }
  | { ok: false; errors: FieldErrors };

/**
 * The API inputs, or every problem keyed by the field it belongs to. Typing problems (an amount that is
 * not one) are found here; every other rule is the shared one the API applies too.
 */
export function inputFromForm(form: OfferForm): Built {
  const typing: { path: (string | number)[]; message: string }[] = [];
  const revshare = form.payoutModel === "REVSHARE";
  const amount = (key: "payout" | "revenue") => {
    if (revshare) return null;
    const minor = parseMajor(form[key], form.currency);
    if (minor === null)
      typing.push({ path: [key], message: `must be an amount in ${form.currency}, e.g. 12.50` });
    return minor;
  };
  const payout = amount("payout");
  const revenue = amount("revenue");
  const bps = (key: "payoutSharePercent" | "revenueSharePercent", path: string) => {
    const text = form[key].trim();
    if (!revshare || text === "") return null;
    const value = Number(text);
    if (!/^\d+(\.\d{1,2})?$/.test(text)) {
      typing.push({ path: [path], message: "must be a percentage with at most 2 decimals, e.g. 12.5" });
      return null;
    }
    return Math.round(value * 100);
  };
  const payoutShareBps = bps("payoutSharePercent", "payoutShareBps");
  const revenueShareBps = bps("revenueSharePercent", "revenueShareBps");
  const caps: Cap[] = form.caps.map((cap, i) => {
    const limit =
      cap.metric === "BUDGET"
        ? parseMajor(cap.limit, form.currency)
        : /^\s*\d+\s*$/.test(cap.limit)
          ? cap.limit.trim()
          : null;
    if (limit === null) {
      typing.push({
        path: ["caps", i, "limit"],
        message:
          cap.metric === "BUDGET"
            ? `must be an amount in ${form.currency}`
            : "must be a whole number of conversions",
      });
    }
    return {
      scope: cap.scope,
      publisherId: cap.scope === "PUBLISHER" && cap.publisherId ? cap.publisherId : null,
      period: cap.period,
      metric: cap.metric,
      limit: limit ?? "1",
    };
  });
  const input: OfferInput = {
    name: form.name.trim(),
    vertical: form.vertical.trim(),
    description: form.description,
    landingUrl: form.landingUrl.trim(),
    fallbackUrl: form.fallbackUrl.trim() || null,
    currency: form.currency,
    payoutModel: form.payoutModel,
    // An amount that is not one is already reported; standing in the other amount for it keeps the
    // "payout must not exceed revenue" rule from adding a second, misleading problem.
    payout: payout ?? revenue ?? "0",
    revenue: revenue ?? payout ?? "0",
    payoutShareBps,
    revenueShareBps,
    visibility: form.visibility,
    confirmationMode: form.confirmationMode,
    holdDays: wholeNumber(form.holdDays),
    returnWindowDays: wholeNumber(form.returnWindowDays),
    attributionWindowHours: wholeNumber(form.attributionWindowHours),
    countries: form.countries
      .split(/[\s,]+/)
      .map((code) => code.trim().toUpperCase())
      .filter(Boolean),
    devices: form.devices,
    caps,
  };
  const quality: QualityInput = {
    policy: form.quality.policy,
    minSecondsToConvert: wholeNumber(form.quality.minSecondsToConvert),
    duplicateWindowDays: wholeNumber(form.quality.duplicateWindowDays),
    contactLimit: wholeNumber(form.quality.contactLimit),
    contactPeriodHours: wholeNumber(form.quality.contactPeriodHours),
  };
  const terms = offerInput.safeParse({
    ...input,
    // The lead form has its own screen and mutation (saveLeadForm): the offer's terms carry none.
    leadFormFields: [],
    consentText: null,
    payout: BigInt(input.payout ?? "0"),
    revenue: BigInt(input.revenue ?? "0"),
    caps: caps.map((cap) => ({
      ...cap,
      publisherId: cap.publisherId ? Number(cap.publisherId) : null,
      limit: BigInt(cap.limit),
    })),
  });
  const rules = qualityRules.safeParse(quality);
  const issues = [
    ...typing,
    ...(terms.success ? [] : terms.error.issues),
    ...(rules.success
      ? []
      : rules.error.issues.map((issue) => ({ ...issue, path: ["quality", ...issue.path] }))),
  ];
  if (issues.length > 0) {
    return {
      ok: false,
      errors: fieldErrorsOf(
        issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
        form,
      ),
    };
  }
  return { ok: true, input, quality };
}
