// The Chromium the browser tests drive (playwright-core does not download browsers). Found where
// Debian and others put it, or at CHROMIUM_PATH; when none is there, `pnpm test` installs Debian's
// `chromium` package, as root or through passwordless sudo, and otherwise says what to install.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

const NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser to launch: CHROMIUM_PATH when set (and only it, so a wrong setting is not silently
 * replaced by another browser), else the first of the usual names in /usr/bin or on the PATH.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env, systemDirs = ["/usr/bin"]): string | null {
  const configured = env.CHROMIUM_PATH;
  if (configured) return isExecutable(configured) ? configured : null;
  const dirs = [...systemDirs, ...(env.PATH ?? "").split(delimiter).filter(Boolean)];
  for (const name of NAMES) {
    for (const dir of dirs) {
      const path = join(dir, name);
      if (isExecutable(path)) return path;
    }
  }
  return null;
}

/** What to do when there is no browser: one line, for the person at the terminal. */
export function missingChromiumMessage(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH
    ? `CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable: point it at a Chromium or unset it`
    : "the browser tests need Chromium: install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH";
}

/** How to run apt-get with root rights here, or null when we cannot without a password. */
function rootPrefix(): string[] | null {
  if (process.getuid?.() === 0) return [];
  const sudo = spawnSync("sudo", ["-n", "true"], { stdio: "ignore" });
  return sudo.status === 0 ? ["sudo", "-n"] : null;
}

function apt(prefix: string[], args: string[]): boolean {
  const [command, ...rest] = [...prefix, "apt-get", ...args];
  const run = spawnSync(command ?? "apt-get", rest, {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return run.status === 0;
}

/**
 * Finds Chromium, installing Debian's package first when it is missing and we may (apt-get update
 * only when the plain install fails: a fresh machine's package lists may be stale or absent).
 * Returns the path, or null after printing what to install.
 */
export function ensureChromium(log: (line: string) => void = console.log): string | null {
  const found = findChromium();
  if (found || process.env.CHROMIUM_PATH) {
    if (!found) log(missingChromiumMessage());
    return found;
  }
  const prefix = rootPrefix();
  if (prefix === null || !isExecutable("/usr/bin/apt-get")) {
    log(missingChromiumMessage());
    return null;
  }
  log("no Chromium found: installing Debian's chromium package for the browser tests");
  const install = ["install", "-y", "--no-install-recommends", "chromium"];
  if (!apt(prefix, install) && !(apt(prefix, ["update"]) && apt(prefix, install))) {
    log(`apt-get could not install chromium; ${missingChromiumMessage()}`);
    return null;
  }
  const installed = findChromium();
  if (!installed) log(missingChromiumMessage());
  return installed;
}
