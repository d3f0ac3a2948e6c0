// The migration runner (prisma/src/migrate.ts) keeps Prisma's own bookkeeping, so `prisma migrate
// deploy` with the native engine accepts a database it migrated, and rerunning it is a no-op.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { migrate, migrationsDir } from "@leadrail/db/migrate";
import { describe, expect, test } from "../src/fixtures.ts";

const migrationDirectories = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("migrations", () => {
  test("there is at least one migration directory", () => {
    expect(migrationDirectories.length).toBeGreaterThan(0);
  });

  test("applying migrate() again to a migrated database applies nothing", async ({ databaseUrl, db }) => {
    const before = await db.$queryRaw<{ n: bigint }[]>`select count(*) as n from "_prisma_migrations"`;

    expect(await migrate(databaseUrl)).toEqual([]);

    const after = await db.$queryRaw<{ n: bigint }[]>`select count(*) as n from "_prisma_migrations"`;
    expect(after).toEqual(before);
  });

  test("_prisma_migrations has one finished row per directory with the sha256 of its file", async ({
    db,
  }) => {
    const rows = await db.$queryRaw<{ migration_name: string; checksum: string; finished: boolean }[]>`
      select migration_name, checksum, finished_at is not null as finished
      from "_prisma_migrations" where rolled_back_at is null order by migration_name`;

    expect(rows).toEqual(
      migrationDirectories.map((name) => ({
        migration_name: name,
        checksum: createHash("sha256")
          .update(readFileSync(join(migrationsDir, name, "migration.sql")))
          .digest("hex"),
        finished: true,
      })),
    );
  });
});
