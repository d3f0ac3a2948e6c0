// API keys for scripts and integrations: created for a user (the key is returned once; only its
// SHA-256 is kept) and revoked at once. Both audited.
import { type Db, generateApiKey, type Prisma } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import { DomainError, notFound } from "../errors.ts";

/** Admins manage every key; anyone else only their own (another user's key is "not found"). */
export function ownKeys(viewer: Viewer): Prisma.ApiKeyWhereInput {
  return viewer.role === "ADMIN" ? {} : { userId: viewer.userId };
}

/** Admins create keys for anyone; others only for themselves. Returns the id and the key, once. */
export async function createApiKey(
  db: Db,
  viewer: Viewer,
  input: { userId: number; name: string },
): Promise<{ id: number; key: string }> {
  if (viewer.role !== "ADMIN" && input.userId !== viewer.userId) throw notFound("user");
  const { key, prefix, keyHash } = generateApiKey();
  const id = await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) throw notFound("user");
    if (user.disabledAt) throw new DomainError("conflict", "the user is disabled");
    const created = await tx.apiKey.create({
      data: { userId: user.id, name: input.name, prefix, keyHash },
    });
    await audit(tx, viewer, {
      action: "api_key.create",
      entityType: "ApiKey",
      entityId: created.id,
      after: { userId: user.id, name: created.name, prefix },
    });
    return created.id;
  });
  return { id, key };
}

export async function revokeApiKey(db: Db, viewer: Viewer, id: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { AND: [{ id }, ownKeys(viewer)] } });
    if (!key) throw notFound("API key");
    if (key.revokedAt) throw new DomainError("conflict", "already revoked");
    const revokedAt = new Date();
    await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt } });
    await audit(tx, viewer, {
      action: "api_key.revoke",
      entityType: "ApiKey",
      entityId: key.id,
      before: { revokedAt: null },
      after: { revokedAt },
    });
  });
}
