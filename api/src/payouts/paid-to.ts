// Where a statement's money went. Marking a statement paid copies the publisher's payout details into
// it (payout_statements.paid_to), so the paid record keeps the account it was paid into when the
// publisher later changes theirs; an unpaid statement shows the details as they are now. Without
// details there is nowhere to send the money: marking paid is refused (the Payment details page says so).
import type { Prisma } from "@leadrail/db";
import { type PaidTo, paidToOf, paidToSchema } from "@leadrail/db/paid-to";
import { DomainError } from "../errors.ts";

/** A stored snapshot, or null for a statement paid before snapshots were kept (or not paid). */
export function readPaidTo(value: Prisma.JsonValue | null): PaidTo | null {
  if (value === null) return null;
  // Written only by snapshotPaidTo below; a shape that does not parse is a bug, not user data.
  return paidToSchema.parse(value);
}

export type { PaidTo };

/**
 * The publisher's details now, as the snapshot to store with the payment. FOR SHARE: a concurrent
 * change of the details waits for this payment, so the snapshot is what was current when it was paid.
 */
export async function snapshotPaidTo(
  tx: Prisma.TransactionClient,
  statementId: number,
  publisherId: number,
): Promise<PaidTo> {
  const [row] = await tx.$queryRaw<
    {
      method: PaidTo["method"];
      account_holder: string | null;
      iban: string | null;
      bic: string | null;
      paypal_email: string | null;
      updated_at: Date;
    }[]
  >`SELECT method::text AS method, account_holder, iban, bic, paypal_email, updated_at
    FROM publisher_payout_details WHERE publisher_id = ${publisherId} FOR SHARE`;
  if (!row) {
    throw new DomainError(
      "conflict",
      `statement ${statementId} cannot be marked paid: its publisher has not entered payout details ` +
        "yet, so there is nowhere to send the money. Ask the publisher to enter them on their Payment details page",
    );
  }
  return paidToOf({
    method: row.method,
    accountHolder: row.account_holder,
    iban: row.iban,
    bic: row.bic,
    paypalEmail: row.paypal_email,
    updatedAt: row.updated_at,
  });
}
