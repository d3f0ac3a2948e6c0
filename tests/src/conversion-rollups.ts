// The conversion rollups (kept by a trigger on `conversions`) against a recount of the conversion rows
// themselves, for some offers: both grains, as text so they compare with toEqual. Tests expect the two
// to be equal after any mix of writers.
import type { Db } from "@leadrail/db";

type Row = Record<string, string>;

const COUNTS = `count(*)::text AS conversions,
  count(*) FILTER (WHERE status = 'PENDING')::text AS pending,
  count(*) FILTER (WHERE status = 'APPROVED')::text AS approved,
  count(*) FILTER (WHERE status = 'REJECTED')::text AS rejected,
  count(*) FILTER (WHERE status = 'REVERSED')::text AS reversed,
  coalesce(sum(payout) FILTER (WHERE status = 'APPROVED'), 0)::text AS payout,
  coalesce(sum(revenue) FILTER (WHERE status = 'APPROVED'), 0)::text AS revenue`;
const STORED = `conversions::text AS conversions, pending_conversions::text AS pending,
  approved_conversions::text AS approved, rejected_conversions::text AS rejected,
  reversed_conversions::text AS reversed, payout::text, revenue::text`;

export async function conversionRollups(
  db: Db,
  offerIds: number[],
): Promise<{ stored: { hourly: Row[]; daily: Row[] }; recounted: { hourly: Row[]; daily: Row[] } }> {
  const offers = offerIds.map(Number).join(", ");
  // Rows a delete emptied stay behind with zeros; they hold nothing, so they are left out.
  const nonZero = "(conversions <> 0 OR payout <> 0 OR revenue <> 0)";
  const [storedHourly, storedDaily, hourly, daily] = await Promise.all([
    db.$queryRawUnsafe<Row[]>(`
      SELECT to_char(hour AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24') AS at, offer_id::text AS offer, currency::text, ${STORED}
      FROM hourly_offer_conversions WHERE offer_id IN (${offers}) AND ${nonZero} ORDER BY 1, 2, 3`),
    db.$queryRawUnsafe<Row[]>(`
      SELECT day::text AS at, offer_id::text AS offer, currency::text, country, device_type, ${STORED}
      FROM daily_conversion_segments WHERE offer_id IN (${offers}) AND ${nonZero} ORDER BY 1, 2, 3, 4, 5`),
    db.$queryRawUnsafe<Row[]>(`
      SELECT to_char(converted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24') AS at, offer_id::text AS offer,
        currency::text, ${COUNTS}
      FROM conversions WHERE offer_id IN (${offers}) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
    db.$queryRawUnsafe<Row[]>(`
      SELECT (converted_at AT TIME ZONE 'UTC')::date::text AS at, offer_id::text AS offer, currency::text,
        coalesce(country, '') AS country, coalesce(device_type::text, '') AS device_type, ${COUNTS}
      FROM conversions WHERE offer_id IN (${offers}) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`),
  ]);
  return { stored: { hourly: storedHourly, daily: storedDaily }, recounted: { hourly, daily } };
}
