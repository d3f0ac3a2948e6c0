// Migration commands that work without the native Prisma schema engine (see src/migrate.ts).
//
//   tsx scripts/migrate.ts deploy        apply pending migrations to DATABASE_URL
//   tsx scripts/migrate.ts new <name>    write migrations/<timestamp>_<name>/migration.sql from the diff
//                                        between schema.snapshot.prisma and schema.prisma, then update
//                                        the snapshot. Review the SQL and add raw SQL where Prisma's
//                                        schema language cannot say it (partitions, triggers, checks).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { diffSchemas, migrate, migrationsDir, packageDir, schemaPath } from "../src/migrate.ts";
import { databaseUrl } from "../src/url.ts";

const [command, name] = process.argv.slice(2);
const snapshotPath = join(packageDir, "schema.snapshot.prisma");

if (command === "deploy") {
  const applied = await migrate(databaseUrl());
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
} else if (command === "new" && name && /^[a-z0-9_]+$/.test(name)) {
  const current = readFileSync(schemaPath, "utf8");
  const previous = existsSync(snapshotPath) ? readFileSync(snapshotPath, "utf8") : null;
  // The engine wants a live connection even to diff two schema files; it reads nothing from it.
  const url = new URL(databaseUrl());
  url.pathname = "/postgres";
  const sql = await diffSchemas(url.toString(), previous, current);
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
    console.log("schema.prisma matches the snapshot: no migration written");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = join(migrationsDir, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "migration.sql"), sql);
    writeFileSync(snapshotPath, current);
    console.log(`wrote ${dir}/migration.sql`);
  }
} else {
  console.error("usage: migrate.ts deploy | new <snake_case_name>");
  process.exit(2);
}
process.exit(0);
