// The offer editor's form state and its translation to the API's input (amounts typed in major units
// become minor-unit strings exactly; percentages become basis points).
import type { ResultOf, VariablesOf } from "../graphql.ts";
import { minorToInput, parseMajor } from "../money.ts";
import type { CreateOfferMutation, OfferQuery } from "./offer-operations.ts";

export type OfferInput = VariablesOf<typeof CreateOfferMutation>["input"];
type Offer = NonNullable<ResultOf<typeof OfferQuery>["offer"]>;
type Cap = NonNullable<OfferInput["caps"]>[number];
type Field = NonNullable<OfferInput["leadFormFields"]>[number];

export interface CapRow {
  scope: Cap["scope"];
  period: Cap["period"];
  metric: Cap["metric"];
  /** Conversions, or for BUDGET caps an amount in major units. */
  limit: string;
}

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
  countries: string;
  devices: NonNullable<OfferInput["devices"]>;
  caps: CapRow[];
  leadFormFields: Field[];
}

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
  countries: "",
  devices: [],
  caps: [],
  leadFormFields: [],
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
    countries: offer.countries.join(", "),
    devices: [...offer.devices],
    caps: offer.caps.map((cap) => ({
      scope: cap.scope,
      period: cap.period,
      metric: cap.metric,
      limit: cap.metric === "BUDGET" ? minorToInput(cap.limit, offer.currency) : cap.limit,
    })),
    leadFormFields: offer.leadFormFields.map(({ name, label, type, required }) => ({
      name,
      label,
      type,
      required,
    })),
  };
}

/** The API input, or the first problem to show. The API validates again; this catches typos early. */
export function inputFromForm(
  form: OfferForm,
): { ok: true; input: OfferInput } | { ok: false; message: string } {
  const revshare = form.payoutModel === "REVSHARE";
  const payout = revshare ? null : parseMajor(form.payout, form.currency);
  const revenue = revshare ? null : parseMajor(form.revenue, form.currency);
  if (!revshare && (payout === null || revenue === null)) {
    return { ok: false, message: `Payout and revenue must be amounts in ${form.currency}.` };
  }
  const bps = (text: string) => (text.trim() === "" ? null : Math.round(Number(text) * 100));
  const caps: Cap[] = [];
  for (const cap of form.caps) {
    const limit =
      cap.metric === "BUDGET"
        ? parseMajor(cap.limit, form.currency)
        : /^\d+$/.test(cap.limit)
          ? cap.limit
          : null;
    if (limit === null) return { ok: false, message: `Cap limit "${cap.limit}" is not valid.` };
    caps.push({ scope: cap.scope, period: cap.period, metric: cap.metric, limit });
  }
  return {
    ok: true,
    input: {
      name: form.name.trim(),
      vertical: form.vertical.trim(),
      description: form.description,
      landingUrl: form.landingUrl.trim(),
      fallbackUrl: form.fallbackUrl.trim() || null,
      currency: form.currency,
      payoutModel: form.payoutModel,
      payout,
      revenue,
      payoutShareBps: revshare ? bps(form.payoutSharePercent) : null,
      revenueShareBps: revshare ? bps(form.revenueSharePercent) : null,
      visibility: form.visibility,
      confirmationMode: form.confirmationMode,
      holdDays: Number(form.holdDays),
      returnWindowDays: Number(form.returnWindowDays),
      countries: form.countries
        .split(/[\s,]+/)
        .map((code) => code.trim().toUpperCase())
        .filter(Boolean),
      devices: form.devices,
      caps,
      leadFormFields: form.leadFormFields,
    },
  };
}
