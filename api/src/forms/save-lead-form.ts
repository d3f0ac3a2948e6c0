// Saving an offer's lead form from the builder: validated with the shared model
// (@leadrail/db/lead-form, the same the tracker applies when it renders and checks the form), created
// with a random public key the first time, its consent version bumped whenever the consent text
// changes (each lead stores the version it agreed to), audited before and after.
import type { Db, LeadForm, Prisma } from "@leadrail/db";
import { generateFormKey, type LeadFormSettings, leadFormSettings } from "@leadrail/db/lead-form";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import { isUniqueViolation } from "../db-errors.ts";
import { DomainError, invalidFields } from "../errors.ts";
import { lockManagedOffer } from "./offer-lock.ts";

/** The builder's input, before the shared model has judged it. */
export type LeadFormInput = {
  [K in keyof LeadFormSettings]?: unknown;
};

/** The settings, or invalid_input naming each refused field under `input`. */
export function parseSettings(input: LeadFormInput): LeadFormSettings {
  const parsed = leadFormSettings.safeParse(input);
  if (parsed.success) {
    const consentText = parsed.data.consentText?.trim() ? parsed.data.consentText : null;
    return { ...parsed.data, consentText };
  }
  throw invalidFields(
    parsed.error.issues.map((issue) => ({
      path: ["input", ...issue.path.map(String)],
      message: issue.message,
    })),
  );
}

/** The next consent version: unchanged text keeps it; new text bumps it; no text is version 0. */
export function nextConsentVersion(
  before: Pick<LeadForm, "consentText" | "consentVersion"> | null,
  text: string | null,
): number {
  if (text === null) return 0;
  if (before && before.consentText === text) return before.consentVersion;
  return (before?.consentVersion ?? 0) + 1;
}

function snapshot(form: LeadForm) {
  const { createdAt: _c, updatedAt: _u, ...rest } = form;
  return rest;
}

export async function saveLeadForm(
  db: Db,
  viewer: Viewer,
  offerWhere: Prisma.OfferWhereInput,
  offerId: number,
  input: LeadFormInput,
): Promise<number> {
  const settings = parseSettings(input);
  // A key collision (72 random bits) is all but impossible; retry once rather than answer a conflict.
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const offer = await lockManagedOffer(tx, offerWhere, offerId);
        if (offer.status === "ARCHIVED") throw new DomainError("conflict", "an archived offer cannot change");
        const before = await tx.leadForm.findUnique({ where: { offerId } });
        const data = {
          ...settings,
          fields: settings.fields as Prisma.InputJsonValue,
          faq: settings.faq as Prisma.InputJsonValue,
          consentVersion: nextConsentVersion(before, settings.consentText),
        };
        const after = before
          ? await tx.leadForm.update({ where: { offerId }, data })
          : await tx.leadForm.create({ data: { ...data, offerId, key: generateFormKey() } });
        await audit(tx, viewer, {
          action: before ? "lead_form.update" : "lead_form.create",
          entityType: "LeadForm",
          entityId: after.id,
          before: before ? snapshot(before) : undefined,
          after: { ...snapshot(after), offerId },
        });
        return after.id;
      });
    } catch (error) {
      if (attempt < 2 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
