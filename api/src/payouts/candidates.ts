// What a generation run may put on new documents of a kind, as candidates for plan.ts: PAYOUT lines for
// approved conversions that are due and on no live document yet, and CLAWBACK lines (the amount that
// PAYOUT line carried, negated by the plan) for reversed conversions whose PAYOUT line sits on an
// APPROVED or PAID document and that have no live CLAWBACK yet. One query for both kinds; what differs
// between them (whose document it is, which amount, when a conversion falls due) is the kind's
// CandidateRules. The identifiers are constants, never user input.
import type { Prisma } from "@leadrail/db";
import type { DocumentKind } from "./kinds.ts";
import type { Candidate } from "./plan.ts";

export interface CandidateRules {
  /** The document's owner, from conversion `c` and its offer `o`. */
  owner: Prisma.Sql;
  /** What an approved conversion puts on the document (c.payout, c.revenue). */
  amount: Prisma.Sql;
  /** When an approved conversion falls due (hold periods differ between kinds). */
  dueAt: Prisma.Sql;
}

interface CandidateRow {
  conversion_id: string;
  owner_id: number;
  currency: string;
  kind: "PAYOUT" | "CLAWBACK";
  amount: bigint;
}

export async function loadCandidates(
  tx: Prisma.TransactionClient,
  kind: DocumentKind,
  rules: CandidateRules,
  periodEnd: Date,
): Promise<Candidate[]> {
  const rows = await tx.$queryRaw<CandidateRow[]>`
    SELECT c.id::text AS conversion_id, ${rules.owner} AS owner_id, c.currency, 'PAYOUT' AS kind, ${rules.amount} AS amount
    FROM conversions c
    JOIN offers o ON o.id = c.offer_id
    WHERE c.status = 'APPROVED'
      AND ${rules.owner} IS NOT NULL
      AND c.converted_at <= ${periodEnd}
      AND ${rules.dueAt} <= ${periodEnd}
      AND NOT EXISTS (SELECT 1 FROM ${kind.lineTable} l
                      WHERE l.conversion_id = c.id AND l.kind = 'PAYOUT' AND NOT l.voided)
    UNION ALL
    SELECT c.id::text, ${rules.owner}, c.currency, 'CLAWBACK', l.amount
    FROM conversions c
    JOIN offers o ON o.id = c.offer_id
    JOIN ${kind.lineTable} l ON l.conversion_id = c.id AND l.kind = 'PAYOUT' AND NOT l.voided
    JOIN ${kind.table} d ON d.id = l.${kind.documentColumn} AND d.status IN ('APPROVED', 'PAID')
    WHERE c.status = 'REVERSED'
      AND ${rules.owner} IS NOT NULL
      AND (c.reversed_at IS NULL OR c.reversed_at <= ${periodEnd})
      AND NOT EXISTS (SELECT 1 FROM ${kind.lineTable} k
                      WHERE k.conversion_id = c.id AND k.kind = 'CLAWBACK' AND NOT k.voided)`;
  return rows.map((row) => ({
    conversionId: row.conversion_id,
    ownerId: row.owner_id,
    currency: row.currency,
    kind: row.kind,
    amount: row.amount,
  }));
}
