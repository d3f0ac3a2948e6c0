// Generation, shared by statements and invoices: under a transaction-level advisory lock, load the
// candidates (SQL given by the caller), plan them (pure), insert each planned document with its lines
// and an audit row. One transaction: all documents of a run or none. previewDocuments runs the same
// planning step (planRun) without writing, so what finance previews is what a run would write.
import type { Db, Prisma } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import { mapDbErrors } from "../db-errors.ts";
import { invalidFields } from "../errors.ts";
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

/** The planning step of a run: candidates and minimums read from the database, then the pure plan. */
async function planRun(
  tx: Prisma.TransactionClient,
  source: GenerationSource,
  periodEnd: Date,
): Promise<Plan> {
  const candidates = await source.loadCandidates(tx, periodEnd);
  const ownerIds = [...new Set(candidates.map((c) => c.ownerId))];
  return planDocuments(candidates, await source.loadMinimums(tx, ownerIds));
}

/**
 * What generateDocuments would write for `periodEnd` now, written nowhere. One read-only REPEATABLE
 * READ transaction, so the candidates and the minimums come from one snapshot.
 */
export async function previewDocuments(
  db: Db,
  source: GenerationSource,
  options: { periodEnd: Date; now?: Date },
): Promise<Plan> {
  const refusal = periodEndRefusal(options.periodEnd, options.now ?? new Date());
  if (refusal) throw invalidFields([{ path: ["periodEnd"], message: refusal }]);
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET TRANSACTION READ ONLY`;
      return planRun(tx, source, options.periodEnd);
    },
    { isolationLevel: "RepeatableRead" },
  );
}

export async function generateDocuments(
  db: Db,
  kind: DocumentKind,
  source: GenerationSource,
  options: GenerateOptions,
): Promise<GenerationResult> {
  const now = options.now ?? new Date();
  const refusal = periodEndRefusal(options.periodEnd, now);
  if (refusal) throw invalidFields([{ path: ["periodEnd"], message: refusal }]);

  return mapDbErrors(() =>
    db.$transaction(async (tx) => {
      // Runs of one kind take turns; the second reads after the first committed (READ COMMITTED takes
      // a fresh snapshot per statement), finds the lines live and plans nothing for them.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${kind.lockKey})`;
      const plan = await planRun(tx, source, options.periodEnd);

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
