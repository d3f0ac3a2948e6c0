// Runs `prisma generate` (Prisma client + Pothos types) without network access.
//
// Every Prisma CLI command first tries to download its native schema engine, which fails on machines
// that reach only the npm registry. `generate` never uses that engine, so pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any executable (a stub that exits 0) is enough.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const stub = join(mkdtempSync(join(tmpdir(), "leadrail-engine-")), "schema-engine");
writeFileSync(stub, "#!/bin/sh\nexit 0\n");
chmodSync(stub, 0o755);

const result = spawnSync("pnpm", ["exec", "prisma", "generate", "--no-hints"], {
  cwd: packageDir,
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stub,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
