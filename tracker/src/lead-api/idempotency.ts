// The lead API's idempotency record (table lead_api_requests): one row per (publisher, request id)
// whose lead was recorded, holding the answer given. The body is compared by hash.
//
// A row is kept LEAD_API_REQUEST_RETENTION_DAYS (answerExpiry: deleted by the outbox relay's hourly
// cleanup); the same request id after that is a new request. A publisher retries within minutes or
// hours, so a week covers a retry while the table stays the size of a week's leads.
import { createHash } from "node:crypto";
import type { Db } from "@leadrail/db";
import type { Expiry } from "../maintenance/expire-rows.ts";
import { canonicalJson } from "./lead-request.ts";

/** The idempotency records older than `retentionDays`, for the hourly cleanup. */
export function answerExpiry(retentionDays: number): Expiry {
  return { table: "lead_api_requests", column: "created_at", days: retentionDays };
}

export interface StoredAnswer {
  bodyHash: string;
  status: number;
  answer: Record<string, unknown>;
}

/** SHA-256 of the body as canonical JSON, without request_id (it may come in the header instead). */
export function bodyHash(body: Record<string, unknown>): string {
  const { request_id: _id, ...rest } = body;
  return createHash("sha256").update(canonicalJson(rest)).digest("hex");
}

export async function findAnswer(
  db: Db,
  publisherId: number,
  requestId: string,
): Promise<StoredAnswer | null> {
  const row = await db.leadApiRequest.findUnique({
    where: { publisherId_requestId: { publisherId, requestId } },
    select: { bodyHash: true, status: true, answer: true },
  });
  return row === null ? null : { ...row, answer: row.answer as Record<string, unknown> };
}

/**
 * Stores the answer unless one is stored already, and returns the one that is: under the lock the
 * route holds there is never another, but a lock that timed out must still not give two answers.
 */
export async function storeAnswer(
  db: Db,
  entry: { publisherId: number; requestId: string; conversionId: string } & StoredAnswer,
): Promise<StoredAnswer> {
  await db.$executeRaw`
    insert into lead_api_requests (publisher_id, request_id, body_hash, conversion_id, status, answer)
    values (${entry.publisherId}, ${entry.requestId}, ${entry.bodyHash}, ${entry.conversionId}::uuid,
      ${entry.status}, ${JSON.stringify(entry.answer)}::jsonb)
    on conflict (publisher_id, request_id) do nothing`;
  const stored = await findAnswer(db, entry.publisherId, entry.requestId);
  if (stored === null) throw new Error(`lead_api_requests row for ${entry.requestId} vanished`);
  return stored;
}
