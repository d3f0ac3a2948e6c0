// The bench builds its rows' times in SQL from random floats; these are the values that broke it
// (a float PostgreSQL prints in exponent form) next to ordinary ones.
import { describe, expect, test } from "../src/fixtures.ts";
import { plusHours, plusSeconds } from "./sql-intervals.ts";

const BASE = "2026-01-01T00:00:00Z";

describe("bench interval SQL", () => {
  test.for([4.140686457709819e-5, 1e-300, 0, 0.5, 71.99999])("plusHours(%s)", async (hours, { db }) => {
    const [row] = await db.$queryRawUnsafe<{ at: Date }[]>(
      `SELECT ${plusHours("$1::timestamptz", "$2::float8")} AS at`,
      BASE,
      hours,
    );
    // PostgreSQL keeps microseconds; JavaScript dates milliseconds.
    expect(Math.abs((row?.at.getTime() ?? 0) - (Date.parse(BASE) + hours * 3_600_000))).toBeLessThan(1);
  });

  test.for([2.5e-7, 0.7776, 7_775_999.2])("plusSeconds(%s)", async (seconds, { db }) => {
    const [row] = await db.$queryRawUnsafe<{ at: Date }[]>(
      `SELECT ${plusSeconds("$1::timestamptz", "$2::float8")} AS at`,
      BASE,
      seconds,
    );
    expect(Math.abs((row?.at.getTime() ?? 0) - (Date.parse(BASE) + seconds * 1000))).toBeLessThan(1);
  });
});
