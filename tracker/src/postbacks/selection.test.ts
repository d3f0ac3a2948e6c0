import { describe, expect, it } from "vitest";
import { type PostbackRule, postbacksToFire } from "./selection.ts";

const rule = (id: number, overrides: Partial<PostbackRule> = {}): PostbackRule => ({
  id,
  offerId: null,
  statuses: [],
  active: true,
  ...overrides,
});

describe("postbacksToFire", () => {
  it.each<[string, PostbackRule[], number[]]>([
    ["none configured", [], []],
    ["a global postback fires for any offer", [rule(1)], [1]],
    ["an inactive one never fires", [rule(1, { active: false })], []],
    ["another offer's postback does not fire", [rule(1, { offerId: 8 })], []],
    ["the offer's own postback replaces the global one", [rule(1), rule(2, { offerId: 7 })], [2]],
    [
      "an inactive offer postback leaves the global one",
      [rule(1), rule(2, { offerId: 7, active: false })],
      [1],
    ],
    ["a status filter that matches", [rule(1, { statuses: ["APPROVED", "REVERSED"] })], [1]],
    ["a status filter that does not match", [rule(1, { statuses: ["REVERSED"] })], []],
    [
      "several postbacks fire together",
      [rule(1, { offerId: 7 }), rule(2, { offerId: 7, statuses: ["APPROVED"] })],
      [1, 2],
    ],
  ])("%s", (_label, rules, ids) => {
    expect(postbacksToFire(rules, 7, "APPROVED").map((r) => r.id)).toEqual(ids);
  });
});
