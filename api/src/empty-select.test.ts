import { describe, expect, test } from "vitest";
import { withoutEmptySelects } from "./empty-select.ts";

describe("withoutEmptySelects", () => {
  test("an empty select at the top reads the row whole", () => {
    expect(withoutEmptySelects({ select: {}, where: { id: 5 } })).toEqual({ where: { id: 5 } });
  });

  test("a relation whose only argument was an empty select becomes the whole related row", () => {
    expect(
      withoutEmptySelects({
        include: { offer: { select: {} }, lines: { select: {}, orderBy: { id: "asc" } } },
        where: { id: 1 },
      }),
    ).toEqual({ include: { offer: true, lines: { orderBy: { id: "asc" } } }, where: { id: 1 } });
  });

  test("arguments without an empty select come back as they were (the same object)", () => {
    const args = { select: { id: true, offer: { select: { name: true } } }, where: { id: 1 } };
    expect(withoutEmptySelects(args)).toBe(args);
  });
});
