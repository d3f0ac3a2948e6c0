// Real User-Agent strings written by others: browsers from `user-agents` (labelled desktop, mobile,
// tablet) and crawlers from `crawler-user-agents`. Loaded from the packages' data files so the lists
// are complete and deterministic (the `user-agents` API draws at random).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import crawlers from "crawler-user-agents" with { type: "json" };

export interface BrowserSample {
  userAgent: string;
  deviceCategory: "desktop" | "mobile" | "tablet";
}

const require = createRequire(import.meta.url);

export function browserUserAgents(): BrowserSample[] {
  const file = join(dirname(require.resolve("user-agents")), "user-agents.json");
  const rows = JSON.parse(readFileSync(file, "utf8")) as BrowserSample[];
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.userAgent) && seen.add(row.userAgent));
}

export function crawlerUserAgents(): string[] {
  return [...new Set(crawlers.flatMap((c) => c.instances ?? []))];
}

/** The example UA of a crawler whose pattern is `pattern` in crawler-user-agents. */
export function crawlerUserAgent(pattern: string): string {
  const ua = crawlers.find((c) => c.pattern === pattern)?.instances[0];
  if (ua === undefined) throw new Error(`crawler-user-agents has no example for ${pattern}`);
  return ua;
}
