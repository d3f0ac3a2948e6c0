// `pnpm --filter @leadrail/db seed`: migrate, seed the demo world if the database is empty, and print the
// demo logins either way (they are deterministic, so a database seeded last week still matches them).
import { createDb, databaseUrl } from "../src/index.ts";
import { migrate } from "../src/migrate.ts";
import { type DemoLogin, demoLogins, isDatabaseEmpty, seedDemo } from "./seed.ts";

function printLogins(logins: DemoLogin[]): void {
  const header = ["role", "email", "password", "API key"];
  const rows = logins.map((l) => [l.role, l.email, l.password, l.apiKey]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  console.log(`\nDemo logins:\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of rows) console.log(line(row));
}

/** The URL without its password, for the log. */
function describe(url: string): string {
  const parsed = new URL(url);
  parsed.password = "";
  return parsed.toString();
}

async function main(): Promise<void> {
  const url = databaseUrl();
  const applied = await migrate(url);
  console.log(applied.length ? `applied migrations: ${applied.join(", ")}` : "migrations up to date");

  const db = createDb(url);
  try {
    if (await isDatabaseEmpty(db)) {
      const started = performance.now();
      const logins = await seedDemo(db);
      console.log(
        `seeded the demo world into ${describe(url)} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      printLogins(logins);
    } else {
      console.log("database already has data; not seeding");
      printLogins(demoLogins());
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
