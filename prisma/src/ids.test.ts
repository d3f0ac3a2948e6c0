import { describe, expect, test } from "vitest";
import { mintId, timeOfId } from "./ids.ts";

describe("UUIDv7 ids", () => {
  test.each([
    new Date("1970-01-01T00:00:00.000Z"),
    new Date("2026-11-23T20:06:17.123Z"),
    new Date("2099-12-31T23:59:59.999Z"),
  ])("timeOfId(mintId(%s)) gives the time back", (at) => {
    expect(timeOfId(mintId(at))).toEqual(at);
  });

  test("ids minted in time order sort in time order", () => {
    const ids = [1, 2, 3].map((ms) => mintId(new Date(Date.UTC(2026, 10, 23, 0, 0, 0, ms))));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(3);
  });

  test("ids minted in the same millisecond never repeat (random bytes come from a refilled pool)", () => {
    const at = new Date();
    const ids = Array.from({ length: 10_000 }, () => mintId(at));
    expect(new Set(ids).size).toBe(ids.length);
  });

  test.each([
    ["a UUIDv4", "9b2e8f4a-3c1d-4e5f-8a7b-6c5d4e3f2a1b"],
    ["not a UUID", "not-a-uuid"],
    ["an empty string", ""],
  ])("timeOfId of %s is null", (_label, id) => {
    expect(timeOfId(id)).toBeNull();
  });
});
