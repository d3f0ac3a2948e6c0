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

/** How many offers one answer lists at most (the screen's picker asks for fewer and searches). */
export const LEAD_API_OFFERS_MAX = 200;

/**
 * The offers the publisher may post leads for whose form has fields, oldest first: those whose name
 * holds `search`, or the one with `id`. The publisher's own access rule always applies; the search only
 * narrows it.
 */
export async function leadApiOffers(
  db: Db,
  publisherId: number,
  options: { search?: string | null; id?: number; take?: number } = {},
): Promise<LeadApiOffer[]> {
  const offers = await db.offer.findMany({
    where: {
      AND: [
        postableOffers(publisherId),
        // A form without fields takes no lead: left out here, so a page is not cut short by them.
        { leadForm: { NOT: { fields: { equals: [] } } } },
        options.search ? { name: { contains: options.search, mode: "insensitive" } } : {},
        options.id !== undefined ? { id: options.id } : {},
      ],
    },
    select: {
      id: true,
      name: true,
      currency: true,
      defaultPayout: true,
      leadForm: { select: { fields: true, consentText: true, consentVersion: true } },
    },
    orderBy: { id: "asc" },
    take: Math.min(options.take ?? LEAD_API_OFFERS_MAX, LEAD_API_OFFERS_MAX),
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
