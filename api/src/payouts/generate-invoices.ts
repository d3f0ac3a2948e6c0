// generateAdvertiserInvoices(periodEnd): what each advertiser owes, per currency, as DRAFT invoices.
//
// Billable (a PAYOUT line, the conversion's revenue): an APPROVED conversion converted and approved by
// periodEnd, on no live invoice yet. No hold period: the hold protects the network from paying a
// publisher for a lead the advertiser may still reverse; billing the advertiser for a lead they
// approved needs no such wait, and a later reversal is credited as a CLAWBACK on the next invoice.
// Credited (a CLAWBACK line, negative): a REVERSED conversion (by periodEnd) whose live PAYOUT line sits
// on an APPROVED or PAID invoice, not credited yet. No minimum applies; a net credit (total ≤ 0) waits
// for later billing, as for statements (plan.ts).
import type { Db, Prisma } from "@leadrail/db";
import {
  type CandidateRow,
  type GenerateOptions,
  type GenerationResult,
  generateDocuments,
  toCandidates,
} from "./generate-documents.ts";
import { INVOICES } from "./kinds.ts";
import type { Candidate } from "./plan.ts";

async function loadInvoiceCandidates(tx: Prisma.TransactionClient, periodEnd: Date): Promise<Candidate[]> {
  const rows = await tx.$queryRaw<CandidateRow[]>`
    SELECT c.id::text AS conversion_id, o.advertiser_id AS owner_id, c.currency, 'PAYOUT' AS kind, c.revenue AS amount
    FROM conversions c
    JOIN offers o ON o.id = c.offer_id
    WHERE c.status = 'APPROVED'
      AND c.converted_at <= ${periodEnd}
      AND coalesce(c.approved_at, c.decided_at, c.converted_at) <= ${periodEnd}
      AND NOT EXISTS (SELECT 1 FROM invoice_lines l
                      WHERE l.conversion_id = c.id AND l.kind = 'PAYOUT' AND NOT l.voided)
    UNION ALL
    SELECT c.id::text, o.advertiser_id, c.currency, 'CLAWBACK', l.amount
    FROM conversions c
    JOIN offers o ON o.id = c.offer_id
    JOIN invoice_lines l ON l.conversion_id = c.id AND l.kind = 'PAYOUT' AND NOT l.voided
    JOIN advertiser_invoices i ON i.id = l.invoice_id AND i.status IN ('APPROVED', 'PAID')
    WHERE c.status = 'REVERSED'
      AND (c.reversed_at IS NULL OR c.reversed_at <= ${periodEnd})
      AND NOT EXISTS (SELECT 1 FROM invoice_lines k
                      WHERE k.conversion_id = c.id AND k.kind = 'CLAWBACK' AND NOT k.voided)`;
  return toCandidates(rows);
}

export function generateAdvertiserInvoices(db: Db, options: GenerateOptions): Promise<GenerationResult> {
  return generateDocuments(
    db,
    INVOICES,
    { loadCandidates: loadInvoiceCandidates, loadMinimums: async () => () => 0n },
    options,
  );
}
