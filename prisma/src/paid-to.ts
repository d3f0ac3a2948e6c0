// The copy of a publisher's payout details kept on a statement when it is marked paid
// (payout_statements.paid_to): its one shape, for the API that writes and reads it and the demo seed
// that writes paid statements the way the API would. Free of Prisma (@leadrail/db/paid-to).
import { z } from "zod";
import { PAYOUT_METHODS } from "./payout-details.ts";

export const paidToSchema = z.object({
  method: z.enum(PAYOUT_METHODS),
  accountHolder: z.string().nullable(),
  iban: z.string().nullable(),
  bic: z.string().nullable(),
  paypalEmail: z.string().nullable(),
  /** The details' own updated_at: which version of them the money was sent to. */
  detailsUpdatedAt: z.iso.datetime(),
});
export type PaidTo = z.infer<typeof paidToSchema>;

/** The snapshot of details as stored in publisher_payout_details. */
export function paidToOf(details: {
  method: PaidTo["method"];
  accountHolder: string | null;
  iban: string | null;
  bic: string | null;
  paypalEmail: string | null;
  updatedAt: Date;
}): PaidTo {
  return {
    method: details.method,
    accountHolder: details.accountHolder,
    iban: details.iban,
    bic: details.bic,
    paypalEmail: details.paypalEmail,
    detailsUpdatedAt: details.updatedAt.toISOString(),
  };
}
