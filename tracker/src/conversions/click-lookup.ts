// Finds a click for attribution: PostgreSQL first, where the UUIDv7's timestamp is the row's created_at
// and so names its partition; then Redis, for a click the click writer has not stored yet (a postback
// or lead a moment after its click, or during a database outage's backlog): its pointer leads to the
// stream entry that holds it (see ../tracking/click-record.ts for the contract).
//
// PostgreSQL is asked again when Redis has nothing: the writer deletes the entry and the pointer
// after its commit, so a click stored between the two reads is found by the second.
import { type Db, timeOfId } from "@leadrail/db";
import { SUB_IDS, type SubId } from "@leadrail/db/macros";
import type { Redis } from "ioredis";
import { findClickInEntry } from "../clicks/click-codec.ts";
import { recentClicksKey, streamKey } from "../tracking/click-record.ts";
import type { ClickFacts } from "./attribution.ts";

// KEYS: the pointer hash of the click's minute, the stream. ARGV: the click id.
// Returns the entry's fields, or false. One script, so the entry cannot be deleted between the reads.
const FIND_RECENT_CLICK = `
local entry = redis.call('HGET', KEYS[1], ARGV[1])
if not entry then return false end
local found = redis.call('XRANGE', KEYS[2], entry, entry)
if #found == 0 then return false end
return found[1][2]`;

type WithFindCommand = Redis & {
  leadrailFindRecentClick(hash: string, stream: string, clickId: string): Promise<string[] | null>;
};

function onlySubs(record: Partial<Record<SubId, unknown>>): Partial<Record<SubId, string>> {
  const subs: Partial<Record<SubId, string>> = {};
  for (const sub of SUB_IDS) {
    const value = record[sub];
    if (typeof value === "string" && value !== "") subs[sub] = value;
  }
  return subs;
}

/** A click id as we store it: lower-case UUIDv7, or null when it cannot be one of our clicks. */
export function normalizeClickId(raw: string | null): string | null {
  if (raw === null) return null;
  const id = raw.toLowerCase();
  return timeOfId(id) === null ? null : id;
}

export type ClickLookup = (clickId: string) => Promise<ClickFacts | null>;

type Found = Omit<ClickFacts, "id" | "createdAt" | "subs">;

function facts(id: string, createdAt: Date, found: Found, subs: Partial<Record<SubId, string>>): ClickFacts {
  const { status, offerId, publisherId, linkId, source, country, deviceType } = found;
  const { rejectReason, isBot, isUnique, fraudReason } = found;
  return {
    ...{ id, createdAt, status, offerId, publisherId, linkId, subs, source, country, deviceType },
    ...{ rejectReason, isBot, isUnique, fraudReason },
  };
}

/**
 * Keys are full names from `keyPrefix` (REDIS_KEY_PREFIX; see redis-clients.ts), the same the click
 * path writes. Redis errors propagate: answering "no click" because Redis blinked would reject a
 * conversion for good, while a failed request is retried.
 */
export function createClickLookup(deps: { redis: Redis; db: Db; keyPrefix: string }): ClickLookup {
  const redis = deps.redis as WithFindCommand;
  let defined = false;

  const stored = async (id: string, createdAt: Date): Promise<ClickFacts | null> => {
    const row = await deps.db.click.findUnique({ where: { id_createdAt: { id, createdAt } } });
    return row === null ? null : facts(id, row.createdAt, row, onlySubs(row));
  };

  const recent = async (id: string, createdAt: Date): Promise<ClickFacts | null> => {
    // Defined on first use: apps built for tests without Redis never look a click up.
    if (!defined) {
      redis.defineCommand("leadrailFindRecentClick", { numberOfKeys: 2, lua: FIND_RECENT_CLICK });
      defined = true;
    }
    const fields = await redis.leadrailFindRecentClick(
      recentClicksKey(deps.keyPrefix, createdAt.getTime()),
      streamKey(deps.keyPrefix),
      id,
    );
    // A record that does not fit the contract is not trusted; the writer dead-letters it.
    const r = fields ? findClickInEntry(fields, id) : null;
    return r === null ? null : facts(id, new Date(r.createdAt), r, onlySubs(r.subs));
  };

  return async (rawId) => {
    const id = normalizeClickId(rawId);
    const createdAt = id === null ? null : timeOfId(id);
    if (id === null || createdAt === null) return null;
    return (await stored(id, createdAt)) ?? (await recent(id, createdAt)) ?? (await stored(id, createdAt));
  };
}
