// A publisher's payout details (bank account or PayPal). Personal and financial data, so the one rule
// of who reads them lives here: the publisher itself, finance and admins; nobody else (advertisers,
// other publishers) — for them the details do not exist (not_found, no leak). The publisher writes its
// own (admins may correct them); the format rule is @leadrail/db/payout-details. Every change is
// audited, with the account numbers masked: the audit trail is read more widely than the details.
import type { Db, PublisherPayoutDetails } from "@leadrail/db";
import { type PayoutDetailsInput, parsePayoutDetails } from "@leadrail/db/payout-details";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import { DomainError, invalidFields, notFound } from "../errors.ts";

export function mayReadPayoutDetails(viewer: Viewer, publisherId: number): boolean {
  if (viewer.role === "FINANCE" || viewer.role === "ADMIN") return true;
  return viewer.role === "PUBLISHER" && viewer.publisherId === publisherId;
}

function mayWritePayoutDetails(viewer: Viewer, publisherId: number): boolean {
  if (viewer.role === "ADMIN") return true;
  return viewer.role === "PUBLISHER" && viewer.publisherId === publisherId;
}

/** The details, null when none are entered; not_found for a viewer who may not read them. */
export async function readPayoutDetails(
  db: Db,
  viewer: Viewer,
  publisherId: number,
): Promise<PublisherPayoutDetails | null> {
  if (!mayReadPayoutDetails(viewer, publisherId)) throw notFound("publisher");
  return db.publisherPayoutDetails.findUnique({ where: { publisherId } });
}

/** "DE89…3000": enough to tell accounts apart in the audit trail, not enough to pay into. */
function masked(value: string | null): string | null {
  if (value === null) return null;
  return value.length <= 8 ? "…" : `${value.slice(0, 4)}…${value.slice(-4)}`;
}

function maskedEmail(value: string | null): string | null {
  if (value === null) return null;
  const [name = "", domain = ""] = value.split("@");
  return `${name.slice(0, 1)}…@${domain}`;
}

/** The details as the audit log keeps them: account numbers masked. */
export function forAudit(
  details: Pick<PublisherPayoutDetails, "method" | "accountHolder" | "iban" | "bic" | "paypalEmail">,
) {
  return {
    method: details.method,
    accountHolder: details.accountHolder,
    iban: masked(details.iban),
    bic: details.bic,
    paypalEmail: maskedEmail(details.paypalEmail),
  };
}

export async function savePayoutDetails(
  db: Db,
  viewer: Viewer,
  publisherId: number,
  input: PayoutDetailsInput,
): Promise<PublisherPayoutDetails> {
  if (!mayWritePayoutDetails(viewer, publisherId)) throw notFound("publisher");
  const parsed = parsePayoutDetails(input);
  if (!parsed.ok) {
    throw invalidFields(
      Object.entries(parsed.errors).map(([field, message]) => ({ path: ["input", field], message })),
    );
  }
  const details = parsed.details;
  return db.$transaction(async (tx) => {
    if (!(await tx.publisher.findUnique({ where: { id: publisherId }, select: { id: true } }))) {
      throw notFound("publisher");
    }
    const before = await tx.publisherPayoutDetails.findUnique({ where: { publisherId } });
    if (
      before &&
      before.method === details.method &&
      before.accountHolder === details.accountHolder &&
      before.iban === details.iban &&
      before.bic === details.bic &&
      before.paypalEmail === details.paypalEmail
    ) {
      throw new DomainError("conflict", "these payout details are saved already");
    }
    const data = { ...details, updatedById: viewer.userId };
    const saved = await tx.publisherPayoutDetails.upsert({
      where: { publisherId },
      create: { publisherId, ...data },
      update: data,
    });
    await audit(tx, viewer, {
      action: "publisher.payout_details",
      entityType: "Publisher",
      entityId: publisherId,
      before: before ? forAudit(before) : null,
      after: forAudit(saved),
    });
    return saved;
  });
}
