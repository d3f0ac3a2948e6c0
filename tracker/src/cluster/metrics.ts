// /metrics for a tracker run as several worker processes (TRACKER_WORKERS > 1). Each worker counts
// only the requests it served, so the worker a scrape reaches asks the primary, which collects every
// listening worker's registry over IPC and merges them with prom-client's AggregatorRegistry: each
// metric by its `aggregator` (counters, histograms and most gauges summed).
//
// A worker that exits takes its counts with it, and a merged counter that falls reads to Prometheus as
// a reset. So the primary keeps each worker's last answer and, once the worker is gone, goes on adding
// its counters and histograms (never its gauges: they describe a process that no longer exists). The
// counts a worker made after its last scrape are lost; the merged counters never fall.
//
// prom-client's own `clusterMetrics()` is not used for the collecting: it asks every connected worker,
// and a worker that is still starting (no message listener yet) silently drops the request, so a
// scrape during a worker's replacement would wait out its 5 s timeout and fail. The primary here asks
// only workers that are listening, which installed their answer before they listened.
import type { Worker } from "node:cluster";
import type { Logger } from "pino";
import { type Aggregator, AggregatorRegistry, type Registry } from "prom-client";

type MetricsJson = Awaited<ReturnType<Registry["getMetricsAsJSON"]>>;

/** worker → primary: "send me the whole tracker's metrics". */
const REQUEST = "leadrail:metrics-request";
/** primary → each listening worker: "send me yours". */
const COLLECT = "leadrail:metrics-collect";
/** worker → primary: one worker's registry as JSON. */
const COLLECTED = "leadrail:metrics-collected";
/** primary → the asking worker: the merged text, or why there is none. */
const AGGREGATE = "leadrail:metrics-aggregate";

type Message =
  | { type: typeof REQUEST; id: number }
  | { type: typeof COLLECT; id: number }
  | { type: typeof COLLECTED; id: number; metrics: MetricsJson }
  | { type: typeof AGGREGATE; id: number; text: string }
  | { type: typeof AGGREGATE; id: number; error: string };

function asMessage(value: unknown): Message | null {
  if (typeof value !== "object" || value === null) return null;
  const { type, id } = value as { type?: unknown; id?: unknown };
  if (typeof id !== "number") return null;
  return type === REQUEST || type === COLLECT || type === COLLECTED || type === AGGREGATE
    ? (value as Message)
    : null;
}

// Gauges of one process's own state, whose sum over workers would describe nothing that exists: each
// worker's user-agent cache is bounded by UA_CACHE_SIZE on its own, and the fullest one is what tells
// whether that size is enough. (The aggregator belongs on the metric's definition in
// clicks/click-metrics.ts; it is set here because that module is being reworked elsewhere.)
const PER_PROCESS_AGGREGATORS: Record<string, Aggregator> = {
  leadrail_tracker_ua_cache_entries: "max",
};

function withAggregators(metrics: MetricsJson): MetricsJson {
  return metrics.map((metric) => {
    const aggregator = PER_PROCESS_AGGREGATORS[metric.name];
    return aggregator ? { ...metric, aggregator } : metric;
  });
}

/** The part of a gone worker's registry that still counts: counters and histograms. */
function monotonicPart(metrics: MetricsJson): MetricsJson {
  return metrics.filter((metric) => {
    // prom-client's typings declare a numeric enum; its JSON carries the name ("counter").
    const type = metric.type as unknown as string;
    return type === "counter" || type === "histogram";
  });
}

/** Merges registries' JSON the way the primary does; exported for tests. */
export function mergeMetrics(registries: MetricsJson[]): Promise<string> {
  return AggregatorRegistry.aggregate(registries.map(withAggregators)).metrics();
}

// ── worker side ──

export interface ClusterMetricsClient {
  /** The whole tracker's metrics in Prometheus text, from the primary. */
  read(): Promise<string>;
}

/**
 * Answers the primary's collection requests with `registry` and asks it for the merged metrics.
 * Called once per worker, before the worker listens.
 */
export function joinClusterMetrics(registry: Registry, options: { timeoutMs: number }): ClusterMetricsClient {
  const send = process.send?.bind(process);
  if (!send) throw new Error("joinClusterMetrics needs an IPC channel: run it in a cluster worker");
  const waiting = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();
  let nextId = 0;

  process.on("message", (value: unknown) => {
    const message = asMessage(value);
    if (message?.type === COLLECT) {
      registry.getMetricsAsJSON().then(
        (metrics) => send({ type: COLLECTED, id: message.id, metrics } satisfies Message),
        // An empty answer would make the whole tracker's counters drop: no answer lets the
        // primary's request time out and the scrape fail instead.
        () => {},
      );
    } else if (message?.type === AGGREGATE) {
      const request = waiting.get(message.id);
      waiting.delete(message.id);
      if ("text" in message) request?.resolve(message.text);
      else request?.reject(new Error(`primary could not merge metrics: ${message.error}`));
    }
  });

  return {
    read() {
      nextId += 1;
      const id = nextId;
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`primary did not send metrics within ${options.timeoutMs} ms`));
        }, options.timeoutMs);
        waiting.set(id, {
          resolve: (text) => {
            clearTimeout(timer);
            resolve(text);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        send({ type: REQUEST, id } satisfies Message);
      });
    },
  };
}

// ── primary side ──

export interface MetricsAggregator {
  /** Handles a worker's message when it belongs to this protocol. */
  onMessage(worker: Worker, message: unknown): void;
  /** A worker exited: its answer will not come. */
  onExit(worker: Worker): void;
}

interface Collection {
  requester: Worker;
  requestId: number;
  waiting: Set<Worker>;
  collected: Map<Worker, MetricsJson>;
  timer: NodeJS.Timeout;
}

export function createMetricsAggregator(options: {
  /** Workers that are listening (and so answer collection requests). */
  listening: () => Iterable<Worker>;
  /** The primary's own metrics (workers, restarts), merged in. */
  registry: Registry;
  /** Below the workers' own timeout, so they hear why instead of timing out themselves. */
  timeoutMs: number;
  logger: Logger;
}): MetricsAggregator {
  const collections = new Map<number, Collection>();
  let nextId = 0;
  // Each worker's latest answer; the counting part of exited workers' answers, one per worker until
  // no collection could hold that worker's own answer too (then folded into `retiredTotal`).
  const lastAnswer = new Map<Worker, MetricsJson>();
  const retired = new Map<Worker, MetricsJson>();
  let retiredTotal: MetricsJson = [];

  const foldRetired = async () => {
    if (collections.size > 0 || retired.size === 0) return;
    const parts = [retiredTotal, ...retired.values()];
    retired.clear();
    retiredTotal = monotonicPart(await AggregatorRegistry.aggregate(parts).getMetricsAsJSON());
  };

  const reply = (collection: Collection, message: Message) => {
    if (collection.requester.isConnected()) collection.requester.send(message);
  };

  const finish = async (id: number) => {
    const collection = collections.get(id);
    if (!collection) return;
    collections.delete(id);
    clearTimeout(collection.timer);
    try {
      const own = await options.registry.getMetricsAsJSON();
      // A worker that answered this collection and exited since is counted once, by its answer.
      const gone = [...retired].filter(([worker]) => !collection.collected.has(worker)).map(([, m]) => m);
      const text = await mergeMetrics([...collection.collected.values(), own, retiredTotal, ...gone]);
      reply(collection, { type: AGGREGATE, id: collection.requestId, text });
      await foldRetired();
    } catch (error) {
      options.logger.error({ err: error }, "merging worker metrics failed");
      reply(collection, { type: AGGREGATE, id: collection.requestId, error: "merge failed" });
    }
  };

  const start = (requester: Worker, requestId: number) => {
    nextId += 1;
    const id = nextId;
    const waiting = new Set([...options.listening()].filter((worker) => worker.isConnected()));
    const timer = setTimeout(() => {
      const collection = collections.get(id);
      if (!collection) return;
      collections.delete(id);
      // Partial numbers would make the tracker's counters fall and rise again: fail the scrape.
      options.logger.warn({ unanswered: collection.waiting.size }, "workers did not send their metrics");
      reply(collection, { type: AGGREGATE, id: requestId, error: "workers did not answer" });
    }, options.timeoutMs);
    collections.set(id, { requester, requestId, waiting, collected: new Map(), timer });
    for (const worker of waiting) worker.send({ type: COLLECT, id } satisfies Message);
    if (waiting.size === 0) void finish(id);
  };

  return {
    onMessage(worker, value) {
      const message = asMessage(value);
      if (message?.type === REQUEST) {
        start(worker, message.id);
      } else if (message?.type === COLLECTED) {
        const collection = collections.get(message.id);
        if (!collection?.waiting.delete(worker)) return;
        collection.collected.set(worker, message.metrics);
        lastAnswer.set(worker, message.metrics);
        if (collection.waiting.size === 0) void finish(message.id);
      }
    },
    onExit(worker) {
      const last = lastAnswer.get(worker);
      lastAnswer.delete(worker);
      if (last) retired.set(worker, monotonicPart(last));
      for (const [id, collection] of collections) {
        // Its requests and its clicks leave the tracker with it, as with any restarted process.
        if (collection.waiting.delete(worker) && collection.waiting.size === 0) void finish(id);
      }
    },
  };
}
