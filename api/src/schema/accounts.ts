// Accounts: who am I, logging in and out of the dashboard.
import { generateSecret, hashApiKey, verifyPassword } from "@leadrail/db";
import { z } from "zod";
import { builder } from "../builder.ts";
import { DomainError } from "../errors.ts";

const RoleEnum = builder.enumType("Role", {
  values: ["ADMIN", "ADVERTISER", "PUBLISHER", "FINANCE"] as const,
});

builder.prismaObject("Advertiser", {
  fields: (t) => ({ id: t.exposeID("id"), name: t.exposeString("name") }),
});

builder.prismaObject("Publisher", {
  fields: (t) => ({ id: t.exposeID("id"), name: t.exposeString("name") }),
});

const UserRef = builder.prismaObject("User", {
  fields: (t) => ({
    id: t.exposeID("id"),
    email: t.exposeString("email"),
    name: t.exposeString("name"),
    role: t.field({ type: RoleEnum, resolve: (user) => user.role }),
    advertiser: t.relation("advertiser", { nullable: true }),
    publisher: t.relation("publisher", { nullable: true }),
  }),
});

builder.queryField("me", (t) =>
  t.prismaField({
    type: "User",
    nullable: true,
    description: "The authenticated user, or null without valid credentials.",
    resolve: (query, _root, _args, ctx) =>
      ctx.viewer ? ctx.db.user.findUnique({ ...query, where: { id: ctx.viewer.userId } }) : null,
  }),
);

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
    errors: { types: [DomainError] },
    args: {
      email: t.arg.string({ required: true, validate: z.string().email().max(320) }),
      password: t.arg.string({ required: true, validate: z.string().min(1).max(1024) }),
    },
    resolve: async (_root, { email, password }, ctx) => {
      const user = await ctx.db.user.findUnique({ where: { email: email.toLowerCase() } });
      // Same answer for unknown email and wrong password: no account enumeration.
      const ok =
        user?.passwordHash && !user.disabledAt && (await verifyPassword(user.passwordHash, password));
      if (!user || !ok) throw new DomainError("unauthenticated", "wrong email or password");
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
