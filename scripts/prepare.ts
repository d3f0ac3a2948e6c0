// What has to be true before the apps start: the code is there, the Prisma client is generated, the
// database is migrated and seeded, the dashboard is built.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { DemoLogin } from "../prisma/seed/seed.ts";
import { migrate } from "../prisma/src/migrate.ts";
import { StartError, say } from "./log.ts";
import { runStep } from "./processes.ts";

/** Fails before anything starts when a piece of the platform is not in the tree. */
export function checkWorkspace(rootDir: string): void {
  const missing = ["tracker/src/index.ts", "api/src/index.ts", "prisma/seed/seed.ts"].filter(
    (file) => !existsSync(join(rootDir, file)),
  );
  const manifest = join(rootDir, "dashboard/package.json");
  const dashboard = existsSync(manifest)
    ? (JSON.parse(readFileSync(manifest, "utf8")) as { scripts?: Record<string, string> })
    : {};
  if (!dashboard.scripts?.build) missing.push('a "build" script in dashboard/package.json');
  if (missing.length > 0) throw new StartError(`cannot start: missing ${missing.join(", ")}`);
}

/** Newest modification time under `dir`, skipping build output and installed packages. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (["node_modules", "dist", ".vite"].includes(entry.name)) continue;
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

function mtimeOr0(path: string): number {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

/** prisma/generated is git-ignored, so a fresh clone has no client until someone generates it. */
export async function ensurePrismaClient(rootDir: string): Promise<void> {
  const prismaDir = join(rootDir, "prisma");
  const client = join(prismaDir, "generated/client/client.ts");
  if (mtimeOr0(client) >= mtimeOr0(join(prismaDir, "schema.prisma"))) return;
  say("generating the Prisma client");
  await runStep("generate", "pnpm", ["--filter", "@leadrail/db", "generate"], { cwd: rootDir });
}

export interface PreparedDatabase {
  applied: string[];
  seeded: boolean;
  logins: DemoLogin[];
}

export async function prepareDatabase(url: string): Promise<PreparedDatabase> {
  const applied = await migrate(url);
  say(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");

  // Imported late: both load the generated Prisma client, which ensurePrismaClient may just have made.
  const { createDb } = await import("../prisma/src/index.ts");
  const { demoLogins, isDatabaseEmpty, seedDemo } = await import("../prisma/seed/seed.ts");
  const db = createDb(url, { max: 2 });
  try {
    if (!(await isDatabaseEmpty(db))) return { applied, seeded: false, logins: demoLogins() };
    say("empty database: seeding the demo data");
    return { applied, seeded: true, logins: await seedDemo(db) };
  } finally {
    await db.$disconnect();
  }
}

/** Builds the dashboard when dist/ is missing or older than any of its sources; returns dist/. */
export async function buildDashboard(rootDir: string): Promise<string> {
  const dashboardDir = join(rootDir, "dashboard");
  const distDir = join(dashboardDir, "dist");
  const built = existsSync(join(distDir, "index.html")) ? newestMtime(distDir) : 0;
  if (built === 0 || newestMtime(dashboardDir) > built) {
    say(`building the dashboard (${relative(rootDir, distDir)} is ${built ? "out of date" : "missing"})`);
    await runStep("dashboard", "pnpm", ["--filter", "@leadrail/dashboard", "build"], { cwd: rootDir });
  }
  return distDir;
}
