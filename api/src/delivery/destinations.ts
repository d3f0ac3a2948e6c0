// An offer's lead destinations (the advertiser's CRM webhook or an e-mail inbox): who may see and change
// them, and the changes themselves, each audited in its own transaction. The configuration's rules
// (what a valid webhook or e-mail destination is) are checked by the input's shared zod schema before
// these run; here is what needs the database: whose offer it is, the secret, the evidence to keep.
import { generateSecret, type LeadDestination, Prisma } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import { managedOffers } from "../auth/tenancy.ts";
import type { Context, Viewer } from "../context.ts";
import { DomainError, notFound } from "../errors.ts";

/** The destinations a viewer may read and change: those of the offers it manages (admins: all). */
export function destinationScope(viewer: Viewer): Prisma.LeadDestinationWhereInput {
  return { offer: managedOffers(viewer) };
}

/** What a destination is made of, as the API receives it (already checked by the shared schema). */
export interface DestinationSettings {
  name: string;
  kind: LeadDestination["kind"];
  trigger: LeadDestination["trigger"];
  url: string | null;
  format: LeadDestination["format"];
  fieldMapping: { from: string; to: string }[];
  staticFields: Record<string, string>;
  recipients: string[];
  refusalRule: Prisma.InputJsonValue | null;
  active: boolean;
  /** WEBHOOK: the advertiser's own signing key; null = keep the current one, or generate one. */
  secret: string | null;
}

/** The audit log's copy: the configuration without the secret (its presence only). */
export function snapshot(row: LeadDestination) {
  const { offerId, name, kind, active, trigger, url, format, fieldMapping, staticFields, recipients } = row;
  return {
    offerId,
    name,
    kind,
    active,
    trigger,
    url,
    format,
    fieldMapping,
    staticFields,
    recipients,
    refusalRule: row.refusalRule,
    signed: row.secret !== null,
  };
}

function data(settings: DestinationSettings) {
  const webhook = settings.kind === "WEBHOOK";
  // One kind's settings do not linger under the other: an e-mail destination has no URL, a webhook
  // no recipients, so what the screen shows is what is used.
  return {
    name: settings.name,
    kind: settings.kind,
    active: settings.active,
    trigger: settings.trigger,
    url: webhook ? settings.url : null,
    format: settings.format,
    fieldMapping: settings.fieldMapping,
    staticFields: settings.staticFields,
    recipients: webhook ? [] : settings.recipients,
    // Only a webhook's answer can refuse a lead (an SMTP server's cannot).
    refusalRule: webhook && settings.refusalRule !== null ? settings.refusalRule : Prisma.DbNull,
  };
}

async function findOwn(tx: Prisma.TransactionClient, viewer: Viewer, id: number): Promise<LeadDestination> {
  const row = await tx.leadDestination.findFirst({ where: { AND: [{ id }, destinationScope(viewer)] } });
  if (!row) throw notFound("destination");
  return row;
}

/** A new destination; a webhook gets its signing secret, which this answer alone carries. */
export function createDestination(
  ctx: Pick<Context, "db">,
  viewer: Viewer,
  offerId: number,
  settings: DestinationSettings,
): Promise<{ destination: LeadDestination; secret: string | null }> {
  return ctx.db.$transaction(async (tx) => {
    const offer = await tx.offer.findFirst({ where: { AND: [{ id: offerId }, managedOffers(viewer)] } });
    if (!offer) throw notFound("offer");
    const generated = settings.kind === "WEBHOOK" && settings.secret === null ? generateSecret(32) : null;
    const secret = settings.kind === "WEBHOOK" ? (settings.secret ?? generated) : null;
    const destination = await tx.leadDestination.create({ data: { ...data(settings), offerId, secret } });
    await audit(tx, viewer, {
      action: "lead_destination.create",
      entityType: "LeadDestination",
      entityId: destination.id,
      after: snapshot(destination),
    });
    // Only a secret we made is shown: the advertiser already knows its own.
    return { destination, secret: generated };
  });
}

/**
 * Replaces a destination's settings. The secret stays unless the advertiser gives its own; a destination
 * that becomes a webhook without one gets one, shown in this answer only (like on creation).
 */
export function updateDestination(
  ctx: Pick<Context, "db">,
  viewer: Viewer,
  id: number,
  settings: DestinationSettings,
): Promise<{ destination: LeadDestination; secret: string | null }> {
  return ctx.db.$transaction(async (tx) => {
    const before = await findOwn(tx, viewer, id);
    const webhook = settings.kind === "WEBHOOK";
    const generated =
      webhook && settings.secret === null && before.secret === null ? generateSecret(32) : null;
    const secret = webhook ? (settings.secret ?? generated ?? before.secret) : null;
    const destination = await tx.leadDestination.update({
      where: { id },
      data: { ...data(settings), secret },
    });
    await audit(tx, viewer, {
      action: "lead_destination.update",
      entityType: "LeadDestination",
      entityId: id,
      before: snapshot(before),
      after: snapshot(destination),
    });
    return { destination, secret: generated };
  });
}

export function setDestinationActive(
  ctx: Pick<Context, "db">,
  viewer: Viewer,
  id: number,
  active: boolean,
): Promise<LeadDestination> {
  return ctx.db.$transaction(async (tx) => {
    const before = await findOwn(tx, viewer, id);
    const destination = await tx.leadDestination.update({ where: { id }, data: { active } });
    await audit(tx, viewer, {
      action: active ? "lead_destination.enable" : "lead_destination.disable",
      entityType: "LeadDestination",
      entityId: id,
      before: { active: before.active },
      after: { active },
    });
    return destination;
  });
}

/** A new signing secret: the old one stops verifying at once. */
export function rotateDestinationSecret(
  ctx: Pick<Context, "db">,
  viewer: Viewer,
  id: number,
): Promise<{ destination: LeadDestination; secret: string }> {
  return ctx.db.$transaction(async (tx) => {
    const before = await findOwn(tx, viewer, id);
    if (before.kind !== "WEBHOOK") throw new DomainError("invalid_input", "id: only webhooks are signed");
    const secret = generateSecret(32);
    const destination = await tx.leadDestination.update({ where: { id }, data: { secret } });
    // The secret itself never enters the audit log.
    await audit(tx, viewer, {
      action: "lead_destination.rotate_secret",
      entityType: "LeadDestination",
      entityId: id,
      after: { rotated: true },
    });
    return { destination, secret };
  });
}

/**
 * Deletes a destination that never delivered a real lead. One that did keeps its attempt log (the
 * evidence of what the CRM was sent and answered): disable it instead.
 */
export function deleteDestination(ctx: Pick<Context, "db">, viewer: Viewer, id: number): Promise<number> {
  return ctx.db.$transaction(async (tx) => {
    const before = await findOwn(tx, viewer, id);
    const real = await tx.leadDeliveryAttempt.count({ where: { destinationId: id, test: false } });
    if (real > 0) {
      throw new DomainError("conflict", "this destination has delivered leads: disable it instead");
    }
    await tx.leadDestination.delete({ where: { id } });
    await audit(tx, viewer, {
      action: "lead_destination.delete",
      entityType: "LeadDestination",
      entityId: id,
      before: snapshot(before),
    });
    return id;
  });
}
