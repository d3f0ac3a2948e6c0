// Teardown of whatever `pnpm start` brought up, in reverse order, exactly once, however we got there:
// Ctrl-C, SIGTERM, a child that died, or a failed start-up step.
import { fail, say } from "./log.ts";

type Teardown = () => Promise<void>;

export class Lifecycle {
  private readonly teardowns: { name: string; run: Teardown }[] = [];
  private ending: Promise<never> | undefined;

  /** Registers a teardown; the last registered runs first. */
  defer(name: string, run: Teardown): void {
    this.teardowns.push({ name, run });
  }

  get stopping(): boolean {
    return this.ending !== undefined;
  }

  /** Stops everything registered, then exits the process with `code`. */
  end(code: number, reason?: string): Promise<never> {
    this.ending ??= (async () => {
      if (reason) (code === 0 ? say : fail)(reason);
      // pop(), not a loop over a copy: start-up steps still in flight may register more while we stop.
      for (let next = this.teardowns.pop(); next; next = this.teardowns.pop()) {
        const { name, run } = next;
        try {
          await run();
        } catch (error) {
          fail(`stopping ${name} failed: ${(error as Error).message}`);
          code ||= 1;
        }
      }
      process.exit(code);
    })();
    return this.ending;
  }

  /** Ctrl-C / SIGTERM / SIGHUP stop cleanly with exit code 0; a second signal does not wait. */
  handleSignals(): void {
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
      process.on(signal, () => {
        if (this.stopping) {
          fail(`${signal} again: exiting without waiting`);
          process.exit(1);
        }
        void this.end(0, `${signal}: stopping`);
      });
    }
  }
}
