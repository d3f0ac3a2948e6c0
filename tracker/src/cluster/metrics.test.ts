import type { Worker } from "node:cluster";
import { pino } from "pino";
import { Counter, Gauge, Registry } from "prom-client";
import { describe, expect, it, vi } from "vitest";
import { createMetricsAggregator, mergeMetrics } from "./metrics.ts";

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

/**
 * The primary's aggregator with stand-ins for cluster workers: each answers collection requests with
 * its registry (at once, or when `release()` is called) and keeps the merged texts it is sent.
 */
function primary() {
  let listening: Worker[] = [];
  const aggregator = createMetricsAggregator({
    listening: () => listening,
    registry: new Registry(),
    timeoutMs: 1000,
    logger: pino({ level: "silent" }),
  });
  const worker = (clicks: number, uaCacheEntries: number, manual = false) => {
    const held: (() => void)[] = [];
    const texts: string[] = [];
    const stand = {
      isConnected: () => true,
      send(message: { type: string; id: number; text?: string }) {
        if (message.type === "leadrail:metrics-collect") {
          const answer = async () =>
            aggregator.onMessage(stand, {
              type: "leadrail:metrics-collected",
              id: message.id,
              metrics: await workerMetrics(clicks, uaCacheEntries),
            });
          if (manual) held.push(() => void answer());
          else void answer();
        } else if (message.text !== undefined) {
          texts.push(message.text);
        }
      },
    } as unknown as Worker;
    return {
      worker: stand,
      texts,
      release: () => {
        for (const answer of held.splice(0)) answer();
      },
    };
  };
  /** The merged text a scrape reaching `by` gets. */
  const scrape = async (by: ReturnType<typeof worker>) => {
    aggregator.onMessage(by.worker, { type: "leadrail:metrics-request", id: by.texts.length + 1 });
    await vi.waitFor(() => expect(by.texts.length).toBeGreaterThan(0));
    return by.texts.pop();
  };
  return {
    aggregator,
    worker,
    scrape,
    listen: (...workers: ReturnType<typeof worker>[]) => {
      listening = workers.map((w) => w.worker);
    },
  };
}

const clicksIn = (text: string | undefined) =>
  Number(/leadrail_tracker_clicks_total\{status="accepted"\} (\d+)/.exec(text ?? "")?.[1]);

describe("metrics aggregator", () => {
  it("keeps an exited worker's counts in the sums, never its gauges", async () => {
    const { aggregator, worker, scrape, listen } = primary();
    const a = worker(5, 40);
    const b = worker(7, 90);
    listen(a, b);
    expect(clicksIn(await scrape(a))).toBe(12);

    // b dies; c replaces it with one click so far.
    aggregator.onExit(b.worker);
    const c = worker(1, 3);
    listen(a, c);
    const after = await scrape(a);
    expect(clicksIn(after)).toBe(5 + 1 + 7);
    // Gauges are the living workers' only: pending 5 % 3 + 1 % 3, cache the fullest living one.
    expect(after).toContain("leadrail_tracker_clicks_pending 3\n");
    expect(after).toContain("leadrail_tracker_ua_cache_entries 40\n");
    // Still there after folding into the retired total.
    expect(clicksIn(await scrape(a))).toBe(13);
  });

  it("counts a worker that answered and then exited during the same scrape once", async () => {
    const { aggregator, worker, listen } = primary();
    const a = worker(5, 1, true);
    const b = worker(7, 1);
    listen(a, b);
    aggregator.onMessage(a.worker, { type: "leadrail:metrics-request", id: 1 });
    // b has answered; it exits before a does.
    await new Promise((resolve) => setImmediate(resolve));
    aggregator.onExit(b.worker);
    a.release();
    await vi.waitFor(() => expect(a.texts).toHaveLength(1));
    expect(clicksIn(a.texts[0])).toBe(12);
  });
});
