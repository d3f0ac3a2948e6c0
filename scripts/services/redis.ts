// Redis for `pnpm start` and `pnpm test`: the one at the configured URL when it answers, else a
// redis-server we spawn on a free port.
import { accessSync, constants, mkdirSync } from "node:fs";
import { connect as connectTcp, type Socket } from "node:net";
import { delimiter, join, relative } from "node:path";
import { connect as connectTls } from "node:tls";
import { redact, StartError, say } from "../log.ts";
import { describeExit, spawnManaged } from "../processes.ts";
import { isUnreachable, pickPort } from "./ports.ts";

export interface RedisOptions {
  /** Where to look first. */
  redisUrl: string;
  /** Paths are shown relative to it. */
  rootDir: string;
  /** A spawned server keeps its append-only file in `<dataDir>/redis`. */
  dataDir: string;
  /** false: no append-only file, nothing on disk (test runs). Default true. */
  persist?: boolean;
  log?: (line: string) => void;
  port?: number;
}

export interface RedisService {
  url: string;
  origin: string;
  stop(): Promise<void>;
}

const SPAWNED_PORT = 63790;

function command(...parts: string[]): string {
  return `*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join("")}`;
}

/**
 * true: a server answered PING (after AUTH when the URL has credentials); false: nothing listens.
 * Throws when a server answered but refused us. Speaks RESP directly: two commands do not justify
 * a client library in the root package.
 */
function probe(url: string, timeoutMs = 2000): Promise<boolean> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, "");
  const port = Number(target.port || 6379);
  const commands: string[] = [];
  if (target.password) {
    const password = decodeURIComponent(target.password);
    commands.push(
      target.username
        ? command("AUTH", decodeURIComponent(target.username), password)
        : command("AUTH", password),
    );
  }
  commands.push(command("PING"));

  return new Promise((resolve, reject) => {
    const socket: Socket =
      target.protocol === "rediss:"
        ? connectTls({ host, port, servername: host })
        : connectTcp({ host, port });
    socket.setTimeout(timeoutMs);
    let received = "";
    const finish = (outcome: boolean | Error) => {
      socket.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    socket.once(target.protocol === "rediss:" ? "secureConnect" : "connect", () => {
      socket.write(commands.join(""));
    });
    socket.on("data", (chunk) => {
      received += chunk.toString("utf8");
      const replies = received.split("\r\n").filter(Boolean);
      const refusal = replies.find((reply) => reply.startsWith("-"));
      // A server still loading its append-only file answers -LOADING: up, but not ready yet.
      if (refusal?.startsWith("-LOADING")) {
        finish(false);
      } else if (refusal) {
        finish(
          new StartError(
            `Redis at ${redact(url)} answered but refused us (${refusal.slice(1)}). Fix REDIS_URL.`,
          ),
        );
      } else if (replies.length >= commands.length) {
        finish(true);
      }
    });
    socket.on("timeout", () => finish(false));
    socket.on("error", (error) => (isUnreachable(error) ? finish(false) : finish(error)));
  });
}

function onPath(binary: string, path = process.env.PATH ?? ""): boolean {
  return path.split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, binary), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export async function provideRedis(options: RedisOptions): Promise<RedisService> {
  if (await probe(options.redisUrl))
    return { url: options.redisUrl, origin: "external", stop: async () => {} };

  const shown = redact(options.redisUrl);
  const persist = options.persist ?? true;
  if (!onPath("redis-server")) {
    throw new StartError(
      `Redis is not reachable at ${shown} and redis-server is not installed: apt install redis-server, or set REDIS_URL`,
    );
  }
  (options.log ?? say)(`no Redis answers at ${shown}: starting redis-server`);

  const dir = join(options.dataDir, "redis");
  mkdirSync(dir, { recursive: true });
  const port = await pickPort(options.port ?? SPAWNED_PORT);
  // Clicks wait in a Redis Stream until the writer stores them in PostgreSQL, so this Redis holds data
  // that exists nowhere else: an append-only file fsynced every second loses at most a second of clicks
  // when the machine dies, and a restart replays what the writer had not stored yet. RDB snapshots
  // would add nothing on top of the AOF. Test runs keep nothing: their keys live only for the run.
  const server = spawnManaged(
    "redis",
    "redis-server",
    [
      ...["--port", String(port), "--bind", "127.0.0.1", "--dir", dir],
      ...(persist ? ["--appendonly", "yes", "--appendfsync", "everysec"] : ["--appendonly", "no"]),
      ...["--save", "", "--daemonize", "no", "--logfile", "", "--loglevel", "warning"],
    ],
    { cwd: dir, color: "red" },
  );

  const configured = new URL(options.redisUrl);
  const url = `redis://127.0.0.1:${port}${configured.pathname.length > 1 ? configured.pathname : ""}`;
  const deadline = Date.now() + 10_000;
  while (!(await probe(url, 500))) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new StartError(`redis-server exited during start-up (${describeExit(await server.exited)})`);
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new StartError(`redis-server did not answer on port ${port} within 10 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    origin: persist ? `started here, data in ${relative(options.rootDir, dir)}` : "started here, in memory",
    stop: () => server.stop(),
  };
}
