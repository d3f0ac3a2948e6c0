// The tracker's entry (`pnpm start`, `node --import tsx src/index.ts`). With TRACKER_WORKERS=1 the
// tracker runs in this process (server.ts). With more, this process becomes a node:cluster primary
// (cluster/primary.ts) that forks that many workers; each runs this file again and lands in server.ts.
// Both are imported on demand so that the primary never loads the app (Prisma, ioredis, Express).
import cluster from "node:cluster";
import { environmentOrExit } from "@leadrail/db/service/environment";
import { loadEnvironment } from "./environment.ts";

async function start(): Promise<void> {
  const env = environmentOrExit("tracker", () => loadEnvironment());
  const clustered = env.server.workers > 1;
  if (clustered && cluster.isPrimary) {
    const { runPrimary } = await import("./cluster/primary.ts");
    runPrimary(env);
    return;
  }
  const { main } = await import("./server.ts");
  await main(env, { clusterWorker: clustered });
}

start().catch((error: unknown) => {
  console.error("tracker failed to start:", error);
  process.exit(1);
});
