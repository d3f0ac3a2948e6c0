// Prometheus metrics of the click writer, on its own registry.
import type { Redis } from "ioredis";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export interface WriterMetrics {
  registry: Registry;
  batchSize: Histogram;
  inserted: Counter;
  duplicates: Counter;
  deadLettered: Counter;
  storeFailures: Counter;
}

/** XINFO GROUPS as objects: ioredis returns each group as a flat [name, value, ...] list. */
export async function groupInfo(
  redis: Redis,
  stream: string,
  group: string,
): Promise<{ pending: number; lag: number | null } | null> {
  const groups = (await redis.xinfo("GROUPS", stream)) as unknown[][];
  for (const flat of groups) {
    const info = new Map<string, unknown>();
    for (let i = 0; i + 1 < flat.length; i += 2) info.set(String(flat[i]), flat[i + 1]);
    if (info.get("name") !== group) continue;
    const lag = info.get("lag");
    return { pending: Number(info.get("pending") ?? 0), lag: typeof lag === "number" ? lag : null };
  }
  return null;
}

export function createWriterMetrics(options: { redis: Redis; stream: string; group: string }): WriterMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const { redis, stream, group } = options;
  // Read when scraped, from a connection that is not blocked in XREADGROUP.
  new Gauge({
    name: "leadrail_writer_stream_length",
    help: "Entries in the click stream (stored entries are deleted, so this is the backlog plus in-flight)",
    registers: [registry],
    async collect() {
      this.set(await redis.xlen(stream));
    },
  });
  new Gauge({
    name: "leadrail_writer_stream_pending",
    help: "Entries delivered to a writer and not yet acknowledged (XPENDING)",
    registers: [registry],
    async collect() {
      this.set((await groupInfo(redis, stream, group).catch(() => null))?.pending ?? 0);
    },
  });
  new Gauge({
    name: "leadrail_writer_stream_lag",
    help: "Entries in the stream not yet delivered to any writer (XINFO GROUPS lag)",
    registers: [registry],
    async collect() {
      const info = await groupInfo(redis, stream, group).catch(() => null);
      // Redis reports no lag when deleted entries make it ambiguous; acknowledged entries are deleted
      // (XDEL) here, so the stream holds exactly the pending and the undelivered ones.
      this.set(info?.lag ?? Math.max((await redis.xlen(stream)) - (info?.pending ?? 0), 0));
    },
  });
  return {
    registry,
    batchSize: new Histogram({
      name: "leadrail_writer_batch_size",
      help: "Clicks per batch stored",
      buckets: [1, 5, 10, 50, 100, 250, 500, 1000, 2500, 5000],
      registers: [registry],
    }),
    inserted: new Counter({
      name: "leadrail_writer_clicks_inserted_total",
      help: "Clicks stored in PostgreSQL",
      registers: [registry],
    }),
    duplicates: new Counter({
      name: "leadrail_writer_clicks_duplicate_total",
      help: "Redelivered clicks that were already stored (skipped, not counted twice)",
      registers: [registry],
    }),
    deadLettered: new Counter({
      name: "leadrail_writer_entries_dead_lettered_total",
      help: "Stream entries that were not valid clicks, moved to the dead-letter stream",
      registers: [registry],
    }),
    storeFailures: new Counter({
      name: "leadrail_writer_store_failures_total",
      help: "Failed attempts to store a batch (PostgreSQL unavailable...); the batch is retried",
      registers: [registry],
    }),
  };
}
