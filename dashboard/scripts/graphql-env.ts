// Regenerates src/graphql-env.d.ts (gql.tada's types for api/schema.graphql) before typecheck and build,
// so the dashboard's operations are always checked against the current schema. The file is rewritten
// only when its content changes: an untouched mtime keeps `pnpm start` from rebuilding a fresh dist/.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dashboard = join(import.meta.dirname, "..");
const target = join(dashboard, "src/graphql-env.d.ts");
const scratch = mkdtempSync(join(tmpdir(), "graphql-env-"));
try {
  const fresh = join(scratch, "graphql-env.d.ts");
  execFileSync(join(dashboard, "node_modules/.bin/gql-tada"), ["generate", "output", "--output", fresh], {
    cwd: dashboard,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const content = readFileSync(fresh, "utf8");
  if (existsSync(target) && readFileSync(target, "utf8") === content) {
    console.log("graphql-env.d.ts is up to date");
  } else {
    writeFileSync(target, content);
    console.log("graphql-env.d.ts regenerated from api/schema.graphql");
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
