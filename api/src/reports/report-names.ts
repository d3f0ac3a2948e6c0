// The names beside a report's ids, so a grouping by offer reads "Solar Leads US", not "13". Only ids
// that appear in the caller's own (already scoped) rows are looked up, so a name is never more than
// the row it labels: a publisher learns the names of offers it sent traffic to and its own name,
// an advertiser those of its offers and the publishers on them.
import type { Db } from "@leadrail/db";

export interface ReportNames {
  offers: ReadonlyMap<number, string>;
  publishers: ReadonlyMap<number, string>;
  advertisers: ReadonlyMap<number, string>;
}

interface Keyed {
  offerId: number | null;
  publisherId: number | null;
  advertiserId: number | null;
}

const idsOf = (rows: readonly Keyed[], pick: (row: Keyed) => number | null): number[] => [
  ...new Set(rows.map(pick).filter((id): id is number => id !== null)),
];

/** One query per kind of id present (none when the report is not grouped by it). */
export async function reportNames(db: Db, rows: readonly Keyed[]): Promise<ReportNames> {
  const offerIds = idsOf(rows, (r) => r.offerId);
  const publisherIds = idsOf(rows, (r) => r.publisherId);
  const advertiserIds = idsOf(rows, (r) => r.advertiserId);
  const select = { id: true, name: true } as const;
  const [offers, publishers, advertisers] = await Promise.all([
    offerIds.length ? db.offer.findMany({ where: { id: { in: offerIds } }, select }) : [],
    publisherIds.length ? db.publisher.findMany({ where: { id: { in: publisherIds } }, select }) : [],
    advertiserIds.length ? db.advertiser.findMany({ where: { id: { in: advertiserIds } }, select }) : [],
  ]);
  const byId = (list: { id: number; name: string }[]) => new Map(list.map((item) => [item.id, item.name]));
  return { offers: byId(offers), publishers: byId(publishers), advertisers: byId(advertisers) };
}
