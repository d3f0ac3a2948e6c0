// The contract between the click path (writes) and attribution (reads).
//
// Every accepted click is written twice in the same Redis pipeline before its 302 is sent:
// - as an entry of the click stream (`streamKey`), which the click writer batch-inserts into PostgreSQL;
// - as a short-lived key (`recentClickKey`), so a postback or lead form that arrives a moment after the
//   click, before the writer has stored it, still finds it. Older clicks are read from PostgreSQL, where
//   the id's UUIDv7 timestamp names the partition (`timeOfId`).
import type { DeviceType } from "@leadrail/db";

export const SUB_IDS = [
  "sub1",
  "sub2",
  "sub3",
  "sub4",
  "sub5",
  "sub6",
  "sub7",
  "sub8",
  "sub9",
  "sub10",
] as const;
export type SubId = (typeof SUB_IDS)[number];

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

/** How long a click stays findable in Redis; the writer normally stores it within a second. */
export const RECENT_CLICK_TTL_SECONDS = 6 * 3600;

export function streamKey(prefix: string): string {
  return `${prefix}clicks:stream`;
}

export function recentClickKey(prefix: string, clickId: string): string {
  return `${prefix}click:${clickId}`;
}

/** Published by the API when an offer, link or application changes: the tracker drops its cached copy. */
export function configChannel(prefix: string): string {
  return `${prefix}config:invalidate`;
}
