// A process for shutdown.test.ts: registers a shutdown that finishes, hangs or fails (argv[2]), says
// "ready" once its handlers are installed, and logs each line as JSON on stdout.
import { registerShutdown } from "./shutdown.ts";

const mode = process.argv[2];
const log =
  (level: string) =>
  (details: object, message: string): void => {
    process.stdout.write(`${JSON.stringify({ level, message, ...details })}\n`);
  };
const logger = { info: log("info"), error: log("error") };

let runs = 0;
registerShutdown({
  logger,
  deadlineMs: 300,
  deadlineNote: "work left undone",
  onShutdown: async (signal) => {
    runs += 1;
    logger.info({ signal, runs }, "onShutdown");
    if (mode === "throw") throw new Error("disconnect failed");
    // Long enough for more signals to arrive while the first shutdown still runs.
    if (mode === "slow") await new Promise((resolve) => setTimeout(resolve, 250));
    // As a client stuck on a dead connection: only the deadline ends this.
    if (mode === "hang") await new Promise(() => {});
  },
});
// Keeps the process alive until a signal, as a listening server would.
setInterval(() => {}, 1000);
process.stdout.write("ready\n");
