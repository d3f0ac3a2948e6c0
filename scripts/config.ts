// `pnpm start`'s configuration, read from the environment once, here.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { emptyAsUnset } from "../prisma/src/service/environment.ts";
import { databaseUrl } from "../prisma/src/url.ts";
import { StartError } from "./log.ts";

const port = z.coerce.number().int().min(1).max(65535);

const Model = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" }),
  REDIS_URL: emptyAsUnset(
    z.url({ protocol: /^rediss?$/, error: "must be a redis:// URL" }).default("redis://127.0.0.1:6379"),
  ),
  API_PORT: emptyAsUnset(port.default(4000)),
  TRACKER_PORT: emptyAsUnset(port.default(4100)),
  CLICK_WRITERS: emptyAsUnset(z.coerce.number().int().min(1).max(16).default(1)),
  // Checked by the tracker itself (a number or `auto`): one rule, in tracker/src/environment.ts.
  TRACKER_WORKERS: emptyAsUnset(z.string().optional()),
});

export interface StartConfig {
  databaseUrl: string;
  redisUrl: string;
  apiPort: number;
  trackerPort: number;
  /** Click writer processes to run beside the tracker. */
  clickWriters: number;
  /** TRACKER_WORKERS as given, for the tracker; null when unset (one tracker process). */
  trackerWorkers: string | null;
  /** The repository root: every path below is absolute, whatever directory `pnpm start` ran from. */
  rootDir: string;
  /** Where the embedded PostgreSQL and the spawned Redis keep their data (git-ignored). */
  dataDir: string;
}

export function loadConfig(source: Record<string, string | undefined> = process.env): StartConfig {
  // databaseUrl() owns the default, so the whole repository agrees on where the local database is.
  const parsed = Model.safeParse({ ...source, DATABASE_URL: source.DATABASE_URL || databaseUrl() });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new StartError(`bad configuration: ${problems.join("; ")}`);
  }
  const rootDir = join(dirname(fileURLToPath(import.meta.url)), "..");
  return {
    databaseUrl: parsed.data.DATABASE_URL,
    redisUrl: parsed.data.REDIS_URL,
    apiPort: parsed.data.API_PORT,
    trackerPort: parsed.data.TRACKER_PORT,
    clickWriters: parsed.data.CLICK_WRITERS,
    trackerWorkers: parsed.data.TRACKER_WORKERS ?? null,
    rootDir,
    dataDir: join(rootDir, ".data"),
  };
}
