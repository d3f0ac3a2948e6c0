// Admins: change a user's role and account (rules in accounts/user-role.ts). Creating, disabling and
// enabling users are in accounts.ts / admin-accounts.ts.
import { setUserRole } from "../accounts/user-role.ts";
import { requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { DomainError } from "../errors.ts";
import { RoleEnum } from "./accounts.ts";
import { intId } from "./common.ts";

builder.mutationFields((t) => ({
  setUserRole: t.prismaField({
    type: "User",
    description:
      "Admins: a user's new role. ADVERTISER and PUBLISHER need `accountId` (the advertiser or publisher they belong to); ADMIN and FINANCE take none. Not your own role. The user's sessions end and their API keys are revoked, so the new role takes effect at once. Audited.",
    authScopes: { admin: true },
    unauthorizedError: (_parent: unknown, _args: unknown, ctx: Context) =>
      ctx.viewer
        ? new DomainError("forbidden", "admin role required")
        : new DomainError(
            "unauthenticated",
            "send an API key or session token: Authorization: Bearer <token>",
          ),
    errors: { types: [DomainError] },
    args: {
      id: t.arg.id({ required: true }).validate(intId),
      role: t.arg({ type: RoleEnum, required: true }),
      accountId: t.arg.id().validate(intId.nullish()),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      await setUserRole(ctx.db, viewer, { id: args.id, role: args.role, accountId: args.accountId ?? null });
      return ctx.db.user.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
}));
