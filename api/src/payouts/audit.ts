// Writes audit_log rows for payouts. Always called with the transaction that makes the change, so the
// change and its record commit together or not at all. (A shared audit module is coming from the offers
// work; this stays small until the two are merged.)
import type { Prisma } from "@leadrail/db";

export interface AuditEntry {
  actorUserId: number;
  action: string;
  entityType: string;
  entityId: string | number | bigint;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** JSON has no bigint and no Date: money becomes a decimal string, dates ISO-8601. */
export function toAuditJson(value: unknown): Prisma.InputJsonValue | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toAuditJson);
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toAuditJson(item)]));
  }
  return value as Prisma.InputJsonValue;
}

export async function writeAudit(
  tx: Prisma.TransactionClient,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.auditLog.createMany({
    data: entries.map((entry) => ({
      actorUserId: entry.actorUserId,
      // The label says through what the user acted (the seed writes "seed", the tracker "tracker").
      actorLabel: "api",
      action: entry.action,
      entityType: entry.entityType,
      entityId: String(entry.entityId),
      before: (entry.before ? toAuditJson(entry.before) : undefined) ?? undefined,
      after: (entry.after ? toAuditJson(entry.after) : undefined) ?? undefined,
    })),
  });
}
