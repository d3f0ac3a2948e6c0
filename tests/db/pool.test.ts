// createDb builds Prisma over a node-postgres pool it keeps (poolOf), so the click writer can send its
// batch insert through that same pool without Prisma's parameter copying.
import { createDb, poolOf } from "@leadrail/db";
import { describe, expect, test } from "../src/fixtures.ts";

describe("createDb's pool", () => {
  test("Prisma queries through the pool poolOf returns, and $disconnect ends it", async ({ databaseUrl }) => {
    const db = createDb(databaseUrl, { max: 2 });
    const pool = poolOf(db);
    expect(pool.totalCount).toBe(0);
    // If Prisma had built a pool of its own, this one would stay empty.
    expect(await db.$queryRaw<{ one: number }[]>`select 1::int as one`).toEqual([{ one: 1 }]);
    expect(pool.totalCount).toBe(1);
    expect((await pool.query<{ two: number }>("select 2::int as two"))?.rows).toEqual([{ two: 2 }]);
    await db.$disconnect();
    expect(pool.ended).toBe(true);
  });
});
