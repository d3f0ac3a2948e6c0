// A publisher's postback templates: saved (a POST_JSON template gets a generated secret unless one is
// given), test-fired through the same outbox as conversion events (the tracker delivers; the API never
// calls out), and removed only while they never delivered anything. Every change is audited.
import { type Db, generateSecret, type PostbackOutbox, type PublisherPostback } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import { DomainError, notFound } from "../errors.ts";

export interface PostbackTemplateInput {
  id?: number | null;
  offerId?: number | null;
  method: PublisherPostback["method"];
  urlTemplate: string;
  statuses?: PublisherPostback["statuses"] | null;
  secret?: string | null;
  active?: boolean | null;
}

function snapshot(row: PublisherPostback) {
  const { offerId, method, urlTemplate, statuses, active } = row;
  // The secret stays out of the audit log.
  return { offerId, method, urlTemplate, statuses, active, hasSecret: row.secret !== null };
}

/** Adds a template, or replaces the publisher's template `input.id`. */
export function setPostbackTemplate(
  db: Db,
  viewer: Viewer,
  publisherId: number,
  input: PostbackTemplateInput,
): Promise<PublisherPostback> {
  return db.$transaction(async (tx) => {
    if (input.offerId) {
      // Only offers it has an application to (and is not blocked from).
      const application = await tx.offerApplication.findFirst({
        where: { offerId: input.offerId, publisherId, blockedAt: null, status: { not: "REJECTED" } },
      });
      if (!application) throw notFound("offer");
    }
    const existing = input.id
      ? await tx.publisherPostback.findFirst({ where: { id: input.id, publisherId } })
      : null;
    if (input.id && !existing) throw notFound("postback template");
    const secret =
      input.secret ?? existing?.secret ?? (input.method === "POST_JSON" ? generateSecret(24) : null);
    const data = {
      offerId: input.offerId ?? null,
      method: input.method,
      urlTemplate: input.urlTemplate,
      statuses: input.statuses ?? [],
      secret,
      active: input.active ?? true,
    };
    const after = existing
      ? await tx.publisherPostback.update({ where: { id: existing.id }, data })
      : await tx.publisherPostback.create({ data: { ...data, publisherId } });
    await audit(tx, viewer, {
      action: existing ? "postback_template.update" : "postback_template.create",
      entityType: "PublisherPostback",
      entityId: after.id,
      before: existing ? snapshot(existing) : undefined,
      after: snapshot(after),
    });
    return after;
  });
}

/** Queues one delivery with sample values; returns the queued outbox event. */
export function testFirePostbackTemplate(
  db: Db,
  viewer: Viewer,
  publisherId: number,
  id: number,
): Promise<PostbackOutbox> {
  return db.$transaction(async (tx) => {
    const row = await tx.publisherPostback.findFirst({ where: { id, publisherId } });
    if (!row) throw notFound("postback template");
    // Through the same outbox as conversion events: the tracker's relay and worker deliver it
    // (SSRF guard, attempt log), the API never calls out itself.
    const event = await tx.postbackOutbox.create({
      data: { publisherId, postbackId: row.id, status: "APPROVED" },
    });
    await audit(tx, viewer, {
      action: "postback_template.test_fire",
      entityType: "PublisherPostback",
      entityId: row.id,
      after: { outboxId: String(event.id) },
    });
    return event;
  });
}

export async function removePostbackTemplate(
  db: Db,
  viewer: Viewer,
  publisherId: number,
  id: number,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.publisherPostback.findFirst({
      where: { id, publisherId },
      // Test fires are no evidence worth keeping: they go with the template.
      include: { _count: { select: { deliveries: { where: { test: false } } } } },
    });
    if (!row) throw notFound("postback template");
    // Deleting would take the delivery log with it (cascade): keep the evidence, deactivate instead.
    if (row._count.deliveries > 0) {
      throw new DomainError("conflict", "this template has deliveries: set active: false instead");
    }
    await tx.publisherPostback.delete({ where: { id: row.id } });
    await audit(tx, viewer, {
      action: "postback_template.remove",
      entityType: "PublisherPostback",
      entityId: row.id,
      before: snapshot(row),
    });
  });
}
