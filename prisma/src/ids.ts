// Click and conversion ids are UUIDv7: minted by the tracker without a database round-trip, sortable
// by time, and carrying their own timestamp, which locates a click's monthly partition.
import { v7 as uuidv7, validate, version } from "uuid";

export function mintId(at: Date = new Date()): string {
  return uuidv7({ msecs: at.getTime() });
}

/** The millisecond timestamp inside a UUIDv7, or null when the string is not one. */
export function timeOfId(id: string): Date | null {
  if (!validate(id) || version(id) !== 7) return null;
  const ms = Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16);
  return new Date(ms);
}
