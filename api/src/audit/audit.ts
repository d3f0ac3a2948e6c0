// The audit trail: every money or status change writes who did what, with before and after, in the
// same transaction as the change (the table is append-only; a trigger refuses UPDATE and DELETE).
import type { Prisma } from "@leadrail/db";
import type { Viewer } from "../context.ts";

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | number | bigint;
  before?: unknown;
  after?: unknown;
}

/** JSON-safe copy: bigint money as decimal strings, dates as ISO strings, undefined dropped. */
export function toAuditJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
  ) as Prisma.InputJsonValue;
}

/** Who acted, for domain functions that are handed a user id rather than the request's viewer. */
export interface Actor {
  userId: number | null;
  /** Through what they acted: "api_key", "session", "api", "system"... */
  label: string;
}

function actorOf(who: Viewer | Actor | null): Actor {
  if (who === null) return { userId: null, label: "system" };
  // How the user acted (API key or dashboard session); "system" when nobody did.
  return "label" in who ? who : { userId: who.userId, label: who.via };
}

/** Writes one row per entry. Pass the transaction client the change itself runs in. */
export async function audit(
  tx: Prisma.TransactionClient,
  who: Viewer | Actor | null,
  entries: AuditEntry | readonly AuditEntry[],
): Promise<void> {
  const list: readonly AuditEntry[] = Array.isArray(entries) ? entries : [entries as AuditEntry];
  if (list.length === 0) return;
  const actor = actorOf(who);
  await tx.auditLog.createMany({
    data: list.map((entry) => ({
      actorUserId: actor.userId,
      actorLabel: actor.label,
      action: entry.action,
      entityType: entry.entityType,
      entityId: String(entry.entityId),
      before: toAuditJson(entry.before),
      after: toAuditJson(entry.after),
    })),
  });
}
