// Prometheus metrics of the click path, registered on the app's own registry.
import { Counter, Gauge, Histogram, type Registry } from "prom-client";

export interface ClickMetrics {
  clicks: Counter<"status" | "reason">;
  invalid: Counter<"error">;
  notRecorded: Counter<"why">;
  redirectSeconds: Histogram<"status">;
  flushSize: Histogram;
}

export function createClickMetrics(
  registry: Registry,
  gauges: {
    pending: () => number;
    uaCacheSize: () => number;
    linkCache: () => { hits: number; misses: number };
  },
): ClickMetrics {
  new Gauge({
    name: "leadrail_tracker_clicks_pending",
    help: "Clicks waiting for Redis to confirm their writes",
    registers: [registry],
    collect() {
      this.set(gauges.pending());
    },
  });
  new Gauge({
    name: "leadrail_tracker_ua_cache_entries",
    help: "Parsed user agents held in the LRU cache",
    registers: [registry],
    collect() {
      this.set(gauges.uaCacheSize());
    },
  });
  new Gauge({
    name: "leadrail_tracker_link_cache_lookups",
    help: "Link configuration cache lookups since start, by result",
    labelNames: ["result"],
    registers: [registry],
    collect() {
      const { hits, misses } = gauges.linkCache();
      this.set({ result: "hit" }, hits);
      this.set({ result: "miss" }, misses);
    },
  });
  return {
    clicks: new Counter({
      name: "leadrail_tracker_clicks_total",
      help: "Clicks recorded, by status and reject reason",
      labelNames: ["status", "reason"],
      registers: [registry],
    }),
    invalid: new Counter({
      name: "leadrail_tracker_click_requests_invalid_total",
      help: "Click requests refused with a 4xx before anything was recorded",
      labelNames: ["error"],
      registers: [registry],
    }),
    notRecorded: new Counter({
      name: "leadrail_tracker_clicks_not_recorded_total",
      help: "Clicks answered 503 because Redis did not confirm their writes",
      labelNames: ["why"],
      registers: [registry],
    }),
    redirectSeconds: new Histogram({
      name: "leadrail_tracker_click_duration_seconds",
      help: "Time from request to answer on the click path, by answer status",
      labelNames: ["status"],
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5],
      registers: [registry],
    }),
    flushSize: new Histogram({
      name: "leadrail_tracker_click_flush_size",
      help: "Clicks per Redis pipeline (group commit)",
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
      registers: [registry],
    }),
  };
}
