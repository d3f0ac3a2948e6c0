// API keys: for scripts and integrations. The key is shown once when created; we keep its SHA-256.
import { apiKeyName } from "@leadrail/db/account-input";
import { createApiKey, ownKeys, revokeApiKey } from "../accounts/api-keys.ts";
import { requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import { DomainError } from "../errors.ts";
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
      name: t.arg.string({ required: true, validate: apiKeyName }),
    },
    resolve: (_root, args, ctx) => createApiKey(ctx.db, requireViewer(ctx), args),
  }),
  revokeApiKey: t.prismaField({
    type: "ApiKey",
    description: "Revokes an API key at once (admins: any key; others: their own).",
    errors: { types: [DomainError] },
    authScopes: { loggedIn: true },
    args: { id: t.arg.id({ required: true }).validate(intId) },
    resolve: async (query, _root, args, ctx) => {
      await revokeApiKey(ctx.db, requireViewer(ctx), args.id);
      return ctx.db.apiKey.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
}));
