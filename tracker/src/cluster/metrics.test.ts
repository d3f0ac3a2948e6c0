import { Counter, Gauge, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { mergeMetrics } from "./metrics.ts";

/** One worker's registry: its clicks and its user-agent cache. */
async function workerMetrics(clicks: number, uaCacheEntries: number) {
  const registry = new Registry();
  new Counter({
    name: "leadrail_tracker_clicks_total",
    help: "h",
    labelNames: ["status"],
    registers: [registry],
  })
    .labels("accepted")
    .inc(clicks);
  new Gauge({ name: "leadrail_tracker_ua_cache_entries", help: "h", registers: [registry] }).set(
    uaCacheEntries,
  );
  new Gauge({ name: "leadrail_tracker_clicks_pending", help: "h", registers: [registry] }).set(clicks % 3);
  return registry.getMetricsAsJSON();
}

describe("mergeMetrics", () => {
  it("sums counts across workers but keeps the fullest per-process cache", async () => {
    const text = await mergeMetrics([await workerMetrics(5, 40), await workerMetrics(7, 90)]);
    expect(text).toContain('leadrail_tracker_clicks_total{status="accepted"} 12\n');
    expect(text).toContain("leadrail_tracker_clicks_pending 3\n");
    expect(text).toContain("leadrail_tracker_ua_cache_entries 90\n");
  });
});
