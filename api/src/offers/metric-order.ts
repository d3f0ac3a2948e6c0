// Ordering the marketplace by the numbers publishers choose by (EPC, conversion rate). Those are
// computed from the rollup, not columns, so the database cannot order or page by them: the matching
// offers (a catalogue, not a click table) are ranked here and paged the way Prisma pages an ordered
// result, so the connection's id cursors work unchanged.

export interface RankedMetrics {
  id: number;
  clicks: bigint;
  uniqueClicks: bigint;
  approvedConversions: bigint;
  payout: bigint;
}

/** A fraction kept exact; compared by cross-multiplying (no float rounding decides an order). */
interface Ratio {
  num: bigint;
  den: bigint;
}

function epc(m: RankedMetrics): Ratio | null {
  return m.clicks === 0n ? null : { num: m.payout, den: m.clicks };
}

function conversionRate(m: RankedMetrics): Ratio | null {
  return m.uniqueClicks === 0n ? null : { num: m.approvedConversions, den: m.uniqueClicks };
}

/** Highest first, offers without clicks last, ties newest (highest id) first so the order is total. */
export function rankBy(metric: "EPC" | "CONVERSION_RATE", rows: readonly RankedMetrics[]): number[] {
  const value = metric === "EPC" ? epc : conversionRate;
  return rows
    .map((row) => ({ id: row.id, ratio: value(row) }))
    .sort((a, b) => {
      if (a.ratio === null || b.ratio === null) {
        if (a.ratio !== b.ratio) return a.ratio === null ? 1 : -1;
        return b.id - a.id;
      }
      const left = a.ratio.num * b.ratio.den;
      const right = b.ratio.num * a.ratio.den;
      if (left !== right) return left > right ? -1 : 1;
      return b.id - a.id;
    })
    .map((row) => row.id);
}

export interface PrismaPage {
  cursor?: { id?: number };
  skip?: number;
  take?: number;
}

/**
 * The slice of an ordered id list that Prisma would return for `{ cursor, skip, take }`: a positive
 * take reads forward from the cursor, a negative one backward up to it (still in list order); an
 * unknown cursor gives nothing.
 */
export function pageLikePrisma(ordered: readonly number[], page: PrismaPage): number[] {
  const skip = page.skip ?? 0;
  const take = page.take ?? ordered.length;
  let at = 0;
  if (page.cursor) {
    at = page.cursor.id === undefined ? -1 : ordered.indexOf(page.cursor.id);
    if (at === -1) return [];
  }
  if (take >= 0) {
    const from = at + skip;
    return ordered.slice(from, from + take);
  }
  const end = page.cursor ? at + 1 - skip : ordered.length;
  return ordered.slice(Math.max(0, end + take), Math.max(0, end));
}
