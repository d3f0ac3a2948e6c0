import { defineConfig } from "prisma/config";

// Prisma 7 does not read .env, and env("DATABASE_URL") throws when unset (even for `generate`),
// so the URL comes from process.env with the local default.
export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/leadrail",
  },
});
