// What the publisher's lead API screen shows: the offers it may post leads for (the tracker's rule,
// @leadrail/db offer-access.ts) with the fields each one's form takes, and the endpoint's URL.
import { type Db, postableOffers } from "@leadrail/db";
import { parseLeadFormFields } from "@leadrail/db/lead-form";

export interface LeadApiField {
  name: string;
  label: string;
  type: string;
  required: boolean;
  /** A select's choices. */
  options: string[] | null;
}

export interface LeadApiOffer {
  id: number;
  name: string;
  currency: string;
  defaultPayout: bigint;
  fields: LeadApiField[];
  /** 0: the form asks no consent; otherwise the version a lead's consent.text_version names. */
  consentVersion: number;
}

/** The tracker's lead endpoint for a tracker public URL (no trailing slash expected, tolerated). */
export function leadApiEndpoint(trackerPublicUrl: string): string {
  return `${trackerPublicUrl.replace(/\/+$/, "")}/v1/leads`;
}

export async function leadApiOffers(db: Db, publisherId: number): Promise<LeadApiOffer[]> {
  const offers = await db.offer.findMany({
    where: postableOffers(publisherId),
    select: {
      id: true,
      name: true,
      currency: true,
      defaultPayout: true,
      leadForm: { select: { fields: true, consentText: true, consentVersion: true } },
    },
    orderBy: { id: "asc" },
    take: 200,
  });
  return offers
    .map((offer) => ({
      id: offer.id,
      name: offer.name,
      currency: offer.currency,
      defaultPayout: offer.defaultPayout,
      fields: (parseLeadFormFields(offer.leadForm?.fields) ?? []).map(
        ({ name, label, type, required, options }) => ({
          name,
          label,
          type,
          required,
          options: options ?? null,
        }),
      ),
      consentVersion: offer.leadForm?.consentText == null ? 0 : offer.leadForm.consentVersion,
    }))
    .filter((offer) => offer.fields.length > 0);
}
