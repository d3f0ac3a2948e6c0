// Child processes of `pnpm start`: long-running services and one-off build steps.
//
// Each child leads its own process group (`detached`), for two reasons: we signal the whole group, so
// nothing a child spawned in turn survives it (a pnpm shim's node child, say); and the terminal's
// Ctrl-C reaches only us, so the shutdown order is ours: apps drain while PostgreSQL and Redis are
// still up, then the services stop. (The embedded PostgreSQL is the exception: its package spawns it
// in our group, so it may stop alongside the apps; see services/postgres.ts.)
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { prefix, StartError } from "./log.ts";

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Settles when the process has exited, for whatever reason. */
  exited: Promise<Exit>;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves once it is gone. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

type Color = Parameters<typeof prefix>[1];

export interface SpawnOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  color?: Color;
}

const running = new Set<ManagedProcess>();

// Last resort when we exit without a clean shutdown (a crash, an uncaught error): children that
// outlive us would hold the ports and the data directories.
process.on("exit", () => {
  for (const managed of running) signalGroup(managed.child, "SIGTERM");
});

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function pipeLines(stream: Readable | null, label: string, write: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (line) =>
    write(`${label} ${line}`),
  );
}

export function describeExit({ code, signal }: Exit): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

export function spawnManaged(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions,
): ManagedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const label = prefix(name, options.color ?? "cyan");
  pipeLines(child.stdout, label, (line) => process.stdout.write(`${line}\n`));
  pipeLines(child.stderr, label, (line) => process.stderr.write(`${line}\n`));

  const exited = new Promise<Exit>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    // spawn failures (ENOENT) emit 'error' and no 'exit'.
    child.once("error", () => resolve({ code: 127, signal: null }));
  });

  let stopping: Promise<void> | undefined;
  const managed: ManagedProcess = {
    name,
    child,
    exited,
    stop(graceMs = 5000) {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          signalGroup(child, "SIGTERM");
          let timer: NodeJS.Timeout | undefined;
          const deadline = new Promise<"late">((resolve) => {
            timer = setTimeout(() => resolve("late"), graceMs);
          });
          const outcome = await Promise.race([exited, deadline]);
          clearTimeout(timer);
          if (outcome === "late") {
            console.error(`${label} did not stop within ${graceMs / 1000} s: SIGKILL`);
            signalGroup(child, "SIGKILL");
            await exited;
          }
        }
        // Whatever the leader left behind in its group goes too.
        signalGroup(child, "SIGKILL");
        running.delete(managed);
      })();
      return stopping;
    },
  };
  running.add(managed);
  void exited.then(() => {
    if (!stopping) running.delete(managed);
  });
  return managed;
}

/** Runs a one-off step (a build) to completion, its output prefixed; throws when it fails. */
export async function runStep(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions,
): Promise<void> {
  const step = spawnManaged(name, command, args, { color: "gray", ...options });
  const exit = await step.exited;
  await step.stop();
  if (exit.code !== 0) {
    throw new StartError(`${[command, ...args].join(" ")} failed (${describeExit(exit)})`);
  }
}
