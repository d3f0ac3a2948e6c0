// approve / mark paid / void a statement or an invoice. Each runs in one transaction: lock the document
// row (FOR UPDATE, so two finance users cannot approve or pay it at once), check the pure rules
// (lifecycle.ts), update, and write audit_log with before and after. The database checks the same
// rules again; mapDbErrors turns a refusal that slips through a race into a typed conflict.
import type { Db, Prisma } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import { mapDbErrors } from "../db-errors.ts";
import { DomainError, invalidFields } from "../errors.ts";
import type { DocumentKind } from "./kinds.ts";
import {
  approvalRefusal,
  type DocumentStatus,
  type PaymentInput,
  paymentRefusal,
  type Refusal,
  voidRefusal,
} from "./lifecycle.ts";
import { snapshotPaidTo } from "./paid-to.ts";
import { forAudit } from "./payout-details.ts";

interface DocumentRow {
  id: number;
  status: DocumentStatus;
  total: bigint;
  currency: string;
  owner_id: number;
  generated_by_id: number | null;
  approved_by_id: number | null;
  approved_at: Date | null;
  paid_at: Date | null;
  voided_at: Date | null;
}

export interface ActionOptions {
  id: number;
  actorUserId: number;
  now?: Date;
}

async function lockDocument(
  tx: Prisma.TransactionClient,
  kind: DocumentKind,
  id: number,
): Promise<DocumentRow> {
  const [row] = await tx.$queryRaw<DocumentRow[]>`
    SELECT id, status::text AS status, total, currency, ${kind.ownerColumn} AS owner_id, generated_by_id,
           approved_by_id, approved_at, paid_at, voided_at
    FROM ${kind.table} WHERE id = ${id} FOR UPDATE`;
  if (!row) throw new DomainError("not_found", `${kind.noun} ${id} not found`);
  return row;
}

/** What the audit log keeps of a document, before and after a change. */
function snapshot(row: DocumentRow) {
  return {
    status: row.status,
    total: row.total,
    currency: row.currency,
    generatedById: row.generated_by_id,
    approvedById: row.approved_by_id,
    approvedAt: row.approved_at,
    paidAt: row.paid_at,
    voidedAt: row.voided_at,
  };
}

function refuse(refusal: Refusal | null): void {
  if (!refusal) return;
  if (refusal.field) throw invalidFields([{ path: [refusal.field], message: refusal.message }]);
  throw new DomainError(refusal.code, refusal.message);
}

const stateOf = (row: DocumentRow) => ({
  id: row.id,
  status: row.status,
  generatedById: row.generated_by_id,
});

export function approveDocument(db: Db, kind: DocumentKind, options: ActionOptions): Promise<void> {
  const { id, actorUserId } = options;
  const now = options.now ?? new Date();
  return mapDbErrors(() =>
    db.$transaction(async (tx) => {
      const before = await lockDocument(tx, kind, id);
      const stale = await tx.$queryRaw<{ id: string }[]>`
        SELECT l.conversion_id::text AS id FROM ${kind.lineTable} l JOIN conversions c ON c.id = l.conversion_id
        WHERE l.${kind.documentColumn} = ${id} AND l.kind = 'PAYOUT' AND c.status <> 'APPROVED'
        ORDER BY l.id`;
      refuse(
        approvalRefusal(
          kind.noun,
          stateOf(before),
          actorUserId,
          stale.map((row) => row.id),
        ),
      );
      await tx.$executeRaw`
        UPDATE ${kind.table} SET status = 'APPROVED', approved_by_id = ${actorUserId}, approved_at = ${now}
        WHERE id = ${id}`;
      const after: DocumentRow = {
        ...before,
        status: "APPROVED",
        approved_by_id: actorUserId,
        approved_at: now,
      };
      await audit(tx, { userId: actorUserId, label: "api" }, [
        {
          action: `${kind.noun}.approved`,
          entityType: kind.entityType,
          entityId: id,
          before: snapshot(before),
          after: snapshot(after),
        },
      ]);
    }),
  );
}

/**
 * APPROVED → PAID, recording a Payment of exactly the total in the document's currency. A statement
 * also keeps a copy of the publisher's payout details (paid-to.ts); without details it is refused.
 */
export function markDocumentPaid(
  db: Db,
  kind: DocumentKind,
  options: ActionOptions & PaymentInput,
): Promise<{ paymentId: number }> {
  const { id, actorUserId, paidAt } = options;
  const now = options.now ?? new Date();
  const reference = options.reference.trim();
  return mapDbErrors(() =>
    db.$transaction(async (tx) => {
      const before = await lockDocument(tx, kind, id);
      refuse(paymentRefusal(kind.noun, stateOf(before), { reference, paidAt }, now));
      const paidTo = kind.recordsPayee ? await snapshotPaidTo(tx, id, before.owner_id) : null;
      if (paidTo) {
        await tx.$executeRaw`
          UPDATE ${kind.table} SET status = 'PAID', paid_at = ${paidAt}, paid_to = ${JSON.stringify(paidTo)}::jsonb
          WHERE id = ${id}`;
      } else {
        await tx.$executeRaw`UPDATE ${kind.table} SET status = 'PAID', paid_at = ${paidAt} WHERE id = ${id}`;
      }
      const [payment] = await tx.$queryRaw<{ id: number }[]>`
        INSERT INTO payments (${kind.documentColumn}, amount, currency, reference, paid_at, recorded_by_id)
        VALUES (${id}, ${before.total}, ${before.currency}, ${reference}, ${paidAt}, ${actorUserId})
        RETURNING id`;
      if (!payment) throw new Error("inserting a payment returned no id");
      const after: DocumentRow = { ...before, status: "PAID", paid_at: paidAt };
      await audit(tx, { userId: actorUserId, label: "api" }, [
        {
          action: `${kind.noun}.paid`,
          entityType: kind.entityType,
          entityId: id,
          before: snapshot(before),
          after: {
            ...snapshot(after),
            paymentId: payment.id,
            reference,
            // Masked like every payout-details entry: the audit trail is read more widely.
            ...(paidTo ? { paidTo: forAudit(paidTo) } : {}),
          },
        },
        {
          action: "payment.recorded",
          entityType: "Payment",
          entityId: payment.id,
          before: null,
          after: {
            [`${kind.noun}Id`]: id,
            amount: before.total,
            currency: before.currency,
            reference,
            paidAt,
          },
        },
      ]);
      return { paymentId: payment.id };
    }),
  );
}

/** DRAFT or APPROVED → VOID. The database releases the lines, so their conversions are open again. */
export function voidDocument(
  db: Db,
  kind: DocumentKind,
  options: ActionOptions & { reason: string },
): Promise<void> {
  const { id, actorUserId } = options;
  const now = options.now ?? new Date();
  const reason = options.reason.trim();
  return mapDbErrors(() =>
    db.$transaction(async (tx) => {
      // Taken before the row lock, in the same order as generation: a run in progress finishes first,
      // so it never plans a clawback against a payout this void is about to release.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${kind.lockKey})`;
      const before = await lockDocument(tx, kind, id);
      const clawbacks = await tx.$queryRaw<{ document_id: number }[]>`
        SELECT DISTINCT k.${kind.documentColumn} AS document_id
        FROM ${kind.lineTable} p
        JOIN ${kind.lineTable} k ON k.conversion_id = p.conversion_id AND k.kind = 'CLAWBACK' AND NOT k.voided
        WHERE p.${kind.documentColumn} = ${id} AND p.kind = 'PAYOUT' AND NOT p.voided
          AND k.${kind.documentColumn} <> ${id}`;
      refuse(
        voidRefusal(
          kind.noun,
          stateOf(before),
          reason,
          clawbacks.map((c) => c.document_id),
        ),
      );
      const released = await tx.$executeRaw`
        UPDATE ${kind.table} SET status = 'VOID', voided_at = ${now} WHERE id = ${id}`;
      if (released !== 1) throw new Error(`voiding ${kind.noun} ${id} updated ${released} rows`);
      const after: DocumentRow = { ...before, status: "VOID", voided_at: now };
      await audit(tx, { userId: actorUserId, label: "api" }, [
        {
          action: `${kind.noun}.voided`,
          entityType: kind.entityType,
          entityId: id,
          before: snapshot(before),
          after: { ...snapshot(after), reason },
        },
      ]);
    }),
  );
}
