// What the audit log records of an application, before and after each change.
import type { OfferApplication } from "@leadrail/db";

export function snapshot(application: OfferApplication) {
  const { status, decisionReason, blockedAt, decidedById, offerId, publisherId } = application;
  return { offerId, publisherId, status, decisionReason, blockedAt, decidedById };
}
