// generatePayoutStatements(periodEnd): what each publisher is owed, per currency, as DRAFT statements.
//
// Payable (a PAYOUT line): an APPROVED conversion with a publisher, converted by periodEnd, whose hold
// is over by periodEnd (approvedAt + offer.holdDays), and on no live statement yet.
// Taken back (a CLAWBACK line, negative): a REVERSED conversion (reversed by periodEnd) whose live PAYOUT
// line sits on an APPROVED or PAID statement, not clawed back yet; the amount is what that line paid.
// A conversion reversed before it was paid gets no line at all. Below the publisher's minimum nothing
// is created and the lines stay open for the next run (see plan.ts).
import { type Db, Prisma } from "@leadrail/db";
import { type CandidateRules, loadCandidates } from "./candidates.ts";
import {
  type GenerateOptions,
  type GenerationResult,
  type GenerationSource,
  generateDocuments,
  previewDocuments,
} from "./generate-documents.ts";
import { STATEMENTS } from "./kinds.ts";
import { type Plan, publisherMinimums } from "./plan.ts";

const STATEMENT_RULES: CandidateRules = {
  // Conversions without a publisher (owner NULL) are never paid out.
  owner: Prisma.sql`c.publisher_id`,
  amount: Prisma.sql`c.payout`,
  // approved_at is set when a conversion is approved; older rows without it count from their decision,
  // then from the conversion itself.
  dueAt: Prisma.sql`coalesce(c.approved_at, c.decided_at, c.converted_at) + make_interval(days => o.hold_days)`,
};

const STATEMENT_SOURCE: GenerationSource = {
  loadCandidates: (tx, periodEnd) => loadCandidates(tx, STATEMENTS, STATEMENT_RULES, periodEnd),
  loadMinimums: async (tx, publisherIds) => {
    const publishers = await tx.publisher.findMany({
      where: { id: { in: publisherIds } },
      select: { id: true, minimumPayout: true, payoutCurrency: true },
    });
    return publisherMinimums(new Map(publishers.map((p) => [p.id, p])));
  },
};

export function generatePayoutStatements(db: Db, options: GenerateOptions): Promise<GenerationResult> {
  return generateDocuments(db, STATEMENTS, STATEMENT_SOURCE, options);
}

/** What generatePayoutStatements would create for `periodEnd`, written nowhere. */
export function previewPayoutStatements(db: Db, options: { periodEnd: Date; now?: Date }): Promise<Plan> {
  return previewDocuments(db, STATEMENT_SOURCE, options);
}
