// updateOffer: only the terms given change (null clears a nullable term); caps, when given, replace
// them all. Runs under the offer's row lock and is audited with before and after.
import type { Db, Offer } from "@leadrail/db";
import type { LeadFormField } from "@leadrail/db/lead-form";
import { audit } from "../audit/audit.ts";
import { managedOffers } from "../auth/tenancy.ts";
import type { Viewer } from "../context.ts";
import { DomainError } from "../errors.ts";
import {
  assertPublishersExist,
  assertTerms,
  type CapInput,
  capRows,
  type LeadFormFieldInput,
  lockManagedOffer,
  snapshot,
} from "./offer-changes.ts";
import { formTermsOf, syncOfferLeadForm } from "./offer-lead-form.ts";

/** Each term: undefined keeps it, null clears it (only where the term is nullable). */
export interface OfferChanges {
  name?: string | null;
  vertical?: string | null;
  description?: string | null;
  landingUrl?: string | null;
  fallbackUrl?: string | null;
  visibility?: Offer["visibility"] | null;
  currency?: string | null;
  payoutModel?: Offer["payoutModel"] | null;
  payout?: bigint | null;
  revenue?: bigint | null;
  payoutShareBps?: number | null;
  revenueShareBps?: number | null;
  countries?: string[] | null;
  devices?: Offer["devices"] | null;
  confirmationMode?: Offer["confirmationMode"] | null;
  holdDays?: number | null;
  returnWindowDays?: number | null;
  attributionWindowHours?: number | null;
  leadFormFields?: readonly LeadFormFieldInput[] | null;
  consentText?: string | null;
  caps?: readonly CapInput[] | null;
}

/** null is only a value for nullable terms; for the others it means a client mistake. */
function required<T>(value: T | null | undefined, field: string, current: T): T {
  if (value === null) throw new DomainError("invalid_input", `${field}: cannot be null`);
  return value ?? current;
}

export async function updateOffer(db: Db, viewer: Viewer, id: number, input: OfferChanges): Promise<void> {
  const where = managedOffers(viewer);
  await db.$transaction(async (tx) => {
    const before = await lockManagedOffer(tx, where, id);
    if (before.status === "ARCHIVED") throw new DomainError("conflict", "an archived offer cannot change");
    const caps = input.caps === undefined ? undefined : (input.caps ?? []);
    const data = {
      name: required(input.name, "name", before.name),
      vertical: required(input.vertical, "vertical", before.vertical),
      description: required(input.description, "description", before.description),
      landingUrl: required(input.landingUrl, "landingUrl", before.landingUrl),
      fallbackUrl: input.fallbackUrl === undefined ? before.fallbackUrl : input.fallbackUrl,
      visibility: required(input.visibility, "visibility", before.visibility),
      currency: required(input.currency, "currency", before.currency),
      payoutModel: required(input.payoutModel, "payoutModel", before.payoutModel),
      defaultPayout: required(input.payout, "payout", before.defaultPayout),
      defaultRevenue: required(input.revenue, "revenue", before.defaultRevenue),
      payoutShareBps: input.payoutShareBps === undefined ? before.payoutShareBps : input.payoutShareBps,
      revenueShareBps: input.revenueShareBps === undefined ? before.revenueShareBps : input.revenueShareBps,
      countries: required(input.countries, "countries", before.countries),
      devices: required(input.devices, "devices", before.devices),
      confirmationMode: required(input.confirmationMode, "confirmationMode", before.confirmationMode),
      holdDays: required(input.holdDays, "holdDays", before.holdDays),
      returnWindowDays: required(input.returnWindowDays, "returnWindowDays", before.returnWindowDays),
      attributionWindowHours: required(
        input.attributionWindowHours,
        "attributionWindowHours",
        before.attributionWindowHours,
      ),
    };
    const formBefore = formTermsOf(
      await tx.leadForm.findUnique({ where: { offerId: id }, select: { fields: true, consentText: true } }),
    );
    const formTerms = {
      leadFormFields: required(
        input.leadFormFields as LeadFormField[] | null | undefined,
        "leadFormFields",
        formBefore.leadFormFields,
      ),
      consentText: input.consentText === undefined ? formBefore.consentText : input.consentText,
    };
    // The form's own rules are saveLeadForm's (a form may have no consent text there): the offer's
    // terms judge the form only when this call changes it through the deprecated inputs.
    const touchesForm = input.leadFormFields !== undefined || input.consentText !== undefined;
    assertTerms({
      ...data,
      ...(touchesForm ? formTerms : { leadFormFields: [], consentText: null }),
      caps: caps ? capRows(caps) : before.caps,
    });
    if (
      data.currency !== before.currency &&
      (await tx.conversion.count({ where: { offerId: id }, take: 1 })) > 0
    ) {
      throw new DomainError("conflict", "currency: an offer with conversions keeps its currency");
    }
    if (caps) await assertPublishersExist(tx, caps);
    if (caps) await tx.offerCap.deleteMany({ where: { offerId: id } });
    const after = await tx.offer.update({
      where: { id },
      data: { ...data, ...(caps ? { caps: { create: capRows(caps) } } : {}) },
      include: { caps: { orderBy: { id: "asc" } } },
    });
    if (touchesForm) await syncOfferLeadForm(tx, after, formTerms);
    await audit(tx, viewer, {
      action: "offer.update",
      entityType: "Offer",
      entityId: id,
      before: snapshot(before, before.caps, formBefore),
      after: snapshot(after, after.caps, formTerms),
    });
  });
}
