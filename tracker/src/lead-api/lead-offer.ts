// What the lead API needs of an offer: its terms for the recorder, whether it runs, and its form.
import type { Db } from "@leadrail/db";
import { type LeadFormField, parseLeadFormFields } from "@leadrail/db/lead-form";
import type { ConversionOffer } from "../conversions/record-conversion.ts";
import { QUALITY_SELECT } from "../quality/lead-quality.ts";

export interface OfferForm {
  fields: LeadFormField[];
  consentText: string | null;
  /** 0 when the form asks no consent. */
  consentVersion: number;
}

export interface LeadOffer {
  id: number;
  /** ACTIVE offer of an ACTIVE advertiser (the click path's offer_not_active otherwise). */
  running: boolean;
  terms: ConversionOffer;
  form: OfferForm | null;
}

export async function loadLeadOffer(db: Db, offerId: number): Promise<LeadOffer | null> {
  const row = await db.offer.findUnique({
    where: { id: offerId },
    select: {
      id: true,
      status: true,
      advertiserId: true,
      currency: true,
      payoutModel: true,
      defaultPayout: true,
      defaultRevenue: true,
      payoutShareBps: true,
      revenueShareBps: true,
      confirmationMode: true,
      attributionWindowHours: true,
      ...QUALITY_SELECT,
      advertiser: { select: { status: true } },
      leadForm: { select: { fields: true, consentText: true, consentVersion: true } },
    },
  });
  if (row === null) return null;
  const { status, advertiser, leadForm, ...terms } = row;
  const fields = leadForm === null ? null : parseLeadFormFields(leadForm.fields);
  return {
    id: row.id,
    running: status === "ACTIVE" && advertiser.status === "ACTIVE",
    terms,
    form:
      leadForm === null || fields === null
        ? null
        : {
            fields,
            consentText: leadForm.consentText,
            // A form without consent text asks none, whatever its counter says.
            consentVersion: leadForm.consentText === null ? 0 : leadForm.consentVersion,
          },
  };
}
