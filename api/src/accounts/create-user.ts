// Admins create users: ADVERTISER and PUBLISHER users belong to an existing account, ADMIN and FINANCE
// to none. Without a password the user can only use API keys. One user per e-mail (a conflict).
import { type Db, hashPassword, type Role } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import { conflictOnDuplicate } from "../db-errors.ts";
import { DomainError, notFound } from "../errors.ts";

export interface NewUser {
  role: Role;
  accountId?: number | null;
  email: string;
  name: string;
  password?: string | null;
}

/** Returns the new user's id. */
export async function createUser(db: Db, viewer: Viewer, input: NewUser): Promise<number> {
  const accountRole = input.role === "ADVERTISER" || input.role === "PUBLISHER";
  if (accountRole && !input.accountId) {
    throw new DomainError("invalid_input", `accountId: required for ${input.role} users`);
  }
  if (!accountRole && input.accountId) {
    throw new DomainError("invalid_input", `accountId: ${input.role} users belong to no account`);
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return conflictOnDuplicate(
    () =>
      db.$transaction(async (tx) => {
        if (
          input.role === "ADVERTISER" &&
          !(await tx.advertiser.findUnique({ where: { id: input.accountId ?? 0 } }))
        ) {
          throw notFound("advertiser");
        }
        if (
          input.role === "PUBLISHER" &&
          !(await tx.publisher.findUnique({ where: { id: input.accountId ?? 0 } }))
        ) {
          throw notFound("publisher");
        }
        const created = await tx.user.create({
          data: {
            email: input.email,
            name: input.name,
            role: input.role,
            passwordHash,
            advertiserId: input.role === "ADVERTISER" ? input.accountId : null,
            publisherId: input.role === "PUBLISHER" ? input.accountId : null,
          },
        });
        await audit(tx, viewer, {
          action: "user.create",
          entityType: "User",
          entityId: created.id,
          after: {
            email: created.email,
            role: created.role,
            advertiserId: created.advertiserId,
            publisherId: created.publisherId,
            hasPassword: passwordHash !== null,
          },
        });
        return created.id;
      }),
    "a user with this e-mail exists",
  );
}
