// Admins create users: ADVERTISER and PUBLISHER users belong to an existing account, ADMIN and FINANCE
// to none. Without a password the user can only use API keys. One user per e-mail (a conflict).
import { type Db, hashPassword, type Role } from "@leadrail/db";
import { accountProblem } from "@leadrail/db/account-input";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import { conflictOnDuplicate } from "../db-errors.ts";
import { DomainError, invalidFields, notFound } from "../errors.ts";

export interface NewUser {
  role: Role;
  accountId?: number | null;
  email: string;
  name: string;
  password?: string | null;
}

/** Returns the new user's id. */
export async function createUser(db: Db, viewer: Viewer, input: NewUser): Promise<number> {
  const problem = accountProblem(input.role, Boolean(input.accountId));
  if (problem) throw invalidFields([{ path: ["accountId"], message: problem }]);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return conflictOnDuplicate(
    () =>
      db.$transaction(async (tx) => {
        if (
          input.role === "ADVERTISER" &&
          !(await tx.advertiser.findUnique({ where: { id: input.accountId ?? 0 } }))
        ) {
          throw onAccount(notFound("advertiser"));
        }
        if (
          input.role === "PUBLISHER" &&
          !(await tx.publisher.findUnique({ where: { id: input.accountId ?? 0 } }))
        ) {
          throw onAccount(notFound("publisher"));
        }
        // Checked first so the common case answers with the field; the unique index still decides a race.
        if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
          throw duplicateEmail();
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
    DUPLICATE_EMAIL,
    [{ path: ["email"], message: DUPLICATE_EMAIL }],
  );
}

const DUPLICATE_EMAIL = "a user with this e-mail exists";

function duplicateEmail(): DomainError {
  return new DomainError("conflict", DUPLICATE_EMAIL, [{ path: ["email"], message: DUPLICATE_EMAIL }]);
}

/** The same refusal, pointed at the account field so a form shows it there. */
function onAccount(error: DomainError): DomainError {
  return new DomainError(error.code, error.message, [{ path: ["accountId"], message: error.message }]);
}
