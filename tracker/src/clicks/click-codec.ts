// How a ClickRecord travels through Redis: a JSON array (see FORMAT below), as the value of a `click`
// field of a stream entry; an entry holds one or more (tracking/click-record.ts). The writer checks every click against the
// contract before it goes near SQL: a value that does not fit is set aside, never guessed at.

import { SUB_IDS } from "@leadrail/db/macros";
import { z } from "zod";
import type { ClickRecord } from "../tracking/click-record.ts";

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

// On the wire a click is a JSON array, not an object: the field names would be two thirds of each
// record, and every byte is copied into Redis by the click path, held there and read back by the
// writer. Position 0 is the format's version. isUnique comes last so the recorder's script can
// append it (see encodeClickAwaitingUnique). Objects (the earlier format, and what tests write by
// hand) are still read.
const FORMAT = 1;
const FIELDS = 19;

function positional(click: Omit<ClickRecord, "isUnique">): unknown[] {
  return [
    FORMAT,
    click.id,
    click.createdAt,
    click.status,
    click.rejectReason,
    click.linkId,
    click.offerId,
    click.publisherId,
    click.subs,
    click.source,
    click.country,
    click.deviceType,
    click.os,
    click.browser,
    click.referrer,
    click.ipHash,
    click.isBot,
    click.fraudReason,
  ];
}

function fromPositional(a: unknown[]): unknown {
  if (a.length !== FIELDS || a[0] !== FORMAT) return null;
  const [, id, createdAt, status, rejectReason, linkId, offerId, publisherId, subs, source, country] = a;
  const [deviceType, os, browser, referrer, ipHash, isBot, fraudReason, isUnique] = a.slice(11);
  return {
    ...{ id, createdAt, status, rejectReason, linkId, offerId, publisherId, subs, source, country },
    ...{ deviceType, os, browser, referrer, ipHash, isBot, fraudReason, isUnique },
  };
}

export function encodeClick(click: ClickRecord): string {
  return JSON.stringify([...positional(click), click.isUnique]);
}

/** What the recorder's script appends to an encodeClickAwaitingUnique record after the verdict. */
export const AWAITING_UNIQUE_END = "]";

/**
 * The record with its verdict left open: the Redis script that decides uniqueness appends `true]` or
 * `false]`, so the verdict and the record are written in one step.
 */
export function encodeClickAwaitingUnique(click: Omit<ClickRecord, "isUnique">): string {
  const json = JSON.stringify(positional(click));
  return `${json.slice(0, -1)},`;
}

export function decodeClick(value: string): ClickRecord | null {
  try {
    const json: unknown = JSON.parse(value);
    const parsed = ClickRecordModel.safeParse(Array.isArray(json) ? fromPositional(json) : json);
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
