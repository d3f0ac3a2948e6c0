// The tracker's processes stop the same way: SIGTERM or SIGINT runs their shutdown once; a shutdown
// that throws still ends the process (a supervisor would otherwise wait for its kill timeout).
import type { Logger } from "pino";

export function stopOnSignals(logger: Logger, shutdown: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // A second Ctrl-C while draining must not cut the drain short.
    if (stopping) return;
    stopping = true;
    shutdown(signal).then(
      () => {
        logger.info("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
