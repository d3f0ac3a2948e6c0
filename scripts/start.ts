// `pnpm start`: the whole platform on one machine. Uses the PostgreSQL and Redis it finds, starts its
// own where none answers, prepares the database and the dashboard, then runs the tracker and the API
// until Ctrl-C. Details live in the modules beside this one.
import { appSpecs, checkPorts, startApp, waitForHealth, writerSpecs } from "./apps.ts";
import { printRunning } from "./banner.ts";
import { loadConfig } from "./config.ts";
import { Lifecycle } from "./lifecycle.ts";
import { redact, StartError } from "./log.ts";
import { buildDashboard, checkWorkspace, ensurePrismaClient, prepareDatabase } from "./prepare.ts";
import { describeExit } from "./processes.ts";
import { providePostgres } from "./services/postgres.ts";
import { provideRedis } from "./services/redis.ts";

const lifecycle = new Lifecycle();

async function main(): Promise<never> {
  lifecycle.handleSignals();
  const config = loadConfig();
  checkWorkspace(config.rootDir);
  await checkPorts({ TRACKER_PORT: config.trackerPort, API_PORT: config.apiPort });

  const postgres = await providePostgres(config);
  lifecycle.defer("PostgreSQL", postgres.stop);
  const redis = await provideRedis(config);
  lifecycle.defer("Redis", redis.stop);

  await ensurePrismaClient(config.rootDir);
  const { logins } = await prepareDatabase(postgres.url);
  const dashboardDir = await buildDashboard(config.rootDir);

  const specs = appSpecs(config, { databaseUrl: postgres.url, redisUrl: redis.url, dashboardDir });
  const tracker = startApp(config.rootDir, specs.tracker);
  const api = startApp(config.rootDir, specs.api);
  const writers = writerSpecs(config, { databaseUrl: postgres.url, redisUrl: redis.url }).map((spec) =>
    startApp(config.rootDir, spec),
  );
  const apps = [tracker, api, ...writers];
  lifecycle.defer("tracker, click writers and API", async () => {
    await Promise.all(apps.map((app) => app.process.stop()));
  });
  await Promise.all(apps.map((app) => waitForHealth(app)));

  printRunning({
    trackerUrl: tracker.url ?? "",
    apiUrl: api.url ?? "",
    postgres: `${redact(postgres.url)} (${postgres.origin})`,
    redis: `${redact(redis.url)} (${redis.origin})`,
    logins,
  });

  const died = await Promise.race(apps.map((app) => app.process.exited.then((exit) => ({ app, exit }))));
  return lifecycle.end(
    1,
    `${died.app.spec.name} stopped unexpectedly (${describeExit(died.exit)}): stopping the rest`,
  );
}

main().catch((error: unknown) =>
  lifecycle.end(
    1,
    error instanceof StartError ? error.message : `start failed: ${(error as Error).stack ?? error}`,
  ),
);
