// Who an API key (or a session) acts as. One home for the rule because two services authenticate
// keys: the API (every GraphQL request) and the tracker's lead API (POST /v1/leads).
import type { AccountStatus, Prisma, PrismaClient, Role } from "../generated/client/client.ts";
import { hashApiKey } from "./credentials.ts";

/** Whether a user may act: not disabled, and its account (if it has one) not suspended. */
export function userMayAct(user: {
  disabledAt: Date | null;
  advertiser?: { status: AccountStatus } | null;
  publisher?: { status: AccountStatus } | null;
}): boolean {
  return (
    user.disabledAt === null &&
    user.advertiser?.status !== "SUSPENDED" &&
    user.publisher?.status !== "SUSPENDED"
  );
}

/** What the user row must include for userMayAct: its account's status. */
export const USER_WITH_ACCOUNT = {
  user: { include: { advertiser: { select: { status: true } }, publisher: { select: { status: true } } } },
} as const satisfies Prisma.ApiKeyInclude;

export interface ApiKeyUser {
  keyId: number;
  userId: number;
  role: Role;
  advertiserId: number | null;
  publisherId: number | null;
}

/** The shape of an API key: `lr_` and a long random tail (credentials.ts generateApiKey). */
export function looksLikeApiKey(token: string): boolean {
  return /^lr_[A-Za-z0-9_-]{8,509}$/.test(token);
}

/**
 * The user an API key acts as, or null: unknown or revoked key, disabled user, suspended account.
 * Keys are 256-bit random strings, so one SHA-256 lookup is safe and constant-cost.
 */
export async function resolveApiKey(
  db: Pick<PrismaClient, "apiKey">,
  key: string,
): Promise<ApiKeyUser | null> {
  if (!looksLikeApiKey(key)) return null;
  const row = await db.apiKey.findUnique({ where: { keyHash: hashApiKey(key) }, include: USER_WITH_ACCOUNT });
  if (!row || row.revokedAt || !userMayAct(row.user)) return null;
  const { id: userId, role, advertiserId, publisherId } = row.user;
  return { keyId: row.id, userId, role, advertiserId, publisherId };
}
