// Admins change a user's role (and, for advertiser and publisher users, the account they belong to).
// Rules:
// - nobody changes their own role: an admin cannot demote themself, and since the caller is an admin
//   who keeps their role, the network always keeps at least one admin;
// - ADVERTISER and PUBLISHER users need an existing account of that kind; ADMIN and FINANCE have none
//   (the users table's CHECK says the same);
// - the user's sessions end and their API keys are revoked: both were granted under the old role, and
//   a key wired into a publisher's tracker must not quietly become an admin's;
// - audited with before and after.
import type { Db, Role } from "@leadrail/db";
import { accountProblem } from "@leadrail/db/account-input";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import { DomainError, invalidFields, notFound } from "../errors.ts";

export interface RoleChange {
  id: number;
  role: Role;
  /** The advertiser (ADVERTISER) or publisher (PUBLISHER) the user belongs to; null otherwise. */
  accountId: number | null;
}

export async function setUserRole(db: Db, viewer: Viewer, input: RoleChange): Promise<void> {
  if (input.id === viewer.userId) {
    throw new DomainError("conflict", "you cannot change your own role: ask another admin");
  }
  const problem = accountProblem(input.role, input.accountId !== null);
  if (problem) throw invalidFields([{ path: ["accountId"], message: problem }]);
  const advertiserId = input.role === "ADVERTISER" ? input.accountId : null;
  const publisherId = input.role === "PUBLISHER" ? input.accountId : null;

  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: input.id },
      select: { role: true, advertiserId: true, publisherId: true },
    });
    if (!user) throw notFound("user");
    if (user.role === input.role && user.advertiserId === advertiserId && user.publisherId === publisherId) {
      throw new DomainError("conflict", "the user has this role and account already");
    }
    if (advertiserId !== null && !(await tx.advertiser.findUnique({ where: { id: advertiserId } }))) {
      throw onAccount(notFound("advertiser"));
    }
    if (publisherId !== null && !(await tx.publisher.findUnique({ where: { id: publisherId } }))) {
      throw onAccount(notFound("publisher"));
    }
    await tx.user.update({ where: { id: input.id }, data: { role: input.role, advertiserId, publisherId } });
    const sessions = await tx.session.deleteMany({ where: { userId: input.id } });
    const keys = await tx.apiKey.updateMany({
      where: { userId: input.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await audit(tx, viewer, {
      action: "user.role_change",
      entityType: "User",
      entityId: input.id,
      before: user,
      after: {
        role: input.role,
        advertiserId,
        publisherId,
        sessionsEnded: sessions.count,
        apiKeysRevoked: keys.count,
      },
    });
  });
}

/** The refusal pointed at the account field, so a form shows it there. */
function onAccount(error: DomainError): DomainError {
  return new DomainError(error.code, error.message, [{ path: ["accountId"], message: error.message }]);
}
