// The offer editor still sends the lead form's fields and consent text with the offer's terms (until
// the form builder, api/src/schema/lead-forms.ts, replaces them). They live on the offer's LeadForm
// now: this keeps that form in step. Fields given → the form is created (titled with the offer's
// name) or its fields change; an empty list → the offer has no form. A changed consent text bumps
// the form's consentVersion, which every lead records.
import type { Prisma } from "@leadrail/db";
import { generateFormKey, type LeadFormField, parseLeadFormFields } from "@leadrail/db/lead-form";

export interface OfferFormTerms {
  leadFormFields: LeadFormField[];
  consentText: string | null;
}

/** What the offer's terms say about its form (no form: no fields, no consent text). */
export function formTermsOf(form: { fields: unknown; consentText: string | null } | null): OfferFormTerms {
  return {
    leadFormFields: form ? (parseLeadFormFields(form.fields) ?? []) : [],
    consentText: form?.consentText ?? null,
  };
}

export async function syncOfferLeadForm(
  tx: Prisma.TransactionClient,
  offer: { id: number; name: string },
  terms: OfferFormTerms,
): Promise<void> {
  const current = await tx.leadForm.findUnique({
    where: { offerId: offer.id },
    select: { id: true, consentText: true, consentVersion: true },
  });
  if (terms.leadFormFields.length === 0) {
    if (current) await tx.leadForm.delete({ where: { id: current.id } });
    return;
  }
  const fields = terms.leadFormFields as Prisma.InputJsonValue;
  if (!current) {
    await tx.leadForm.create({
      data: {
        offerId: offer.id,
        key: generateFormKey(),
        title: offer.name,
        fields,
        consentText: terms.consentText,
        consentVersion: terms.consentText === null ? 0 : 1,
      },
    });
    return;
  }
  const consentChanged = current.consentText !== terms.consentText;
  await tx.leadForm.update({
    where: { id: current.id },
    data: {
      fields,
      consentText: terms.consentText,
      consentVersion: consentChanged ? current.consentVersion + 1 : current.consentVersion,
    },
  });
}
