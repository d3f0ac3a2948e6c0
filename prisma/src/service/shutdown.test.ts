// registerShutdown in a real process: signals, exit codes and log lines are what a supervisor sees.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const tsx = createRequire(import.meta.url).resolve("tsx");
const probe = fileURLToPath(new URL("./shutdown-probe.ts", import.meta.url));

interface Run {
  code: number | null;
  lines: { level: string; message: string; [key: string]: unknown }[];
}

/** Sends `signal`; once the shutdown runs, sends each of `more`. */
async function stop(mode: string, signal: NodeJS.Signals, more: NodeJS.Signals[] = []): Promise<Run> {
  const child = spawn(process.execPath, ["--import", tsx, probe, mode], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = once(child, "exit");
  while (!output.includes("ready\n")) await once(child.stdout, "data");
  child.kill(signal);
  if (more.length > 0) {
    while (!output.includes('"onShutdown"') && child.exitCode === null) await once(child.stdout, "data");
    for (const next of more) child.kill(next);
  }
  const [code] = (await exited) as [number | null];
  const lines = output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line));
  return { code, lines };
}

describe("registerShutdown", () => {
  it("runs the shutdown once, however many signals arrive, and exits 0 when it finishes", async () => {
    const run = await stop("slow", "SIGTERM", ["SIGINT", "SIGTERM"]);
    expect(run.code).toBe(0);
    expect(run.lines.map((l) => l.message)).toEqual(["shutting down", "onShutdown", "stopped"]);
    expect(run.lines[0]).toMatchObject({ signal: "SIGTERM" });
  });

  it("exits 1 when the shutdown fails", async () => {
    const run = await stop("throw", "SIGINT");
    expect(run.code).toBe(1);
    expect(run.lines.at(-1)).toMatchObject({ level: "error", message: "shutdown failed" });
  });

  it("exits 1 with a log line when the shutdown outlives its deadline", async () => {
    const run = await stop("hang", "SIGTERM");
    expect(run.code).toBe(1);
    expect(run.lines.at(-1)).toMatchObject({
      level: "error",
      message: "shutdown deadline passed, exiting anyway",
      note: "work left undone",
    });
  });
});
