// The platform's own processes: the tracker, its click writers and the API, run from their TypeScript
// sources.
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { StartConfig } from "./config.ts";
import { StartError } from "./log.ts";
import { describeExit, type ManagedProcess, spawnManaged } from "./processes.ts";
import { isPortFree } from "./services/ports.ts";

export interface AppSpec {
  name: string;
  /** Package directory, relative to the repository root: the child's working directory. */
  packageDir: string;
  /** Entry file inside the package; default `src/index.ts`. */
  entry?: string;
  /** The HTTP port answering /healthz; null for a worker without one. */
  port: number | null;
  env: Record<string, string>;
  color: "cyan" | "magenta" | "blue";
}

export interface RunningApp {
  spec: AppSpec;
  process: ManagedProcess;
  url: string | null;
}

// node itself with tsx's loader, not `pnpm exec tsx`: the process we signal is then the app, not a
// shell shim whose child would outlive it.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** The tracker and the API, wired to the services `pnpm start` found or started. */
export function appSpecs(
  config: StartConfig,
  wiring: { databaseUrl: string; redisUrl: string; dashboardDir: string },
): { tracker: AppSpec; api: AppSpec } {
  const services = { DATABASE_URL: wiring.databaseUrl, REDIS_URL: wiring.redisUrl };
  return {
    tracker: {
      name: "tracker",
      packageDir: "tracker",
      port: config.trackerPort,
      env: {
        ...services,
        TRACKER_PORT: String(config.trackerPort),
        ...(config.trackerWorkers === null ? {} : { TRACKER_WORKERS: config.trackerWorkers }),
      },
      color: "cyan",
    },
    api: {
      name: "api",
      packageDir: "api",
      port: config.apiPort,
      env: {
        ...services,
        API_PORT: String(config.apiPort),
        DASHBOARD_DIR: wiring.dashboardDir,
        // Tracking links point at the tracker this script starts.
        TRACKER_PUBLIC_URL: `http://localhost:${config.trackerPort}`,
      },
      color: "magenta",
    },
  };
}

/**
 * CLICK_WRITERS click writer processes (clicks from the Redis stream into PostgreSQL), each with its
 * own stable consumer name, so a restarted writer resumes its own pending entries at once.
 */
export function writerSpecs(
  config: StartConfig,
  wiring: { databaseUrl: string; redisUrl: string },
): AppSpec[] {
  return Array.from({ length: config.clickWriters }, (_, i) => ({
    name: config.clickWriters === 1 ? "writer" : `writer-${i + 1}`,
    packageDir: "tracker",
    entry: "src/click-writer-main.ts",
    port: null,
    env: { DATABASE_URL: wiring.databaseUrl, REDIS_URL: wiring.redisUrl, WRITER_CONSUMER: `writer-${i + 1}` },
    color: "blue" as const,
  }));
}

/** A taken port would only show up as a child crashing with EADDRINUSE; say it plainly, and early. */
export async function checkPorts(ports: Record<string, number>): Promise<void> {
  for (const [variable, port] of Object.entries(ports)) {
    if (!(await isPortFree(port))) {
      throw new StartError(`port ${port} is in use: stop what listens there or set ${variable}`);
    }
  }
}

export function startApp(rootDir: string, spec: AppSpec): RunningApp {
  const process_ = spawnManaged(
    spec.name,
    process.execPath,
    ["--enable-source-maps", "--import", tsxLoader, spec.entry ?? "src/index.ts"],
    { cwd: join(rootDir, spec.packageDir), env: { ...process.env, ...spec.env }, color: spec.color },
  );
  return { spec, process: process_, url: spec.port === null ? null : `http://localhost:${spec.port}` };
}

/** Resolves once GET /healthz answers 2xx; throws if the app exits first or takes over a minute. */
export async function waitForHealth(app: RunningApp, timeoutMs = 60_000): Promise<void> {
  if (app.url === null) return;
  const deadline = Date.now() + timeoutMs;
  let exited: string | undefined;
  void app.process.exited.then((exit) => {
    exited = describeExit(exit);
  });
  while (Date.now() < deadline) {
    if (exited) throw new StartError(`${app.spec.name} exited during start-up (${exited}); its log is above`);
    try {
      const res = await fetch(`${app.url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new StartError(`${app.spec.name} did not answer ${app.url}/healthz within ${timeoutMs / 1000} s`);
}
