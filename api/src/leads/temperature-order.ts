// The leads inbox ordered HOT → WARM → COLD (newest first within each), paged forward by cursor.
//
// Temperature is not a column: it depends on the time since the click, so it changes while a lead
// sits in the inbox, and on the offer's current form. It cannot be stored or indexed. But it is
// bounded: only a lead of PENDING or APPROVED status whose click (or own time, without a click) is at
// most WARM_HORIZON_MS before `at` can score above COLD (see ./temperature.ts). So one page:
//
//   1. reads those recent candidates of the filter (the last three days of one inbox: bounded by the
//      leads' arrival rate, not by the inbox's size) and ranks them with the very rule the inbox
//      shows (temperatureOf), not with an SQL copy of it that could drift;
//   2. serves the HOT and WARM ones from memory, then the COLD part from the database in convertedAt
//      order: the COLD candidates (by id) together with every other lead of the filter;
//   3. continues after the cursor's (rank, convertedAt, id), the cursor lead ranked again the same way.
//
// All of it at one moment `at`: the caller passes the first page's moment to the next pages, so a
// lead that cools between two pages is neither shown twice nor skipped.
import type { Conversion, Prisma } from "@leadrail/db";
import type { Context } from "../context.ts";
import { DomainError } from "../errors.ts";
import { WARM_HORIZON_MS } from "./temperature.ts";
import { TEMPERATURE_RANK, temperatureOf, temperatureSelect } from "./temperature-facts.ts";

interface Key {
  rank: number;
  convertedAt: Date;
  id: string;
}

/** -1 when a comes first: rank ascending, then convertedAt and id descending (as NEWEST orders). */
function compare(a: Key, b: Key): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  const time = b.convertedAt.getTime() - a.convertedAt.getTime();
  if (time !== 0) return time;
  // Lower-case canonical UUID strings sort like PostgreSQL's uuid ordering (bytes in order).
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Leads that may be HOT or WARM at `at`, and the rest. A partition: every lead is in exactly one
 * (written without NOT over nullable columns, which SQL's three-valued logic would let slip through).
 */
function partition(at: Date): { recent: Prisma.ConversionWhereInput; old: Prisma.ConversionWhereInput } {
  const horizon = new Date(at.getTime() - WARM_HORIZON_MS);
  return {
    recent: {
      status: { in: ["PENDING", "APPROVED"] },
      OR: [{ clickAt: { gte: horizon } }, { clickAt: null, convertedAt: { gte: horizon } }],
    },
    old: {
      OR: [
        { status: { in: ["REJECTED", "REVERSED"] } },
        { clickAt: { lt: horizon } },
        { clickAt: null, convertedAt: { lt: horizon } },
      ],
    },
  };
}

interface PageQuery {
  take: number;
  skip: number;
  cursor?: Prisma.ConversionWhereUniqueInput;
  select?: Prisma.ConversionSelect;
  include?: Prisma.ConversionInclude;
}

/**
 * One page (what Pothos' prismaConnection asked for in `query`: `take` rows after `cursor`) of the
 * leads matching `where`, hottest first at `at`.
 */
export async function leadsByTemperature(
  ctx: Pick<Context, "db">,
  filter: { where: Prisma.ConversionWhereInput; tenancy: Prisma.ConversionWhereInput },
  query: PageQuery,
  at: Date,
): Promise<Conversion[]> {
  const { where, tenancy } = filter;
  const { take, skip, cursor, ...shape } = query;
  if (take < 0) {
    throw new DomainError("invalid_input", "ordered by temperature, leads page forward only (first/after)");
  }
  const { recent, old } = partition(at);
  const candidates = await ctx.db.conversion.findMany({
    where: { AND: [where, recent] },
    select: { id: true, ...temperatureSelect },
  });
  const keyOf = (row: (typeof candidates)[number]): Key => ({
    id: row.id,
    convertedAt: row.convertedAt,
    rank: TEMPERATURE_RANK[temperatureOf(row, at).temperature],
  });
  const ranked = candidates.map(keyOf);
  const coldCandidates = ranked.filter((k) => k.rank === TEMPERATURE_RANK.COLD).map((k) => k.id);
  const head = ranked.filter((k) => k.rank !== TEMPERATURE_RANK.COLD).sort(compare);

  let after: Key | null = null;
  if (cursor) {
    if (cursor.id === undefined || skip !== 1) throw new Error("leads are paged by their id");
    // Ranked again at `at`, by the same rule (it may no longer match the filter, as with
    // Prisma's own cursors); the filter's tenancy still applies: someone else's lead is no cursor.
    const row = await ctx.db.conversion.findFirst({
      where: { AND: [{ id: cursor.id }, tenancy] },
      select: { id: true, ...temperatureSelect },
    });
    if (!row) return [];
    after = keyOf(row);
  }
  const cursorKey = after;
  const ids = head.filter((k) => cursorKey === null || compare(k, cursorKey) > 0).map((k) => k.id);
  if (ids.length < take) {
    const coldAfter: Prisma.ConversionWhereInput =
      cursorKey !== null && cursorKey.rank === TEMPERATURE_RANK.COLD
        ? {
            OR: [
              { convertedAt: { lt: cursorKey.convertedAt } },
              { convertedAt: cursorKey.convertedAt, id: { lt: cursorKey.id } },
            ],
          }
        : {};
    const cold = await ctx.db.conversion.findMany({
      where: { AND: [where, { OR: [old, { id: { in: coldCandidates } }] }, coldAfter] },
      orderBy: [{ convertedAt: "desc" }, { id: "desc" }],
      take: take - ids.length,
      select: { id: true },
    });
    ids.push(...cold.map((row) => row.id));
  }
  const page = ids.slice(0, take);
  if (page.length === 0) return [];
  const rows = await ctx.db.conversion.findMany({ ...shape, where: { id: { in: page } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return page.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}
