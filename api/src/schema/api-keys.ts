// API keys: for scripts and integrations. The key is shown once when created; we keep its SHA-256.
import { generateApiKey, type Prisma } from "@leadrail/db";
import { z } from "zod";
import { audit } from "../audit/audit.ts";
import { requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import type { Viewer } from "../context.ts";
import { DomainError, notFound } from "../errors.ts";
import { intId } from "./common.ts";

builder.prismaObject("ApiKey", {
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    prefix: t.exposeString("prefix", { description: "The key's first characters, to tell keys apart." }),
    user: t.relation("user"),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

interface CreatedKey {
  id: number;
  key: string;
}

const CreatedApiKeyRef = builder.objectRef<CreatedKey>("CreatedApiKey").implement({
  fields: (t) => ({
    apiKey: t.prismaField({
      type: "ApiKey",
      resolve: (query, parent, _args, ctx) =>
        ctx.db.apiKey.findUniqueOrThrow({ ...query, where: { id: parent.id } }),
    }),
    key: t.exposeString("key", { description: "Shown once: send as `Authorization: Bearer <key>`." }),
  }),
});

/** Admins manage every key; anyone else only their own (another user's key is "not found"). */
function ownKeys(viewer: Viewer): Prisma.ApiKeyWhereInput {
  return viewer.role === "ADMIN" ? {} : { userId: viewer.userId };
}

builder.queryField("apiKeys", (t) =>
  t.prismaConnection({
    type: "ApiKey",
    cursor: "id",
    description: "Your API keys; admins see everyone's (optionally one user's).",
    authScopes: { loggedIn: true },
    args: { userId: t.arg.id().validate(intId.nullish()) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.apiKey.findMany({
        ...query,
        where: { AND: [ownKeys(requireViewer(ctx)), args.userId ? { userId: args.userId } : {}] },
        orderBy: { id: "asc" },
      }),
  }),
);

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreatedApiKeyRef,
    description: "A new API key for a user (admins: any user; others: themselves). The key is returned once.",
    errors: { types: [DomainError] },
    authScopes: { loggedIn: true },
    args: {
      userId: t.arg.id({ required: true }).validate(intId),
      name: t.arg.string({
        required: true,
        validate: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
      }),
    },
    resolve: async (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      if (viewer.role !== "ADMIN" && args.userId !== viewer.userId) throw notFound("user");
      const { key, prefix, keyHash } = generateApiKey();
      const id = await ctx.db.$transaction(async (tx) => {
        const user = await tx.user.findUnique({ where: { id: args.userId } });
        if (!user) throw notFound("user");
        if (user.disabledAt) throw new DomainError("conflict", "the user is disabled");
        const created = await tx.apiKey.create({
          data: { userId: user.id, name: args.name, prefix, keyHash },
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
    },
  }),
  revokeApiKey: t.prismaField({
    type: "ApiKey",
    description: "Revokes an API key at once (admins: any key; others: their own).",
    errors: { types: [DomainError] },
    authScopes: { loggedIn: true },
    args: { id: t.arg.id({ required: true }).validate(intId) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      await ctx.db.$transaction(async (tx) => {
        const key = await tx.apiKey.findFirst({ where: { AND: [{ id: args.id }, ownKeys(viewer)] } });
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
      return ctx.db.apiKey.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
}));
