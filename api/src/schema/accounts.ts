// Accounts: who am I, logging in and out of the dashboard; admins manage advertisers, publishers and
// users (API keys are in api-keys.ts).
import { generateSecret, hashApiKey, type Prisma, verifyPassword } from "@leadrail/db";
import * as rules from "@leadrail/db/account-input";
import { z } from "zod";
import { userMayAct } from "../accounts/account-status.ts";
import { createAdvertiser, createPublisher } from "../accounts/create-account.ts";
import { createUser } from "../accounts/create-user.ts";
import { loginLimiter } from "../auth/login-limit.ts";
import { requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import { DomainError } from "../errors.ts";
import { AccountStatusEnum, intId, MoneyRef, money, searchText } from "./common.ts";

export const RoleEnum = builder.enumType("Role", {
  values: ["ADMIN", "ADVERTISER", "PUBLISHER", "FINANCE"] as const,
});

builder.prismaObject("Advertiser", {
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    status: t.expose("status", { type: AccountStatusEnum }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaObject("Publisher", {
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    status: t.expose("status", { type: AccountStatusEnum }),
    payoutCurrency: t.exposeString("payoutCurrency"),
    minimumPayout: t.field({
      type: MoneyRef,
      nullable: true,
      description: "Statements below this carry forward. Only for the publisher itself, admins and finance.",
      resolve: (publisher, _args, ctx) => {
        const viewer = ctx.viewer;
        const allowed =
          viewer?.role === "ADMIN" || viewer?.role === "FINANCE" || viewer?.publisherId === publisher.id;
        return allowed ? money(publisher.minimumPayout, publisher.payoutCurrency) : null;
      },
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

const UserRef = builder.prismaObject("User", {
  fields: (t) => ({
    id: t.exposeID("id"),
    email: t.exposeString("email"),
    name: t.exposeString("name"),
    role: t.field({ type: RoleEnum, resolve: (user) => user.role }),
    advertiser: t.relation("advertiser", { nullable: true }),
    publisher: t.relation("publisher", { nullable: true }),
    disabledAt: t.expose("disabledAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("me", (t) =>
  t.prismaField({
    type: "User",
    nullable: true,
    description: "The authenticated user, or null without valid credentials.",
    authScopes: { loggedIn: true },
    // Anonymous callers get null rather than an error (the dashboard asks this to learn whether it is logged in).
    unauthorizedResolver: () => null,
    resolve: (query, _root, _args, ctx) =>
      ctx.db.user.findUnique({ ...query, where: { id: requireViewer(ctx).userId } }),
  }),
);

// ───────────────────────────── login ─────────────────────────────

interface LoginSession {
  token: string;
  expiresAt: Date;
  user: { id: number };
}

const LoginResult = builder.objectRef<LoginSession>("LoginResult").implement({
  fields: (t) => ({
    token: t.exposeString("token", { description: "Send as `Authorization: Bearer <token>`." }),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
    user: t.prismaField({
      type: UserRef,
      resolve: (query, session, _args, ctx) =>
        ctx.db.user.findUniqueOrThrow({ ...query, where: { id: session.user.id } }),
    }),
  }),
});

builder.mutationField("login", (t) =>
  t.field({
    type: LoginResult,
    description:
      "Starts a dashboard session. 10 failures per e-mail and address in 15 minutes → rate_limited.",
    errors: { types: [DomainError] },
    args: {
      email: t.arg.string({ required: true, validate: z.string().email().max(320) }),
      password: t.arg.string({ required: true, validate: z.string().min(1).max(1024) }),
    },
    resolve: async (_root, { email: rawEmail, password }, ctx) => {
      const email = rawEmail.toLowerCase();
      const limiter = loginLimiter(ctx.redis, ctx.logger);
      // Checked before the password, so a blocked caller learns nothing from further guesses.
      if (await limiter.blocked(email, ctx.clientIp)) {
        throw new DomainError("rate_limited", "too many failed logins: try again later");
      }
      const user = await ctx.db.user.findUnique({ where: { email } });
      // Same answer for unknown email and wrong password: no account enumeration.
      const ok =
        user?.passwordHash && !user.disabledAt && (await verifyPassword(user.passwordHash, password));
      if (!user || !ok) {
        await limiter.recordFailure(email, ctx.clientIp);
        throw new DomainError("unauthenticated", "wrong email or password");
      }
      await limiter.clear(email, ctx.clientIp);
      // Said only after the right password, so it reveals nothing to a guesser.
      const account = await ctx.db.user.findUniqueOrThrow({
        where: { id: user.id },
        select: { advertiser: { select: { status: true } }, publisher: { select: { status: true } } },
      });
      if (!userMayAct({ disabledAt: null, ...account })) {
        throw new DomainError("forbidden", "this account is suspended: contact the network");
      }
      const token = generateSecret(32);
      const expiresAt = new Date(Date.now() + ctx.sessionTtlHours * 3600_000);
      await ctx.db.session.create({ data: { userId: user.id, tokenHash: hashApiKey(token), expiresAt } });
      return { token, expiresAt, user };
    },
  }),
);

builder.mutationField("logout", (t) =>
  t.boolean({
    authScopes: { loggedIn: true },
    resolve: async (_root, _args, ctx) => {
      if (ctx.viewer?.sessionId == null) return false;
      await ctx.db.session.deleteMany({ where: { id: ctx.viewer.sessionId } });
      return true;
    },
  }),
);

// ───────────────────────────── admin: accounts ─────────────────────────────

const AccountFilter = builder.inputType("AccountFilter", {
  fields: (t) => ({
    status: t.field({ type: AccountStatusEnum }),
    search: t.string({ description: "Part of the name.", validate: searchText.nullish() }),
  }),
});

function accountWhere(
  filter: { status?: "ACTIVE" | "SUSPENDED" | null; search?: string | null } | null | undefined,
) {
  return {
    ...(filter?.status ? { status: filter.status } : {}),
    ...(filter?.search ? { name: { contains: filter.search, mode: "insensitive" as const } } : {}),
  };
}

const UserFilter = builder.inputType("UserFilter", {
  fields: (t) => ({
    role: t.field({ type: RoleEnum }),
    advertiserId: t.id().validate(intId.nullish()),
    publisherId: t.id().validate(intId.nullish()),
    search: t.string({ description: "Part of the e-mail or name.", validate: searchText.nullish() }),
  }),
});

builder.queryFields((t) => ({
  advertisers: t.prismaConnection({
    type: "Advertiser",
    cursor: "id",
    description: "Admins and finance: every advertiser account.",
    authScopes: { admin: true, finance: true },
    args: { filter: t.arg({ type: AccountFilter }) },
    totalCount: (_c, args, ctx) => ctx.db.advertiser.count({ where: accountWhere(args.filter) }),
    resolve: (query, _root, args, ctx) =>
      ctx.db.advertiser.findMany({ ...query, where: accountWhere(args.filter), orderBy: { id: "asc" } }),
  }),
  publishers: t.prismaConnection({
    type: "Publisher",
    cursor: "id",
    description: "Admins and finance: every publisher account.",
    authScopes: { admin: true, finance: true },
    args: { filter: t.arg({ type: AccountFilter }) },
    totalCount: (_c, args, ctx) => ctx.db.publisher.count({ where: accountWhere(args.filter) }),
    resolve: (query, _root, args, ctx) =>
      ctx.db.publisher.findMany({ ...query, where: accountWhere(args.filter), orderBy: { id: "asc" } }),
  }),
  users: t.prismaConnection({
    type: "User",
    cursor: "id",
    description: "Admins: every user.",
    authScopes: { admin: true },
    args: { filter: t.arg({ type: UserFilter }) },
    resolve: (query, _root, args, ctx) => {
      const filter = args.filter;
      const where: Prisma.UserWhereInput = {
        ...(filter?.role ? { role: filter.role } : {}),
        ...(filter?.advertiserId ? { advertiserId: filter.advertiserId } : {}),
        ...(filter?.publisherId ? { publisherId: filter.publisherId } : {}),
        ...(filter?.search
          ? {
              OR: [
                { email: { contains: filter.search, mode: "insensitive" } },
                { name: { contains: filter.search, mode: "insensitive" } },
              ],
            }
          : {}),
      };
      return ctx.db.user.findMany({ ...query, where, orderBy: { id: "asc" } });
    },
  }),
}));

interface CreatedAdvertiser {
  advertiser: { id: number };
  postbackSecret: string;
}

const CreatedAdvertiserRef = builder.objectRef<CreatedAdvertiser>("CreatedAdvertiser").implement({
  fields: (t) => ({
    advertiser: t.prismaField({
      type: "Advertiser",
      resolve: (query, parent, _args, ctx) =>
        ctx.db.advertiser.findUniqueOrThrow({ ...query, where: { id: parent.advertiser.id } }),
    }),
    postbackSecret: t.exposeString("postbackSecret", {
      description: "Shown once: hand it to the advertiser. rotatePostbackSecret replaces it.",
    }),
  }),
});

builder.mutationFields((t) => ({
  createAdvertiser: t.field({
    type: CreatedAdvertiserRef,
    description: "Admins: a new advertiser account with its postback secret.",
    errors: { types: [DomainError] },
    authScopes: { admin: true },
    args: { name: t.arg.string({ required: true, validate: rules.accountName }) },
    resolve: async (_root, args, ctx) => {
      return createAdvertiser(ctx.db, requireViewer(ctx), args.name);
    },
  }),

  createPublisher: t.prismaField({
    type: "Publisher",
    description: "Admins: a new publisher account. minimumPayout is in minor units of payoutCurrency.",
    errors: { types: [DomainError] },
    authScopes: { admin: true },
    args: {
      name: t.arg.string({ required: true, validate: rules.accountName }),
      payoutCurrency: t.arg.string({ validate: rules.payoutCurrency.nullish() }),
      minimumPayout: t.arg({ type: "BigInt", validate: rules.minimumPayout.nullish() }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = await createPublisher(ctx.db, requireViewer(ctx), args);
      return ctx.db.publisher.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  createUser: t.prismaField({
    type: "User",
    description:
      "Admins: a user. ADVERTISER and PUBLISHER users belong to the account `accountId`; ADMIN and FINANCE to none. Without a password the user can only use API keys.",
    errors: { types: [DomainError] },
    authScopes: { admin: true },
    args: {
      role: t.arg({ type: RoleEnum, required: true }),
      accountId: t.arg.id().validate(intId.nullish()),
      email: t.arg.string({ required: true, validate: rules.email }),
      name: t.arg.string({ required: true, validate: rules.userName }),
      password: t.arg.string({ validate: rules.password.nullish() }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = await createUser(ctx.db, requireViewer(ctx), args);
      return ctx.db.user.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
