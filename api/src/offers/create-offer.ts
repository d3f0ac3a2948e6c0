// createOffer: a DRAFT offer with its caps, for the advertiser itself or (admins) a named advertiser,
// audited in the same transaction. Returns the new offer's id; the caller reads it back as it needs.
import type { Db, Offer, Prisma } from "@leadrail/db";
import type { LeadFormField } from "@leadrail/db/lead-form";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import { DomainError, notFound } from "../errors.ts";
import {
  assertPublishersExist,
  assertTerms,
  type CapInput,
  capRows,
  type LeadFormFieldInput,
  snapshot,
} from "./offer-changes.ts";
import { syncOfferLeadForm } from "./offer-lead-form.ts";

/** Amounts are minor units of `currency`; each field is already checked by @leadrail/db/offer-terms. */
export interface NewOffer {
  advertiserId?: number | null;
  name: string;
  vertical: string;
  description?: string | null;
  landingUrl: string;
  fallbackUrl?: string | null;
  visibility?: Offer["visibility"] | null;
  currency: string;
  payoutModel: Offer["payoutModel"];
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

export async function createOffer(db: Db, viewer: Viewer, input: NewOffer): Promise<number> {
  let advertiserId: number;
  if (viewer.role === "ADMIN") {
    if (!input.advertiserId) throw new DomainError("invalid_input", "advertiserId: required for admins");
    advertiserId = input.advertiserId;
  } else {
    // An advertiser may name itself; naming another account is the same as naming none that exists.
    if (input.advertiserId && input.advertiserId !== viewer.advertiserId) throw notFound("advertiser");
    advertiserId = viewer.advertiserId as number;
  }
  const caps = input.caps ?? [];
  const formTerms = {
    leadFormFields: (input.leadFormFields ?? []) as LeadFormField[],
    consentText: input.consentText ?? null,
  };
  const data = {
    advertiserId,
    name: input.name,
    vertical: input.vertical,
    description: input.description ?? "",
    landingUrl: input.landingUrl,
    fallbackUrl: input.fallbackUrl ?? null,
    visibility: input.visibility ?? "APPROVAL_REQUIRED",
    currency: input.currency,
    payoutModel: input.payoutModel,
    defaultPayout: input.payout ?? 0n,
    defaultRevenue: input.revenue ?? 0n,
    payoutShareBps: input.payoutShareBps ?? null,
    revenueShareBps: input.revenueShareBps ?? null,
    countries: input.countries ?? [],
    devices: input.devices ?? [],
    confirmationMode: input.confirmationMode ?? "AUTO",
    holdDays: input.holdDays ?? 0,
    returnWindowDays: input.returnWindowDays ?? 0,
    attributionWindowHours: input.attributionWindowHours ?? 720,
  } satisfies Prisma.OfferUncheckedCreateInput;
  assertTerms({ ...data, ...formTerms, caps: capRows(caps) });

  return db.$transaction(async (tx) => {
    if (!(await tx.advertiser.findUnique({ where: { id: advertiserId }, select: { id: true } }))) {
      throw notFound("advertiser");
    }
    await assertPublishersExist(tx, caps);
    const offer = await tx.offer.create({
      data: { ...data, caps: { create: capRows(caps) } },
      include: { caps: { orderBy: { id: "asc" } } },
    });
    await syncOfferLeadForm(tx, offer, formTerms);
    await audit(tx, viewer, {
      action: "offer.create",
      entityType: "Offer",
      entityId: offer.id,
      after: snapshot(offer, offer.caps, formTerms),
    });
    return offer.id;
  });
}
