// How a ClickRecord travels through Redis: JSON, as the value of the stream entry's `click` field and
// of the recent-click key (tracking/click-record.ts). The writer checks every entry against the
// contract before it goes near SQL: an entry that does not fit is set aside, never guessed at.
import { z } from "zod";
import { type ClickRecord, SUB_IDS } from "../tracking/click-record.ts";

export const STREAM_FIELD = "click";

const text = (max: number) => z.string().max(max).nullable();

export const ClickRecordModel = z.object({
  id: z.uuid({ version: "v7" }),
  createdAt: z.number().int().nonnegative(),
  status: z.enum(["ACCEPTED", "REJECTED"]),
  rejectReason: text(64),
  linkId: z.number().int().nullable(),
  offerId: z.number().int().nullable(),
  publisherId: z.number().int().nullable(),
  subs: z.partialRecord(z.enum(SUB_IDS), z.string().max(1000)),
  source: text(1000),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable(),
  deviceType: z.enum(["DESKTOP", "MOBILE", "TABLET", "OTHER"]).nullable(),
  os: text(200),
  browser: text(200),
  referrer: text(2000),
  ipHash: text(128),
  isUnique: z.boolean(),
  isBot: z.boolean(),
  fraudReason: text(200),
}) satisfies z.ZodType<ClickRecord>;

export function encodeClick(click: ClickRecord): string {
  return JSON.stringify(click);
}

/**
 * The record as JSON with `"isUnique":` as its last, unfinished member: the Redis script that decides
 * uniqueness appends `true}` or `false}`, so the verdict and the record are written in one step.
 */
export function encodeClickAwaitingUnique(click: Omit<ClickRecord, "isUnique">): string {
  const json = JSON.stringify({ ...click, isUnique: undefined });
  return `${json.slice(0, -1)},"isUnique":`;
}

export function decodeClick(value: string): ClickRecord | null {
  try {
    const parsed = ClickRecordModel.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
