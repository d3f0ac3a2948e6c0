// The row lock every decision on leads starts with: the named leads of the viewer's offers, locked and
// read fresh, so two decisions on one lead run one after the other.
import { type Conversion, Prisma } from "@leadrail/db";
import { managedOffers } from "../auth/tenancy.ts";
import type { Viewer } from "../context.ts";
import { DomainError, notFound } from "../errors.ts";

/**
 * Locks the named leads of the viewer's offers and returns them fresh. Any id that is not one of them
 * fails the whole batch with not_found (nothing changes), whether it exists elsewhere or not at all.
 */
export async function lockLeads(
  tx: Prisma.TransactionClient,
  viewer: Viewer,
  ids: string[],
): Promise<Conversion[]> {
  const visible = await tx.conversion.findMany({
    where: { id: { in: ids }, offer: managedOffers(viewer) },
    select: { id: true },
  });
  if (visible.length !== ids.length) {
    const found = new Set(visible.map((row) => row.id));
    throw new DomainError("not_found", `lead ${ids.find((id) => !found.has(id))} not found`);
  }
  await tx.$queryRaw(
    Prisma.sql`select id from conversions where id in (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))}) for update`,
  );
  return tx.conversion.findMany({ where: { id: { in: ids } } });
}

/** Locks one lead of the viewer's offers (not found otherwise) and returns it with its offer's rules. */
export async function lockLead(tx: Prisma.TransactionClient, viewer: Viewer, id: string) {
  const visible = await tx.conversion.findFirst({
    where: { id, offer: managedOffers(viewer) },
    select: { id: true },
  });
  if (!visible) throw notFound("lead");
  await tx.$queryRaw`select id from conversions where id = ${id}::uuid for update`;
  return tx.conversion.findUniqueOrThrow({
    where: { id },
    include: { offer: { select: { contactLimit: true, contactPeriodHours: true } } },
  });
}
