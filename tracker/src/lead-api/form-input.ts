// The lead API's fields against the offer's form: the same rules as the hosted form (validateLead),
// with the API's own field names in the errors (`fields.email`, `consent.given`).
import { MESSAGES, validateLead } from "@leadrail/db/lead-form";
import type { LeadData } from "../conversions/record-conversion.ts";
import type { OfferForm } from "./lead-offer.ts";
import type { LeadRequest } from "./lead-request.ts";

export type FormInput =
  | {
      ok: true;
      /** The lead as recorded, consent time = `at`. */
      lead: (at: Date) => LeadData;
    }
  | { ok: false; fields: Record<string, string> };

export function formInput(form: OfferForm, lead: LeadRequest, country: string | null): FormInput {
  const errors: Record<string, string> = {};
  const known = new Map(form.fields.map((field) => [field.name, field]));
  const input: Record<string, string | boolean> = {};
  for (const [name, value] of Object.entries(lead.fields)) {
    const field = known.get(name);
    if (field === undefined) {
      errors[`fields.${name}`] = "not a field of this offer's form";
      continue;
    }
    // true/false is a checkbox's answer; any other field takes text (validateLead checks the rest).
    if (typeof value !== "string" && field.type !== "checkbox") {
      errors[`fields.${name}`] = "must be a string";
      continue;
    }
    input[name] = value;
  }

  const consentRequired = form.consentVersion > 0;
  if (consentRequired) {
    if (lead.consent === null) errors.consent = "required: this offer's form asks the visitor's consent";
    else if (!lead.consent.given) errors["consent.given"] = MESSAGES.consent;
    else if (lead.consent.textVersion !== null && lead.consent.textVersion !== form.consentVersion) {
      errors["consent.text_version"] =
        `the consent text has changed: the current version is ${form.consentVersion}`;
    } else input.consent = "yes";
  }

  const checked = validateLead(form.fields, input, { defaultCountry: country, consentRequired });
  if (!checked.ok) {
    for (const [name, message] of Object.entries(checked.errors)) {
      const path = name === "consent" ? "consent.given" : `fields.${name}`;
      errors[path] ??= message;
    }
  }
  if (!checked.ok || Object.keys(errors).length > 0) return { ok: false, fields: errors };
  const submission = checked.lead;
  return {
    ok: true,
    lead: (at) => ({
      name: submission.name,
      email: submission.email,
      phone: submission.phone,
      fields: submission.values,
      consentText: form.consentText,
      consentAt: consentRequired ? at : null,
      consentVersion: consentRequired ? form.consentVersion : null,
      captureChannel: "api",
    }),
  };
}
