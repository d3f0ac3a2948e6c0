import type { Offer, Prisma } from "@leadrail/db";
import { notFound } from "../errors.ts";

/**
 * The offer, locked for the rest of the transaction, if the viewer may change it (`where` is the
 * viewer's managed offers): a form, its landing and its magnet change one at a time per offer.
 */
export async function lockManagedOffer(
  tx: Prisma.TransactionClient,
  where: Prisma.OfferWhereInput,
  id: number,
): Promise<Offer> {
  const visible = await tx.offer.findFirst({ where: { AND: [{ id }, where] }, select: { id: true } });
  if (!visible) throw notFound("offer");
  await tx.$queryRaw`select id from offers where id = ${id} for update`;
  return tx.offer.findUniqueOrThrow({ where: { id } });
}
