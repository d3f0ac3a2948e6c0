import { readFileSync } from "node:fs";
import { lexicographicSortSchema, printSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { schema } from "./index.ts";

describe("api/schema.graphql", () => {
  it("matches the schema the code builds (run `pnpm --filter @leadrail/api schema` after changing it)", () => {
    const committed = readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8");
    expect(committed).toBe(`${printSchema(lexicographicSortSchema(schema))}\n`);
  });
});
