// Admins suspend and reactivate advertiser and publisher accounts, and disable and re-enable users.
// A suspended account's users are signed out in effect: their sessions and API keys stop resolving
// (auth/viewer.ts) and they cannot sign in, until the account is reactivated. A disabled user is the
// same for one person; their sessions are deleted outright. Every change is audited with its reason.
import type { AccountStatus, Db } from "@leadrail/db";
import { SUSPENSION_REASON_REQUIRED } from "@leadrail/db/account-input";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import { DomainError, invalidFields, notFound } from "../errors.ts";

export type AccountKind = "advertiser" | "publisher";

export async function setAccountStatus(
  db: Db,
  viewer: Viewer,
  input: { kind: AccountKind; id: number; status: AccountStatus; reason: string | null },
): Promise<void> {
  if (input.status === "SUSPENDED" && !input.reason) {
    throw invalidFields([{ path: ["reason"], message: SUSPENSION_REASON_REQUIRED }]);
  }
  await db.$transaction(async (tx) => {
    const current =
      input.kind === "advertiser"
        ? await tx.advertiser.findUnique({ where: { id: input.id }, select: { status: true } })
        : await tx.publisher.findUnique({ where: { id: input.id }, select: { status: true } });
    if (!current) throw notFound(input.kind);
    if (current.status === input.status) {
      throw new DomainError(
        "conflict",
        `the ${input.kind} is ${input.status === "ACTIVE" ? "active" : "suspended"} already`,
      );
    }
    if (input.kind === "advertiser") {
      await tx.advertiser.update({ where: { id: input.id }, data: { status: input.status } });
    } else {
      await tx.publisher.update({ where: { id: input.id }, data: { status: input.status } });
    }
    await audit(tx, viewer, {
      action: `${input.kind}.${input.status === "ACTIVE" ? "reactivate" : "suspend"}`,
      entityType: input.kind === "advertiser" ? "Advertiser" : "Publisher",
      entityId: input.id,
      before: { status: current.status },
      after: { status: input.status, reason: input.reason },
    });
  });
}

export async function setUserDisabled(
  db: Db,
  viewer: Viewer,
  input: { id: number; disabled: boolean; reason: string | null },
): Promise<void> {
  if (input.id === viewer.userId) {
    throw new DomainError("conflict", "you cannot disable yourself: ask another admin");
  }
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.id }, select: { disabledAt: true } });
    if (!user) throw notFound("user");
    if ((user.disabledAt !== null) === input.disabled) {
      throw new DomainError("conflict", `the user is ${input.disabled ? "disabled" : "enabled"} already`);
    }
    const disabledAt = input.disabled ? new Date() : null;
    await tx.user.update({ where: { id: input.id }, data: { disabledAt } });
    // Their open dashboard sessions end now rather than at expiry.
    if (input.disabled) await tx.session.deleteMany({ where: { userId: input.id } });
    await audit(tx, viewer, {
      action: input.disabled ? "user.disable" : "user.enable",
      entityType: "User",
      entityId: input.id,
      before: { disabledAt: user.disabledAt },
      after: { disabledAt, reason: input.reason },
    });
  });
}

// The rule itself is shared with the tracker's lead API (@leadrail/db api-key-auth.ts).
export { userMayAct } from "@leadrail/db";
