import { createServer } from "node:net";

/** Whether we could listen on `port` (all interfaces when `host` is omitted, like the apps do). */
export function isPortFree(port: number, host?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** `preferred` when it is free on loopback, else any port the OS hands out. */
export async function pickPort(preferred: number): Promise<number> {
  if (await isPortFree(preferred, "127.0.0.1")) return preferred;
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Errors that mean "nothing is there", as opposed to "something answered and said no". */
export function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const unreachable = ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND"];
  if (typeof code === "string" && (unreachable.includes(code) || code === "EAI_AGAIN")) return true;
  return /timeout|timed out|Connection terminated unexpectedly/i.test((error as Error | null)?.message ?? "");
}
