// Cap counters in Redis, checked and incremented by one Lua script: either every counter a
// conversion touches has room and all are incremented, or none is. Redis runs a script alone, so 50
// simultaneous conversions against a cap of 10 get exactly 10 reservations.
//
// A counter that does not exist yet (first conversion of a period, or Redis lost its data) is seeded
// from PostgreSQL (payable conversions of that period) with SET NX, then the script runs again: the
// counters start from the truth instead of from zero. A reservation is released (decremented) when
// the insert turns out to be a duplicate or fails, and when a payable conversion is later rejected or
// reversed. A crash between reserving and inserting leaves a counter one too high: caps err on the
// side of paying less, never more.
//
// Shared by the tracker (new conversions) and the API (a person overturning a quality-policy
// rejection), so both take slots with the same script and the same seeding.

import type { Redis } from "ioredis";
import type { PrismaClient as Db } from "../generated/client/client.ts";
import type { CapReservation } from "./caps.ts";

// KEYS: the counters. ARGV: limit and delta per key. Replies {0, i...}: counters i are missing;
// {1, i}: counter i has no room; {2}: all incremented. Lua numbers are doubles: exact up to 2^53,
// far beyond any budget in minor units.
const RESERVE = `
local missing = {0}
for i = 1, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 0 then missing[#missing + 1] = i end
end
if #missing > 1 then return missing end
for i = 1, #KEYS do
  local current = tonumber(redis.call('GET', KEYS[i]))
  if current + tonumber(ARGV[2 * i]) > tonumber(ARGV[2 * i - 1]) then return {1, i} end
end
for i = 1, #KEYS do redis.call('INCRBY', KEYS[i], ARGV[2 * i]) end
return {2}
`;

// Decrements existing counters, never below zero; a counter that expired stays gone.
const RELEASE = `
for i = 1, #KEYS do
  local current = redis.call('GET', KEYS[i])
  if current then
    local next = tonumber(current) - tonumber(ARGV[i])
    if next < 0 then next = 0 end
    redis.call('SET', KEYS[i], next, 'KEEPTTL')
  end
end
return #KEYS
`;

type ScriptRunner = (keys: string[], args: string[]) => Promise<unknown>;

export type ReserveResult = { ok: true } | { ok: false; full: CapReservation };

export interface CapCounters {
  reserve(reservations: CapReservation[]): Promise<ReserveResult>;
  release(reservations: CapReservation[]): Promise<void>;
}

/**
 * Keys come whole from the reservations (capReservations' `prefix`). The tracker passes REDIS_KEY_PREFIX
 * there and a client without ioredis keyPrefix; the API passes "" and a client whose keyPrefix adds it
 * (applied to script KEYS too). Either way the counter has the same name in Redis.
 */
export function createCapCounters(deps: { redis: Redis; db: Db }): CapCounters {
  const { redis, db } = deps;
  const run =
    (lua: string): ScriptRunner =>
    (keys, args) =>
      redis.eval(lua, keys.length, ...keys, ...args);
  const reserveScript = run(RESERVE);
  const releaseScript = run(RELEASE);

  async function usage(r: CapReservation): Promise<bigint> {
    const result = await db.conversion.aggregate({
      where: {
        offerId: r.offerId,
        status: { in: ["PENDING", "APPROVED"] },
        ...(r.publisherId === null ? {} : { publisherId: r.publisherId }),
        ...(r.from && r.to ? { convertedAt: { gte: r.from, lt: r.to } } : {}),
      },
      _count: { _all: true },
      _sum: { payout: true },
    });
    return r.metric === "CONVERSIONS" ? BigInt(result._count._all) : (result._sum.payout ?? 0n);
  }

  async function seed(r: CapReservation): Promise<void> {
    const value = (await usage(r)).toString();
    if (r.ttlSeconds === null) await redis.set(r.key, value, "NX");
    else await redis.set(r.key, value, "EX", r.ttlSeconds, "NX");
  }

  return {
    async reserve(reservations) {
      if (reservations.length === 0) return { ok: true };
      const keys = reservations.map((r) => r.key);
      const args = reservations.flatMap((r) => [r.limit.toString(), r.delta.toString()]);
      // Seeding creates the keys, so the second pass finds them (unless they expire in between,
      // which a TTL of period + one week makes impossible in practice).
      for (let pass = 0; pass < 3; pass++) {
        const reply = (await reserveScript(keys, args)) as number[];
        if (reply[0] === 2) return { ok: true };
        if (reply[0] === 1) {
          const full = reservations[(reply[1] ?? 1) - 1];
          if (full) return { ok: false, full };
        }
        await Promise.all(
          reply
            .slice(1)
            .map((i) => reservations[i - 1])
            .map((r) => (r ? seed(r) : null)),
        );
      }
      throw new Error("cap counters could not be seeded");
    },

    async release(reservations) {
      const paid = reservations.filter((r) => r.delta > 0n);
      if (paid.length === 0) return;
      await releaseScript(
        paid.map((r) => r.key),
        paid.map((r) => r.delta.toString()),
      );
    },
  };
}
