// The lines printed once everything answers: where to go, and who to sign in as.
import type { DemoLogin } from "../prisma/seed/seed.ts";
import { paint } from "./log.ts";

export interface Running {
  trackerUrl: string;
  apiUrl: string;
  postgres: string;
  redis: string;
  logins: DemoLogin[];
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd(),
  );
}

export function printRunning(running: Running): void {
  const lines = [
    "",
    paint("bold", "Leadrail is running"),
    ...table([
      ["  Dashboard", `${running.apiUrl}/`],
      ["  GraphQL API", `${running.apiUrl}/graphql`],
      ["  Tracker", running.trackerUrl],
      ["  PostgreSQL", running.postgres],
      ["  Redis", running.redis],
    ]),
    "",
    paint("bold", "Demo logins"),
    ...table([
      ["  role", "name", "email", "password", "API key"],
      ...running.logins.map((l) => [`  ${l.role.toLowerCase()}`, l.name, l.email, l.password, l.apiKey]),
    ]),
    "",
    "Press Ctrl-C to stop.",
    "",
  ];
  console.log(lines.join("\n"));
}
