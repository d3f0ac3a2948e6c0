// Click and conversion ids are UUIDv7: minted by the tracker without a database round-trip, sortable
// by time, and carrying their own timestamp, which locates a click's monthly partition.
import { getRandomValues } from "node:crypto";
import { v7 as uuidv7, validate, version } from "uuid";

// The tracker mints one id per click: drawing 16 random bytes per id from the OS costs ~10x the rest
// of the id, so bytes come from a pool refilled 256 ids at a time (same CSPRNG, same randomness).
const pool = new Uint8Array(16 * 256);
let poolAt = pool.length;

function random16(): Uint8Array {
  if (poolAt + 16 > pool.length) {
    getRandomValues(pool);
    poolAt = 0;
  }
  const bytes = pool.subarray(poolAt, poolAt + 16);
  poolAt += 16;
  return bytes;
}

export function mintId(at: Date = new Date()): string {
  return uuidv7({ msecs: at.getTime(), random: random16() });
}

/** The millisecond timestamp inside a UUIDv7, or null when the string is not one. */
export function timeOfId(id: string): Date | null {
  if (!validate(id) || version(id) !== 7) return null;
  const ms = Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16);
  return new Date(ms);
}
