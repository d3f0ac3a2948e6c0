// The writing half of generation, shared by statements and invoices: under a transaction-level
// advisory lock, load the candidates (SQL given by the caller), plan them (pure), insert each planned
// document with its lines and an audit row. One transaction: all documents of a run or none.
import type { Db, Prisma } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import { mapDbErrors } from "../db-errors.ts";
import { DomainError } from "../errors.ts";
import type { DocumentKind } from "./kinds.ts";
import { type Candidate, type MinimumFor, type Plan, periodEndRefusal, planDocuments } from "./plan.ts";

export interface GenerateOptions {
  periodEnd: Date;
  /** Who runs it: recorded as generated_by_id, so they cannot approve what they generated. */
  actorUserId: number;
  now?: Date;
}

export interface GenerationResult {
  /** Ids of the documents created, in plan order (owner, then currency). */
  documentIds: number[];
  plan: Plan;
}

export interface GenerationSource {
  loadCandidates(tx: Prisma.TransactionClient, periodEnd: Date): Promise<Candidate[]>;
  loadMinimums(tx: Prisma.TransactionClient, ownerIds: number[]): Promise<MinimumFor>;
}

// Long enough for a large period; concurrent runs queue on the lock inside their own transactions.
const TRANSACTION = { maxWait: 30_000, timeout: 120_000 } as const;

export async function generateDocuments(
  db: Db,
  kind: DocumentKind,
  source: GenerationSource,
  options: GenerateOptions,
): Promise<GenerationResult> {
  const now = options.now ?? new Date();
  const refusal = periodEndRefusal(options.periodEnd, now);
  if (refusal) throw new DomainError("invalid_input", refusal);

  return mapDbErrors(() =>
    db.$transaction(async (tx) => {
      // Runs of one kind take turns; the second reads after the first committed (READ COMMITTED takes
      // a fresh snapshot per statement), finds the lines live and plans nothing for them.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${kind.lockKey})`;
      const candidates = await source.loadCandidates(tx, options.periodEnd);
      const ownerIds = [...new Set(candidates.map((c) => c.ownerId))];
      const plan = planDocuments(candidates, await source.loadMinimums(tx, ownerIds));

      const documentIds: number[] = [];
      for (const document of plan.documents) {
        const [created] = await tx.$queryRaw<{ id: number }[]>`
          INSERT INTO ${kind.table} (${kind.ownerColumn}, currency, period_end, status, total, generated_by_id)
          VALUES (${document.ownerId}, ${document.currency}, ${options.periodEnd}, 'DRAFT', ${document.total},
                  ${options.actorUserId})
          RETURNING id`;
        if (!created) throw new Error(`inserting a ${kind.noun} returned no id`);
        // One INSERT per document; unnest keeps the plan's order, so line ids follow it.
        await tx.$executeRaw`
          INSERT INTO ${kind.lineTable} (${kind.documentColumn}, conversion_id, kind, amount)
          SELECT ${created.id}, t.conversion_id::uuid, t.kind::"LineKind", t.amount::bigint
          FROM unnest(${document.lines.map((l) => l.conversionId)}::text[],
                      ${document.lines.map((l) => l.kind)}::text[],
                      ${document.lines.map((l) => l.amount.toString())}::text[]) AS t(conversion_id, kind, amount)`;
        documentIds.push(created.id);
      }

      await audit(
        tx,
        { userId: options.actorUserId, label: "api" },
        plan.documents.map((document, index) => ({
          action: `${kind.noun}.generated`,
          entityType: kind.entityType,
          entityId: documentIds[index] ?? "",
          before: null,
          after: {
            status: "DRAFT",
            ownerId: document.ownerId,
            currency: document.currency,
            periodEnd: options.periodEnd,
            total: document.total,
            lines: document.lines.length,
            payoutLines: document.lines.filter((l) => l.kind === "PAYOUT").length,
            clawbackLines: document.lines.filter((l) => l.kind === "CLAWBACK").length,
            generatedById: options.actorUserId,
          },
        })),
      );
      return { documentIds, plan };
    }, TRANSACTION),
  );
}
