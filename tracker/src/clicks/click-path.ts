// Builds the click path's parts from its settings and clients, for the tracker process (index.ts)
// and for tests that run the tracker in-process. Returns what app.ts mounts and what shutdown closes.
import type { Db } from "@leadrail/db";
import { loadLinkConfig } from "@leadrail/db/link-config";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { Environment } from "../environment.ts";
import { createClickMetrics } from "./click-metrics.ts";
import { createClickRecorder } from "./click-recorder.ts";
import type { ClickRouteDeps } from "./click-route.ts";
import { createLinkConfigCache, subscribeToInvalidations } from "./config-cache.ts";
import { type IpCountryDatabase, sharedIpCountryDatabase } from "./visitor/ip-country.ts";
import { createIpHasher } from "./visitor/ip-hash.ts";
import { createUserAgentClassifier } from "./visitor/user-agent.ts";

export interface ClickPathOptions {
  /** Writes: no ioredis keyPrefix (keys are full names from click-record.ts), no offline queue. */
  redis: Redis;
  /** A connection of its own for SUBSCRIBE. */
  subscriber: Redis;
  db: Db;
  logger: Logger;
  registry: Registry;
  keyPrefix: string;
  settings: Environment["clicks"];
  geo?: IpCountryDatabase;
}

export interface ClickPath {
  deps: ClickRouteDeps;
  /** Waits for clicks still waiting on Redis, then stops listening for invalidations. */
  close(): Promise<void>;
}

export async function createClickPath(options: ClickPathOptions): Promise<ClickPath> {
  const { redis, subscriber, db, logger, registry, keyPrefix, settings } = options;
  const cache = createLinkConfigCache({
    ttlMs: settings.configCacheTtlMs,
    negativeTtlMs: settings.negativeCacheTtlMs,
    load: async (code) => {
      const config = await loadLinkConfig(db, code);
      if (config?.landingProblem) {
        logger.warn({ offerId: config.offerId, problem: config.landingProblem }, "offer landing URL refused");
      }
      return config;
    },
  });
  const userAgents = createUserAgentClassifier({ max: settings.uaCacheSize });
  let recorderPending = () => 0;
  const metrics = createClickMetrics(registry, {
    pending: () => recorderPending(),
    uaCacheSize: () => userAgents.size,
    linkCache: () => cache.stats,
  });
  const recorder = createClickRecorder({
    redis,
    keyPrefix,
    writeTimeoutMs: settings.writeTimeoutMs,
    maxPending: settings.maxPending,
    maxInFlight: settings.maxInFlight,
    onFlush: (size) => metrics.flushSize.observe(size),
  });
  recorderPending = () => recorder.pending;
  const invalidations = await subscribeToInvalidations({ subscriber, keyPrefix, cache, logger });

  return {
    deps: {
      cache,
      recorder,
      userAgents,
      geo: options.geo ?? sharedIpCountryDatabase(),
      hashIp: createIpHasher(settings.ipHashSecret),
      keyPrefix,
      trustProxyHops: settings.trustProxyHops,
      trustedCountryHeader: settings.trustedCountryHeader,
      metrics,
      logger,
    },
    async close() {
      await recorder.close();
      await invalidations.close();
    },
  };
}
