// Loads a lead form with what capturing a lead needs: its settings, the offer's conversion terms and
// whether it takes leads now, and its magnet. By form key (/form/:key) or by a publisher's link code
// (the old /f/:code pages).
import type { Db } from "@leadrail/db";
import { type FaqEntry, type LeadFormField, parseFaq, parseLeadFormFields } from "@leadrail/db/lead-form";
import type { ConversionOffer } from "../conversions/record-conversion.ts";
import { QUALITY_SELECT } from "../quality/lead-quality.ts";

export interface CaptureMagnet {
  id: number;
  kind: "FILE" | "LINK" | "CODE_POOL";
  title: string;
  linkTtlHours: number;
}

export interface CaptureForm {
  id: number;
  key: string;
  title: string;
  intro: string;
  fields: LeadFormField[];
  consentText: string | null;
  consentVersion: number;
  submitLabel: string;
  thankYouTitle: string;
  thankYouText: string;
  faq: FaqEntry[];
  minFillSeconds: number;
  rateLimitPerHour: number;
  offer: ConversionOffer;
  magnet: CaptureMagnet | null;
}

const FORM_SELECT = {
  id: true,
  key: true,
  title: true,
  intro: true,
  fields: true,
  consentText: true,
  consentVersion: true,
  submitLabel: true,
  thankYouTitle: true,
  thankYouText: true,
  faq: true,
  minFillSeconds: true,
  rateLimitPerHour: true,
  offer: {
    select: {
      id: true,
      status: true,
      advertiserId: true,
      advertiser: { select: { status: true } },
      currency: true,
      payoutModel: true,
      defaultPayout: true,
      defaultRevenue: true,
      payoutShareBps: true,
      revenueShareBps: true,
      confirmationMode: true,
      attributionWindowHours: true,
      ...QUALITY_SELECT,
      leadMagnet: { select: { id: true, kind: true, title: true, linkTtlHours: true, active: true } },
    },
  },
} as const;

const FORM_KEY = /^[A-Za-z0-9_-]{8,32}$/;

export function createFormStore(db: Db) {
  type Row = NonNullable<Awaited<ReturnType<typeof byKey>>>;
  const byKey = (key: string) => db.leadForm.findUnique({ where: { key }, select: FORM_SELECT });

  // An offer that does not take leads (paused, archived, its advertiser suspended) has no form to show.
  function toForm(row: Row | null): CaptureForm | null {
    if (!row) return null;
    const { offer } = row;
    if (offer.status !== "ACTIVE" || offer.advertiser.status !== "ACTIVE") return null;
    const fields = parseLeadFormFields(row.fields);
    if (fields === null) return null;
    const { status: _s, advertiser: _a, leadMagnet, ...terms } = offer;
    return {
      ...row,
      fields,
      faq: parseFaq(row.faq),
      offer: terms,
      magnet: leadMagnet?.active ? leadMagnet : null,
    };
  }

  return {
    async byKey(key: string): Promise<CaptureForm | null> {
      if (!FORM_KEY.test(key)) return null;
      return toForm(await byKey(key));
    },
    /** The form of the offer an (enabled) link code points at; its key, for the old /f/:code pages. */
    async keyOfLink(code: string): Promise<string | null> {
      if (code.length > 128) return null;
      const link = await db.trackingLink.findUnique({
        where: { code },
        select: { disabledAt: true, offer: { select: { leadForm: { select: { key: true } } } } },
      });
      if (!link || link.disabledAt !== null) return null;
      return link.offer.leadForm?.key ?? null;
    },
  };
}
export type FormStore = ReturnType<typeof createFormStore>;
