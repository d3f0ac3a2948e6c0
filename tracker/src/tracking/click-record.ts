// The contract between the click path (writes) and attribution (reads).
//
// The click path writes each batch of clicks (one Redis round trip, up to CHUNK clicks) in one atomic
// script before any of their 302s is sent:
// - ONE entry of the click stream (`streamKey`) holding every click of the batch, one `click` field
//   each; the click writer batch-inserts them into PostgreSQL, then deletes the entry;
// - for each accepted click, a pointer from its id to that entry in a hash of its minute
//   (`recentClicksKey`), so a postback or lead form that arrives a moment after the click, before the
//   writer has stored it, still finds it. The writer deletes the pointers with the entry.
// Stored clicks are read from PostgreSQL, where the id's UUIDv7 timestamp names the partition
// (`timeOfId`). So Redis holds a click's data only until it is stored, never a second copy of it.
//
// Why one entry per batch and pointers, not an entry and a full copy per click (measured, 300,000
// clicks): Redis spent 11-15 µs and ~1 KB per click on XADD + SET of the record per click, against 6-7
// µs and ~550 B this way; Redis shares the tracker's cores, so that is click-path throughput.
import type { DeviceType } from "@leadrail/db";
import type { SubId } from "@leadrail/db/macros";

export interface ClickRecord {
  /** UUIDv7; its timestamp equals createdAt. */
  id: string;
  /** Epoch milliseconds. */
  createdAt: number;
  status: "ACCEPTED" | "REJECTED";
  rejectReason: string | null;
  linkId: number | null;
  offerId: number | null;
  publisherId: number | null;
  subs: Partial<Record<SubId, string>>;
  source: string | null;
  country: string | null;
  deviceType: DeviceType | null;
  os: string | null;
  browser: string | null;
  referrer: string | null;
  ipHash: string | null;
  isUnique: boolean;
  isBot: boolean;
  fraudReason: string | null;
}

/**
 * How long a pointer stays findable in Redis if the writer never deletes it: longer than any database
 * outage the stream is meant to ride out, after which the writer stores the backlog.
 */
export const RECENT_CLICK_TTL_SECONDS = 6 * 3600;

export function streamKey(prefix: string): string {
  return `${prefix}clicks:stream`;
}

// The pointer hashes' name is shared with the API (its erasure checks them): defined in @leadrail/db.
export { recentClicksKey } from "@leadrail/db";

/** Published by the API when an offer, link or application changes: the tracker drops its cached copy. */
export function configChannel(prefix: string): string {
  return `${prefix}config:invalidate`;
}
