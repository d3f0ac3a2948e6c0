// generatePayoutStatements(periodEnd): what each publisher is owed, per currency, as DRAFT statements.
//
// Payable (a PAYOUT line): an APPROVED conversion with a publisher, converted by periodEnd, whose hold
// is over by periodEnd (approvedAt + offer.holdDays), and on no live statement yet.
// Taken back (a CLAWBACK line, negative): a REVERSED conversion (reversed by periodEnd) whose live PAYOUT
// line sits on an APPROVED or PAID statement, not clawed back yet; the amount is what that line paid.
// A conversion reversed before it was paid gets no line at all. Below the publisher's minimum nothing
// is created and the lines stay open for the next run (see plan.ts).
import type { Db, Prisma } from "@leadrail/db";
import {
  type CandidateRow,
  type GenerateOptions,
  type GenerationResult,
  generateDocuments,
  toCandidates,
} from "./generate-documents.ts";
import { STATEMENTS } from "./kinds.ts";
import { type Candidate, publisherMinimums } from "./plan.ts";

async function loadStatementCandidates(tx: Prisma.TransactionClient, periodEnd: Date): Promise<Candidate[]> {
  // approved_at is set when a conversion is approved; older rows without it count from their decision,
  // then from the conversion itself.
  const rows = await tx.$queryRaw<CandidateRow[]>`
    SELECT c.id::text AS conversion_id, c.publisher_id AS owner_id, c.currency, 'PAYOUT' AS kind, c.payout AS amount
    FROM conversions c
    JOIN offers o ON o.id = c.offer_id
    WHERE c.status = 'APPROVED'
      AND c.publisher_id IS NOT NULL
      AND c.converted_at <= ${periodEnd}
      AND coalesce(c.approved_at, c.decided_at, c.converted_at) + make_interval(days => o.hold_days) <= ${periodEnd}
      AND NOT EXISTS (SELECT 1 FROM payout_statement_lines l
                      WHERE l.conversion_id = c.id AND l.kind = 'PAYOUT' AND NOT l.voided)
    UNION ALL
    SELECT c.id::text, c.publisher_id, c.currency, 'CLAWBACK', l.amount
    FROM conversions c
    JOIN payout_statement_lines l ON l.conversion_id = c.id AND l.kind = 'PAYOUT' AND NOT l.voided
    JOIN payout_statements s ON s.id = l.statement_id AND s.status IN ('APPROVED', 'PAID')
    WHERE c.status = 'REVERSED'
      AND c.publisher_id IS NOT NULL
      AND (c.reversed_at IS NULL OR c.reversed_at <= ${periodEnd})
      AND NOT EXISTS (SELECT 1 FROM payout_statement_lines k
                      WHERE k.conversion_id = c.id AND k.kind = 'CLAWBACK' AND NOT k.voided)`;
  return toCandidates(rows);
}

export function generatePayoutStatements(db: Db, options: GenerateOptions): Promise<GenerationResult> {
  return generateDocuments(
    db,
    STATEMENTS,
    {
      loadCandidates: loadStatementCandidates,
      loadMinimums: async (tx, publisherIds) => {
        const publishers = await tx.publisher.findMany({
          where: { id: { in: publisherIds } },
          select: { id: true, minimumPayout: true, payoutCurrency: true },
        });
        return publisherMinimums(new Map(publishers.map((p) => [p.id, p])));
      },
    },
    options,
  );
}
