// generateAdvertiserInvoices(periodEnd): what each advertiser owes, per currency, as DRAFT invoices.
//
// Billable (a PAYOUT line, the conversion's revenue): an APPROVED conversion converted and approved by
// periodEnd, on no live invoice yet. No hold period: the hold protects the network from paying a
// publisher for a lead the advertiser may still reverse; billing the advertiser for a lead they
// approved needs no such wait, and a later reversal is credited as a CLAWBACK on the next invoice.
// Credited (a CLAWBACK line, negative): a REVERSED conversion (by periodEnd) whose live PAYOUT line sits
// on an APPROVED or PAID invoice, not credited yet. No minimum applies; a net credit (total ≤ 0) waits
// for later billing, as for statements (plan.ts).
import { type Db, Prisma } from "@leadrail/db";
import { type CandidateRules, loadCandidates } from "./candidates.ts";
import {
  type GenerateOptions,
  type GenerationResult,
  type GenerationSource,
  generateDocuments,
  previewDocuments,
} from "./generate-documents.ts";
import { INVOICES } from "./kinds.ts";
import type { Plan } from "./plan.ts";

const INVOICE_RULES: CandidateRules = {
  owner: Prisma.sql`o.advertiser_id`,
  amount: Prisma.sql`c.revenue`,
  dueAt: Prisma.sql`coalesce(c.approved_at, c.decided_at, c.converted_at)`,
};

const INVOICE_SOURCE: GenerationSource = {
  loadCandidates: (tx, periodEnd) => loadCandidates(tx, INVOICES, INVOICE_RULES, periodEnd),
  loadMinimums: async () => () => 0n,
};

export function generateAdvertiserInvoices(db: Db, options: GenerateOptions): Promise<GenerationResult> {
  return generateDocuments(db, INVOICES, INVOICE_SOURCE, options);
}

/** What generateAdvertiserInvoices would create for `periodEnd`, written nowhere. */
export function previewAdvertiserInvoices(db: Db, options: { periodEnd: Date; now?: Date }): Promise<Plan> {
  return previewDocuments(db, INVOICE_SOURCE, options);
}
