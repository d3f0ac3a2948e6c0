import { describe, expect, test } from "vitest";
import type { ClickRecord } from "../tracking/click-record.ts";
import {
  AWAITING_UNIQUE_END,
  decodeClick,
  decodeEntry,
  encodeClick,
  encodeClickAwaitingUnique,
  findClickInEntry,
  STREAM_FIELD,
} from "./click-codec.ts";

const click: ClickRecord = {
  id: "019ab5f0-1c2d-7e3f-8a4b-5c6d7e8f9a0b",
  createdAt: 1_764_000_000_123,
  status: "ACCEPTED",
  rejectReason: null,
  linkId: 12,
  offerId: 3,
  publisherId: 7,
  subs: { sub1: 'a "quoted" ünï 🚀', sub10: "x" },
  source: "fb",
  country: "DE",
  deviceType: "MOBILE",
  os: "Android",
  browser: "Chrome",
  referrer: "https://ref.example/path",
  ipHash: "3f9a1c0b7e5d2a4f6c8b9e0d1a2b3c4d",
  isUnique: true,
  isBot: false,
  fraudReason: "no_accept_language",
};

describe("click codec", () => {
  test("a record comes back as it went", () => {
    expect(decodeClick(encodeClick(click))).toEqual(click);
    expect(decodeClick(encodeClick({ ...click, isUnique: false, subs: {} }))).toEqual({
      ...click,
      isUnique: false,
      subs: {},
    });
  });

  test("a record awaiting its verdict is complete once the script appends it", () => {
    const { isUnique: _, ...awaiting } = click;
    const open = encodeClickAwaitingUnique(awaiting);
    expect(decodeClick(open)).toBeNull();
    expect(decodeClick(`${open}true${AWAITING_UNIQUE_END}`)).toEqual(click);
    expect(decodeClick(`${open}false${AWAITING_UNIQUE_END}`)).toEqual({ ...click, isUnique: false });
  });

  test("is far smaller than the object form (a bench click: 195 bytes against 374)", () => {
    expect(encodeClick(click).length).toBeLessThan(JSON.stringify(click).length * 0.7);
  });

  test("still reads the object form", () => {
    expect(decodeClick(JSON.stringify(click))).toEqual(click);
  });

  test.each([
    ["another format version", JSON.stringify([2, ...JSON.parse(encodeClick(click)).slice(1)])],
    ["a field missing", JSON.stringify(JSON.parse(encodeClick(click)).slice(0, -1))],
    ["a wrong type", encodeClick(click).replace('"ACCEPTED"', '"MAYBE"')],
    ["not JSON", "[1,"],
    ["a number", "42"],
  ])("refuses %s", (_label, value) => {
    expect(decodeClick(value)).toBeNull();
  });

  test("an entry's clicks are decoded one by one; what does not fit is set aside", () => {
    const other = { ...click, id: "019ab5f0-1c2d-7e3f-8a4b-5c6d7e8f9a0c" };
    const fields = [
      STREAM_FIELD,
      encodeClick(click),
      STREAM_FIELD,
      "[1]",
      "other",
      "x",
      STREAM_FIELD,
      encodeClick(other),
    ];
    expect(decodeEntry(fields)).toEqual({
      clicks: [click, other],
      invalid: [STREAM_FIELD, "[1]", "other", "x"],
    });
    expect(findClickInEntry(fields, other.id)).toEqual(other);
    expect(findClickInEntry(fields, "019ab5f0-1c2d-7e3f-8a4b-5c6d7e8f9a0d")).toBeNull();
  });
});
