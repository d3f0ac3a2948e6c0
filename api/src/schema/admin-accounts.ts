// Admins: suspend and reactivate advertiser and publisher accounts, disable and re-enable users (rules
// in accounts/account-status.ts). Creating accounts, users and API keys is in accounts.ts / api-keys.ts.
import { optionalStatusReason as reason } from "@leadrail/db/account-input";
import { setAccountStatus, setUserDisabled } from "../accounts/account-status.ts";
import { requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { DomainError } from "../errors.ts";
import { publishAccountInvalidation } from "../events/invalidate.ts";
import { AccountStatusEnum, intId } from "./common.ts";

const adminOnly = {
  authScopes: { admin: true },
  unauthorizedError: (_parent: unknown, _args: unknown, ctx: Context) =>
    ctx.viewer
      ? new DomainError("forbidden", "admin role required")
      : new DomainError("unauthenticated", "send an API key or session token: Authorization: Bearer <token>"),
} as const;

builder.mutationFields((t) => ({
  setAdvertiserStatus: t.prismaField({
    type: "Advertiser",
    description:
      "Admins: SUSPENDED stops the advertiser's users (sessions, API keys, sign-in), its offers' clicks (sent to the fallback URL), lead forms and postbacks until ACTIVE again. A reason is required to suspend.",
    ...adminOnly,
    errors: { types: [DomainError] },
    args: {
      id: t.arg.id({ required: true }).validate(intId),
      status: t.arg({ type: AccountStatusEnum, required: true }),
      reason: t.arg.string({ validate: reason }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      await setAccountStatus(ctx.db, viewer, {
        kind: "advertiser",
        id: args.id,
        status: args.status,
        reason: args.reason ?? null,
      });
      publishAccountInvalidation(ctx, "advertiser", args.id);
      return ctx.db.advertiser.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  setPublisherStatus: t.prismaField({
    type: "Publisher",
    description:
      "Admins: SUSPENDED stops the publisher's users (sessions, API keys, sign-in), its links' clicks (sent to the fallback URL), lead forms and new conversions until ACTIVE again. A reason is required to suspend.",
    ...adminOnly,
    errors: { types: [DomainError] },
    args: {
      id: t.arg.id({ required: true }).validate(intId),
      status: t.arg({ type: AccountStatusEnum, required: true }),
      reason: t.arg.string({ validate: reason }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      await setAccountStatus(ctx.db, viewer, {
        kind: "publisher",
        id: args.id,
        status: args.status,
        reason: args.reason ?? null,
      });
      publishAccountInvalidation(ctx, "publisher", args.id);
      return ctx.db.publisher.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  setUserDisabled: t.prismaField({
    type: "User",
    description:
      "Admins: a disabled user cannot sign in and their sessions and API keys stop working; not yourself.",
    ...adminOnly,
    errors: { types: [DomainError] },
    args: {
      id: t.arg.id({ required: true }).validate(intId),
      disabled: t.arg.boolean({ required: true }),
      reason: t.arg.string({ validate: reason }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      await setUserDisabled(ctx.db, viewer, {
        id: args.id,
        disabled: args.disabled,
        reason: args.reason ?? null,
      });
      return ctx.db.user.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
}));
