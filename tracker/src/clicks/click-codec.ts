// How a ClickRecord travels through Redis: JSON, as the value of a `click` field of a stream entry; an
// entry holds one or more (tracking/click-record.ts). The writer checks every click against the
// contract before it goes near SQL: a value that does not fit is set aside, never guessed at.
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
  // Without a copy when there is no isUnique to drop: a spread costs three times the stringify.
  const json = JSON.stringify("isUnique" in click ? { ...click, isUnique: undefined } : click);
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

export interface DecodedEntry {
  clicks: ClickRecord[];
  /** Field/value pairs that are not valid clicks, flattened, for the dead-letter stream. */
  invalid: string[];
}

/** The clicks of one stream entry's fields ([name, value, name, value...]). */
export function decodeEntry(fields: readonly string[]): DecodedEntry {
  const clicks: ClickRecord[] = [];
  const invalid: string[] = [];
  for (let i = 0; i < fields.length; i += 2) {
    const name = fields[i] ?? "";
    const value = fields[i + 1] ?? "";
    const click = name === STREAM_FIELD ? decodeClick(value) : null;
    if (click === null) invalid.push(name, value);
    else clicks.push(click);
  }
  return { clicks, invalid };
}

/** One click of an entry by id; only values that mention the id are parsed, not the whole batch. */
export function findClickInEntry(fields: readonly string[], id: string): ClickRecord | null {
  const quoted = JSON.stringify(id);
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const value = fields[i + 1] ?? "";
    if (fields[i] === STREAM_FIELD && value.includes(quoted)) {
      const click = decodeClick(value);
      if (click?.id === id) return click;
    }
  }
  return null;
}
