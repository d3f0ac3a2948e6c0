// Finds a click for attribution: Redis first (the click path writes every accepted click there
// before redirecting, so a postback a second later finds it even though the click writer has not
// stored it yet), then PostgreSQL, where the UUIDv7's timestamp is the row's created_at and so names
// its partition. See ../tracking/click-record.ts for the contract.
import { type Db, timeOfId } from "@leadrail/db";
import type { Redis } from "ioredis";
import { z } from "zod";
import { recentClickKey, SUB_IDS, type SubId } from "../tracking/click-record.ts";
import type { ClickFacts } from "./attribution.ts";

const DEVICE_TYPES = ["DESKTOP", "MOBILE", "TABLET", "OTHER"] as const;

// Only the fields attribution uses are checked; a record that fails is ignored (PostgreSQL is asked
// instead) rather than trusted.
const ClickRecordModel = z.object({
  id: z.string(),
  createdAt: z.number().int(),
  status: z.enum(["ACCEPTED", "REJECTED"]),
  offerId: z.number().int().nullable(),
  publisherId: z.number().int().nullable(),
  linkId: z.number().int().nullable(),
  subs: z.record(z.string(), z.string()).catch({}),
  source: z.string().nullable().catch(null),
  country: z.string().nullable().catch(null),
  deviceType: z.enum(DEVICE_TYPES).nullable().catch(null),
  rejectReason: z.string().nullable().catch(null),
  isBot: z.boolean().catch(false),
  isUnique: z.boolean().catch(true),
  fraudReason: z.string().nullable().catch(null),
});

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

/**
 * `redis` is the tracker's client, whose ioredis `keyPrefix` already carries the deployment prefix,
 * so keys are built with an empty prefix here. Redis errors propagate: answering "no click" because
 * Redis blinked would reject a conversion for good, while a failed request is retried.
 */
export function createClickLookup(deps: { redis: Redis; db: Db }): ClickLookup {
  return async (rawId) => {
    const id = normalizeClickId(rawId);
    const createdAt = id === null ? null : timeOfId(id);
    if (id === null || createdAt === null) return null;

    const cached = await deps.redis.get(recentClickKey("", id));
    if (cached !== null) {
      let json: unknown;
      try {
        json = JSON.parse(cached);
      } catch {
        json = null;
      }
      const parsed = ClickRecordModel.safeParse(json);
      if (parsed.success && parsed.data.id.toLowerCase() === id) {
        const r = parsed.data;
        return {
          id,
          createdAt: new Date(r.createdAt),
          status: r.status,
          offerId: r.offerId,
          publisherId: r.publisherId,
          linkId: r.linkId,
          subs: onlySubs(r.subs),
          source: r.source,
          country: r.country,
          deviceType: r.deviceType,
          rejectReason: r.rejectReason,
          isBot: r.isBot,
          isUnique: r.isUnique,
          fraudReason: r.fraudReason,
        };
      }
    }

    const row = await deps.db.click.findUnique({ where: { id_createdAt: { id, createdAt } } });
    if (row === null) return null;
    return {
      id,
      createdAt: row.createdAt,
      status: row.status,
      offerId: row.offerId,
      publisherId: row.publisherId,
      linkId: row.linkId,
      subs: onlySubs(row),
      source: row.source,
      country: row.country,
      deviceType: row.deviceType,
      rejectReason: row.rejectReason,
      isBot: row.isBot,
      isUnique: row.isUnique,
      fraudReason: row.fraudReason,
    };
  };
}
