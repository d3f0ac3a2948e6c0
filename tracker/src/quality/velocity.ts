// Click velocity: more than N accepted clicks in a minute from one IP, or on one link from one IP.
//
// Counted in the click writer, per batch, not on the click path: one pipelined round trip per batch
// (hundreds of clicks) instead of one per click, and the click path stays as cheap as it is. The
// price is a delay: a click is flagged when the writer stores it (normally within a second), and the
// flag reaches attribution through the click row (attribution reads the stream's unflagged copy only
// while the click is not stored yet). Windows are fixed UTC minutes (a counter per minute, 120 s TTL), not sliding:
// a burst split across a minute boundary can reach 2N-1 unflagged, which is fine for its purpose.
// A redelivered batch counts again; that can only flag more, never less.
import type { Redis } from "ioredis";
import type { ClickRecord } from "../tracking/click-record.ts";

export interface VelocityLimits {
  /** Accepted clicks per IP per minute, all links. */
  perIp: number;
  /** Accepted clicks per IP per minute on one link. */
  perLink: number;
}

export type VelocityReason = "velocity_ip" | "velocity_link";

interface Counter {
  key: string;
  kind: "ip" | "link";
  clicks: ClickRecord[];
}

/** The counters a batch increments, each with its clicks in time order. Pure. */
export function velocityCounters(prefix: string, clicks: readonly ClickRecord[]): Map<string, Counter> {
  const counters = new Map<string, Counter>();
  const add = (kind: Counter["kind"], key: string, click: ClickRecord) => {
    const counter = counters.get(key) ?? { key, kind, clicks: [] };
    counter.clicks.push(click);
    counters.set(key, counter);
  };
  const ordered = [...clicks].sort((a, b) => a.createdAt - b.createdAt);
  for (const click of ordered) {
    if (click.status !== "ACCEPTED" || click.ipHash === null) continue;
    const minute = Math.floor(click.createdAt / 60_000);
    add("ip", `${prefix}velocity:ip:${click.ipHash}:${minute}`, click);
    add("link", `${prefix}velocity:link:${click.linkId}:${click.ipHash}:${minute}`, click);
  }
  return counters;
}

/**
 * Given each counter's total after this batch's increment, which clicks exceed a limit. The n-th
 * click of a counter (1-based) has count total - size + n. Pure.
 */
export function velocityFlags(
  counters: Map<string, Counter>,
  totals: Map<string, number>,
  limits: VelocityLimits,
): Map<string, VelocityReason> {
  const flags = new Map<string, VelocityReason>();
  for (const { key, kind, clicks } of counters.values()) {
    const total = totals.get(key);
    if (total === undefined) continue;
    const isLink = kind === "link";
    const limit = isLink ? limits.perLink : limits.perIp;
    const before = total - clicks.length;
    clicks.forEach((click, i) => {
      if (before + i + 1 <= limit) return;
      // A link-level burst is the more specific finding.
      if (isLink || !flags.has(click.id)) flags.set(click.id, isLink ? "velocity_link" : "velocity_ip");
    });
  }
  return flags;
}

export type VelocityFlagger = (clicks: ClickRecord[]) => Promise<ClickRecord[]>;

/**
 * Returns the batch with velocity-flagged clicks' `fraudReason` set. A Redis failure flags nothing
 * (logged by the caller): storing the clicks matters more than flagging them.
 */
export function createVelocityFlagger(deps: {
  redis: Redis;
  keyPrefix: string;
  limits: VelocityLimits;
}): VelocityFlagger {
  const { redis, keyPrefix, limits } = deps;
  return async (clicks) => {
    const counters = velocityCounters(keyPrefix, clicks);
    if (counters.size === 0) return clicks;
    const pipeline = redis.pipeline();
    for (const { key, clicks: counted } of counters.values()) {
      pipeline.incrby(key, counted.length);
      pipeline.expire(key, 120);
    }
    const results = (await pipeline.exec()) ?? [];
    const totals = new Map<string, number>();
    [...counters.keys()].forEach((key, i) => {
      const [error, value] = results[i * 2] ?? [new Error("no reply"), null];
      if (!error && typeof value === "number") totals.set(key, value);
    });
    const flags = velocityFlags(counters, totals, limits);
    if (flags.size === 0) return clicks;
    return clicks.map((click) => {
      const reason = flags.get(click.id);
      return reason ? { ...click, fraudReason: reason } : click;
    });
  };
}
