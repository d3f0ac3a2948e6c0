// Reads cap counters for pacing: one MGET of the tracker's counters; a counter that does not exist
// (no payable conversion yet this period, or Redis lost it) is counted in PostgreSQL the way the
// tracker would seed it, and says so.
import type { Db } from "@leadrail/db";
import type { Redis } from "ioredis";
import type { PacingCounter } from "./pacing-plan.ts";

export interface PacingReading extends PacingCounter {
  used: bigint;
  source: "REDIS" | "DATABASE";
}

async function usage(db: Db, offerId: number, c: PacingCounter): Promise<bigint> {
  const result = await db.conversion.aggregate({
    where: {
      offerId,
      status: { in: ["PENDING", "APPROVED"] },
      ...(c.publisherId === null ? {} : { publisherId: c.publisherId }),
      ...(c.periodStart && c.periodEnd ? { convertedAt: { gte: c.periodStart, lt: c.periodEnd } } : {}),
    },
    _count: { _all: true },
    _sum: { payout: true },
  });
  return c.metric === "CONVERSIONS" ? BigInt(result._count._all) : (result._sum.payout ?? 0n);
}

/** `redis` carries REDIS_KEY_PREFIX as its ioredis keyPrefix, like the tracker's conversion client. */
export async function readPacing(
  db: Db,
  redis: Redis,
  offerId: number,
  counters: PacingCounter[],
): Promise<PacingReading[]> {
  if (counters.length === 0) return [];
  const values = await redis.mget(...counters.map((c) => c.key));
  return Promise.all(
    counters.map(async (c, i) => {
      const value = values[i];
      if (value !== null && value !== undefined && /^\d+$/.test(value)) {
        return { ...c, used: BigInt(value), source: "REDIS" as const };
      }
      return { ...c, used: await usage(db, offerId, c), source: "DATABASE" as const };
    }),
  );
}
