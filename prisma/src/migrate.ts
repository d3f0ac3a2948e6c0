// Prisma migrations without the native schema engine.
//
// The Prisma CLI downloads a native schema engine before `migrate` and that download is impossible on
// machines that reach only the npm registry. Prisma publishes the same engine compiled to WebAssembly
// (@prisma/schema-engine-wasm); it talks to PostgreSQL through the pg driver adapter. We use two of its
// commands:
// - `diff` from the previous schema snapshot to the current schema, to write a new migration.sql;
// Migrations are applied by our own small runner (see applyMigrations for why), which keeps Prisma's
// `_prisma_migrations` table and folder layout, so `prisma migrate deploy` works unchanged elsewhere.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
export const migrationsDir = join(packageDir, "migrations");
export const schemaPath = join(packageDir, "schema.prisma");

let engineReady: Promise<void> | undefined;

interface WasmGlobal {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, object>,
  ): Promise<{ instance: { exports: Record<string, unknown> & { __wbindgen_start?: () => void } } }>;
}

/** Instantiates the WebAssembly module once (Node 20 cannot `import` a .wasm file without a flag). */
function loadEngine(): Promise<void> {
  engineReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve("@prisma/schema-engine-wasm");
    const bytes = readFileSync(join(dirname(entry), "schema_engine_bg.wasm"));
    // @types/node 20 does not declare the WebAssembly global (it lives in lib.dom), hence the local type.
    const wasm = (globalThis as unknown as { WebAssembly: WasmGlobal }).WebAssembly;
    const { instance } = await wasm.instantiate(bytes, { "./schema_engine_bg.js": engineGlue });
    const exports = instance.exports;
    (engineGlue as unknown as { __wbg_set_wasm: (w: unknown) => void }).__wbg_set_wasm(exports);
    exports.__wbindgen_start?.();
  })();
  return engineReady;
}

async function withEngine<T>(
  connectionString: string,
  datamodel: string,
  run: (engine: engineGlue.SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadEngine();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString }));
  const logs: string[] = [];
  const engine = await engineGlue.SchemaEngine.new(
    { datamodels: [["schema.prisma", datamodel]] },
    (log: string) => logs.push(log),
    adapter,
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
  }
}

function listMigrations(): engineGlue.MigrationList {
  const dirs = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: readFileSync(join(migrationsDir, name, "migration.sql"), "utf8") },
      },
    })),
  } as engineGlue.MigrationList;
}

const noFilters = { externalTables: [], externalEnums: [] };

/**
 * Applies every migration not yet recorded in `_prisma_migrations`, each in its own transaction.
 *
 * We do not use the engine's applyMigrations: through a driver adapter it splits the script on every
 * `;`, which breaks PL/pgSQL bodies and leaves half-applied migrations. pg's simple query protocol runs
 * the whole file as PostgreSQL's native path does. The table and checksums are Prisma's own, so
 * `prisma migrate deploy` with the native engine accepts a database migrated here and vice versa.
 */
export async function applyMigrations(connectionString: string): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const applied: string[] = [];
  try {
    // Same lock id as Prisma's engine: concurrent migrators (parallel test workers, several app
    // instances) wait for each other instead of racing.
    await client.query("select pg_advisory_lock(72707369)");
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
    }>(`select migration_name, checksum, finished_at from "_prisma_migrations" where rolled_back_at is null`);
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    for (const dir of listMigrations().migrationDirectories) {
      const sql = readFileSync(join(migrationsDir, dir.path, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      const previous = done.get(dir.path);
      if (previous?.finished_at) {
        if (previous.checksum !== checksum) {
          console.warn(`migration ${dir.path} was modified after it was applied (checksum differs)`);
        }
        continue;
      }
      if (previous) throw new Error(`migration ${dir.path} failed earlier: resolve it before migrating`);
      await client.query("begin");
      try {
        await client.query(sql);
        await client.query(
          `insert into "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           values ($1, $2, now(), $3, 1)`,
          [randomUUID(), checksum, dir.path],
        );
        await client.query("commit");
      } catch (error) {
        await client.query("rollback");
        throw new Error(`migration ${dir.path} failed: ${(error as Error).message}`);
      }
      applied.push(dir.path);
    }
    return applied;
  } finally {
    await client.end();
  }
}

/** SQL that takes a database from schema `from` (null = empty) to schema `to`. Offline: no queries run. */
export async function diffSchemas(
  connectionString: string,
  from: string | null,
  to: string,
): Promise<string> {
  return withEngine(connectionString, to, async (engine) => {
    const result = await engine.diff({
      from:
        from === null
          ? { tag: "empty" }
          : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: from }] },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: to }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    } as engineGlue.DiffParams);
    return result.stdout ?? "";
  });
}

/** Creates the database named in the URL when it does not exist (connecting to `postgres` to do it). */
export async function ensureDatabase(connectionString: string): Promise<boolean> {
  const url = new URL(connectionString);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount) return false;
    await client.query(`create database "${name.replace(/"/g, '""')}"`);
    return true;
  } finally {
    await client.end();
  }
}

/** Creates the database if needed, then applies pending migrations. */
export async function migrate(connectionString: string): Promise<string[]> {
  await ensureDatabase(connectionString);
  const applied = await applyMigrations(connectionString);
  // Months roll on: make sure the click partitions around today exist (idempotent, cheap).
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("select leadrail_ensure_click_partitions()");
  } finally {
    await client.end();
  }
  return applied;
}
